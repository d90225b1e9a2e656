import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EndpointInfo, ProxySnapshot, ServicePortInfo } from '../snapshot.js';
import { buildRuleset } from './build.js';
import { chainName, endpointSeed } from './names.js';
import { failedLine, linesAround, renderRestore, type Applied } from './render.js';

const sp = (name: string, clusterIP: string, endpoints: EndpointInfo[]): ServicePortInfo => ({
  id: `${name}/tcp`, name, proto: 'tcp', clusterIP, port: 80, nodePort: 0, externalIPs: [], externalLocal: false, affinitySeconds: 0, endpoints,
});
const ep = (ip: string): EndpointInfo => ({ ip, port: 8080, local: false });
const snap = (...servicePorts: ServicePortInfo[]): ProxySnapshot => ({ clusterCIDR: '10.244.0.0/16', masqueradeAll: false, servicePorts });
const svc = (name: string): string => chainName('SVC', `${name}/tcp`);
const sep = (name: string, ip: string): string => chainName('SEP', endpointSeed(`${name}/tcp`, ip, 8080));
/** The chains a restore text declares, per table. */
const declared = (text: string): string[] => {
  const out: string[] = [];
  let table = '';
  for (const l of text.split('\n')) {
    if (l.startsWith('*')) table = l.slice(1);
    if (l.startsWith(':')) out.push(`${table}/${l.slice(1).split(' ')[0]}`);
  }
  return out.sort();
};
const deletes = (text: string): string[] => text.split('\n').filter((l) => l.startsWith('-X ')).map((l) => l.slice(3));

const a = sp('ns/a', '10.96.0.1', [ep('10.244.1.2'), ep('10.244.2.2')]);
const b = sp('ns/b', '10.96.0.2', [ep('10.244.1.3')]);
const base = (): Applied => renderRestore(buildRuleset(snap(a, b)), { previous: undefined }).applied;

test('a partial sync with nothing changed writes nothing', () => {
  const r = renderRestore(buildRuleset(snap(a, b)), { previous: base() });
  assert.equal(r.text, '');
  assert.equal(r.writtenChains, 0);
});

test('an endpoint added to one service writes its service chain and the new endpoint chain only', () => {
  const a2 = { ...a, endpoints: [...a.endpoints, ep('10.244.3.2')] };
  const r = renderRestore(buildRuleset(snap(a2, b)), { previous: base() });
  assert.deepEqual(declared(r.text), [`nat/${sep('ns/a', '10.244.3.2')}`, `nat/${svc('ns/a')}`].sort());
  assert.deepEqual(deletes(r.text), []);
  assert.match(r.text, /--probability 0.3333333333/);
});

test('an endpoint removed: the service chain is rewritten and the endpoint chain flushed and deleted', () => {
  const a2 = { ...a, endpoints: [ep('10.244.1.2')] };
  const r = renderRestore(buildRuleset(snap(a2, b)), { previous: base() });
  assert.deepEqual(declared(r.text), [`nat/${sep('ns/a', '10.244.2.2')}`, `nat/${svc('ns/a')}`].sort());
  assert.deepEqual(deletes(r.text), [sep('ns/a', '10.244.2.2')]);
  assert.ok(r.text.indexOf(`-X ${sep('ns/a', '10.244.2.2')}`) > r.text.indexOf(`-A ${svc('ns/a')}`), 'deleted after the rule that used it is gone');
});

test('a service losing its last endpoint: its nat chains go, the dispatch rule goes, a filter REJECT comes', () => {
  const b2 = { ...b, endpoints: [] };
  const r = renderRestore(buildRuleset(snap(a, b2)), { previous: base() });
  assert.deepEqual(declared(r.text), ['filter/BOSUN-SERVICES', 'nat/BOSUN-SERVICES', `nat/${sep('ns/b', '10.244.1.3')}`, `nat/${svc('ns/b')}`].sort());
  assert.deepEqual(deletes(r.text).sort(), [sep('ns/b', '10.244.1.3'), svc('ns/b')].sort());
  assert.match(r.text, /-A BOSUN-SERVICES -m comment --comment "ns\/b has no endpoints" -d 10.96.0.2\/32 -p tcp -m tcp --dport 80 -j REJECT/);
});

test('a full sync over chains a previous process left deletes the stale ones of ours and never names others', () => {
  const existing = new Set(['nat/BOSUN-SVC-AAAAAAAAAAAAAAAA', 'nat/BOSUN-SEP-BBBBBBBBBBBBBBBB', 'filter/BOSUN-OLD', 'nat/DOCKER', 'filter/DOCKER-USER', `nat/${svc('ns/a')}`]);
  const r = renderRestore(buildRuleset(snap(a, b)), { previous: undefined, existing });
  assert.deepEqual(deletes(r.text).sort(), ['BOSUN-OLD', 'BOSUN-SEP-BBBBBBBBBBBBBBBB', 'BOSUN-SVC-AAAAAAAAAAAAAAAA']);
  assert.doesNotMatch(r.text, /DOCKER/);
  assert.ok(declared(r.text).includes(`nat/${svc('ns/a')}`), 'a full sync rewrites every wanted chain');
  assert.equal(r.writtenChains, 3 + 4 + 2 + 3);
});

test('the line an iptables-restore error names, and the lines around it', () => {
  assert.equal(failedLine('iptables-restore: line 12 failed'), 12);
  assert.equal(failedLine("iptables-restore v1.8.9 (nf_tables): Chain 'X' does not exist\nError occurred at line: 7\n"), 7);
  assert.equal(failedLine('something else'), undefined);
  const text = Array.from({ length: 20 }, (_, i) => `l${i + 1}`).join('\n');
  assert.deepEqual(linesAround(text, 2, 2), ['      1: l1', '>     2: l2', '      3: l3', '      4: l4']);
});
