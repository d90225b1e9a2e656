import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFieldError } from '../../../validation/field-error.js';
import { isDNS1035Label } from '../../../validation/names.js';
import { defaultService } from '../defaults.js';
import { exampleService } from '../examples.js';
import type { Service, ServiceSpec } from '../service.js';
import { validateService, validateServiceUpdate } from './service.js';

function svc(spec: ServiceSpec): Service {
  const s: Service = { metadata: { name: 'web', namespace: 'default' }, spec };
  defaultService(s);
  return s;
}

const one = (): ServiceSpec => ({ selector: { app: 'web' }, ports: [{ port: 80 }] });

type Case = readonly [string, Service, readonly string[]];

const cases: readonly Case[] = [
  ['a plain ClusterIP service', svc(one()), []],
  ['no ports', svc({ selector: { app: 'web' } }), ['spec.ports: Required value']],
  ['a headless service without ports', svc({ clusterIP: 'None' }), []],
  ['an ExternalName service', svc({ type: 'ExternalName', externalName: 'db.example.com.' }), []],
  ['an ExternalName service without a name', svc({ type: 'ExternalName' }), ['spec.externalName: Required value']],
  ['a port of 0', svc({ ports: [{ port: 0 }] }), [
    'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
    'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
  ]],
  ['two ports without names', svc({ ports: [{ port: 80 }, { port: 443 }] }), [
    'spec.ports[0].name: Required value', 'spec.ports[1].name: Required value',
  ]],
  ['two ports of one name', svc({ ports: [{ name: 'web', port: 80 }, { name: 'web', port: 443 }] }), [
    'spec.ports[1].name: Duplicate value: "web"',
  ]],
  ['one port twice', svc({ ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }), [
    'spec.ports[1]: Duplicate value: {"port":80,"protocol":"TCP"}',
  ]],
  ['an unknown protocol', svc({ ports: [{ port: 80, protocol: 'ICMP' as never }] }), [
    'spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
  ]],
  ['a bad clusterIP', svc({ clusterIP: '10.96.0.300', ports: [{ port: 80 }] }), [
    'spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
  ]],
  ['clusterIPs disagreeing with clusterIP', svc({ clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.21'], ports: [{ port: 80 }] }), [
    'spec.clusterIPs: Invalid value: ["10.96.0.21"]: first value must match `clusterIP`',
  ]],
  ['an unknown type', svc({ type: 'Magic' as never, ports: [{ port: 80 }] }), [
    'spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
  ]],
  ['an unknown session affinity', svc({ sessionAffinity: 'Sticky' as never, ports: [{ port: 80 }] }), [
    'spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"',
  ]],
  ['a node port on a ClusterIP service', svc({ ports: [{ port: 80, nodePort: 30080 }] }), [
    "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
  ]],
  ['a headless NodePort service', svc({ type: 'NodePort', clusterIP: 'None', ports: [{ port: 80 }] }), [
    "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services",
  ]],
  ['an external traffic policy on a ClusterIP service', svc({ externalTrafficPolicy: 'Local', ports: [{ port: 80 }] }), [
    'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
  ]],
  ['a loopback external IP', svc({ externalIPs: ['127.0.0.1'], ports: [{ port: 80 }] }), [
    'spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
  ]],
  ['an invalid selector', svc({ selector: { app: 'no spaces allowed' }, ports: [{ port: 80 }] }), [
    `spec.selector: Invalid value: "no spaces allowed": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
  ]],
  ['a ClientIP timeout too long', svc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 90000 } }, ports: [{ port: 80 }] }), [
    'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 90000: must be greater than 0 and less than 86400',
  ]],
];

test('each service rule reports Kubernetes\' field path and wording', () => {
  for (const [name, s, want] of cases) assert.deepEqual(validateService(s).map(formatFieldError), want, name);
});

test('service names are DNS-1035 labels', () => {
  const s = svc(one());
  s.metadata.name = '1web';
  assert.deepEqual(validateService(s).map(formatFieldError), [`metadata.name: Invalid value: "1web": ${isDNS1035Label('1web')[0] ?? ''}`]);
});

test('a valid full service passes', () => {
  const s = exampleService();
  defaultService(s);
  assert.deepEqual(validateService(s).map(formatFieldError), []);
});

test('a cluster IP may not change, except to or from ExternalName', () => {
  const old = svc({ clusterIP: '10.96.0.20', ports: [{ port: 80 }] });
  const moved = svc({ clusterIP: '10.96.0.21', clusterIPs: ['10.96.0.21'], ports: [{ port: 80 }] });
  assert.deepEqual(validateServiceUpdate(moved, old).map(formatFieldError), [
    'spec.clusterIPs[0]: Invalid value: ["10.96.0.21"]: may not change once set',
  ]);
  const unset = svc({ ports: [{ port: 80 }] });
  assert.deepEqual(validateServiceUpdate(unset, old).map(formatFieldError), [
    'spec.clusterIPs[0]: Invalid value: []: primary clusterIP can not be unset',
  ]);
  const external = svc({ type: 'ExternalName', externalName: 'db.example.com' });
  assert.deepEqual(validateServiceUpdate(external, old), []);
  assert.deepEqual(validateServiceUpdate(structuredClone(old), old), []);
});
