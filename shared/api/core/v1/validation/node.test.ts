import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFieldError } from '../../../validation/field-error.js';
import { isDNS1123Subdomain } from '../../../validation/names.js';
import { defaultNode } from '../defaults.js';
import { exampleNode } from '../examples.js';
import type { Node } from '../node.js';
import { validateNode, validateNodeUpdate } from './node.js';

const quantityFormat = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

function node(mutate: (n: Node) => void): Node {
  const n = exampleNode();
  mutate(n);
  defaultNode(n);
  return n;
}

test('each node rule reports Kubernetes\' field path and wording', () => {
  const cases: Array<[string, Node, string[]]> = [
    ['a valid full node', node(() => undefined), []],
    ['a name that is not a subdomain', node((n) => { n.metadata.name = 'Node_1'; }), [
      `metadata.name: Invalid value: "Node_1": ${isDNS1123Subdomain('Node_1')[0] ?? ''}`,
    ]],
    ['a bad pod CIDR', node((n) => { n.spec = { podCIDR: '10.0.0.0/33' }; }), [
      'spec.podCIDRs[0]: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ]],
    ['two IPv4 pod CIDRs', node((n) => { n.spec = { podCIDRs: ['10.0.0.0/24', '10.0.1.0/24'] }; }), [
      'spec.podCIDRs: Invalid value: ["10.0.0.0/24","10.0.1.0/24"]: may specify no more than one CIDR for each IP family',
    ]],
    ['a taint with an unknown effect', node((n) => { n.spec = { taints: [{ key: 'k', effect: 'NoWay' as never }] }; }), [
      'metadata.taints[0].effect: Unsupported value: "NoWay": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ]],
    ['a taint twice', node((n) => { n.spec = { taints: [{ key: 'k', effect: 'NoSchedule' }, { key: 'k', value: 'v', effect: 'NoSchedule' }] }; }), [
      'metadata.taints[1]: Duplicate value: {"key":"k","value":"v","effect":"NoSchedule"}: taints must be unique by key and effect pair',
    ]],
    ['a capacity that does not parse', node((n) => { n.status = { capacity: { cpu: 'four' } }; }), [
      `status.capacity.cpu: Invalid value: "four": ${quantityFormat}`,
      `status.allocatable.cpu: Invalid value: "four": ${quantityFormat}`,
    ]],
    ['a fractional pod count', node((n) => { n.status = { capacity: { pods: '1.5' } }; }), [
      'status.capacity.pods: Invalid value: "1500m": must be an integer',
      'status.allocatable.pods: Invalid value: "1500m": must be an integer',
    ]],
  ];
  for (const [name, n, want] of cases) assert.deepEqual(validateNode(n).map(formatFieldError), want, name);
});

test('a node\'s pod CIDR and provider ID are set once', () => {
  const old = node(() => undefined);
  const changed = structuredClone(old);
  changed.spec = { ...changed.spec, podCIDR: '10.244.9.0/24', podCIDRs: ['10.244.9.0/24'], providerID: 'other://x' };
  assert.deepEqual(validateNodeUpdate(changed, old).map(formatFieldError), [
    'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
    'spec.providerID: Forbidden: node updates may not change providerID except from "" to valid',
  ]);
  const fresh = node((n) => { n.spec = {}; });
  const assigned = structuredClone(fresh);
  assigned.spec = { podCIDR: '10.244.3.0/24', podCIDRs: ['10.244.3.0/24'] };
  assert.deepEqual(validateNodeUpdate(assigned, fresh), []);
});
