import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EndpointInfo, ProxySnapshot, ServicePortInfo } from '../snapshot.js';
import { RulesetBuilder, buildPort, buildRuleset } from './build.js';
import { chainName, endpointSeed } from './names.js';
import { StreamedFullRender, appliedOf, failedLine, linesAround, renderRestore, type Applied, type FullCounts } from './render.js';
import { tableSizes } from './rule-text.js';

const sp = (name: string, clusterIP: string, endpoints: EndpointInfo[]): ServicePortInfo => ({
  id: `${name}/tcp`, name, proto: 'tcp', clusterIP, port: 80, nodePort: 0, externalIPs: [], externalLocal: false, affinitySeconds: 0, endpoints,
});
const ep = (ip: string): EndpointInfo => ({ ip, port: 8080, local: false });
const snap = (...servicePorts: ServicePortInfo[]): ProxySnapshot => ({ clusterCIDR: '10.244.0.0/16', masqueradeAll: false, largeCluster: false, servicePorts });
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

test('a full sync over chains a previous process left deletes the stale ones of ours and never names others (Docker\'s, bosun network\'s BOSUN-NET)', () => {
  const existing = new Set(['nat/BOSUN-SVC-AAAAAAAAAAAAAAAA', 'nat/BOSUN-SEP-BBBBBBBBBBBBBBBB', 'nat/BOSUN-NET', 'filter/BOSUN-OTHER', 'nat/DOCKER', 'filter/DOCKER-USER', `nat/${svc('ns/a')}`]);
  const r = renderRestore(buildRuleset(snap(a, b)), { previous: undefined, existing });
  assert.deepEqual(deletes(r.text).sort(), ['BOSUN-SEP-BBBBBBBBBBBBBBBB', 'BOSUN-SVC-AAAAAAAAAAAAAAAA']);
  assert.doesNotMatch(r.text, /DOCKER|BOSUN-NET|BOSUN-OTHER/);
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

/** Applies restores to a model of the kernel's chains; fails when a rule jumps to a chain not there or a deleted chain is still used. */
function replay(restores: readonly string[], kernel = new Map<string, string[]>()): Map<string, string[]> {
  for (const text of restores) {
    let table = '';
    for (const l of text.split('\n')) {
      if (l.startsWith('*')) table = l.slice(1);
      else if (l.startsWith(':')) kernel.set(`${table}/${l.slice(1).split(' ')[0]}`, []);
      else if (l.startsWith('-A ') || l.startsWith('-I ')) {
        const [, chain] = l.split(' ');
        const target = / -j (BOSUN-\S+)/.exec(l)?.[1];
        if (target !== undefined) assert.ok(kernel.has(`${table}/${target}`), `${l}: ${target} is not loaded`);
        if (chain!.startsWith('BOSUN-')) kernel.get(`${table}/${chain}`)!.push(l);
      } else if (l.startsWith('-X ')) {
        const name = l.slice(3);
        for (const [k, rules] of kernel) assert.ok(k === `${table}/${name}` || !rules.some((r) => r.endsWith(` -j ${name}`) || r.includes(` -j ${name} `)), `${name} deleted while ${k} jumps to it`);
        kernel.delete(`${table}/${name}`);
      }
    }
  }
  return kernel;
}

const many = (n: number, eps: number, from = 0): ServicePortInfo[] => Array.from({ length: n }, (_, i) =>
  sp(`ns/s${String(i).padStart(4, '0')}`, `10.96.${i >> 8}.${i & 255}`, Array.from({ length: eps }, (_, k) => ep(`10.244.${k}.${(i + from) & 255}`))));

test('cut into restores of bounded size: endpoint chains, then service chains, then the dispatch chains in the last; no jump ever names a chain not loaded', () => {
  const r = renderRestore(buildRuleset(snap(...many(200, 5))), { previous: undefined, maxLines: 500, builtin: { nat: ['-I PREROUTING -m comment --comment "bosun service portals" -j BOSUN-SERVICES'] } });
  assert.ok(r.restores.length >= 6, `${r.restores.length} restores`);
  const one = renderRestore(buildRuleset(snap(...many(200, 5))), { previous: undefined, builtin: { nat: ['-I PREROUTING -m comment --comment "bosun service portals" -j BOSUN-SERVICES'] } });
  const ruleLines = (t: string): string[] => t.split('\n').filter((l) => /^[-:]/.test(l)).sort();
  assert.deepEqual(ruleLines(r.text), ruleLines(one.text), 'the same lines as one restore');
  assert.equal(one.restores.length, 1);
  for (const t of r.restores.slice(0, -1)) {
    assert.ok(t.split('\n').length <= 500 + 20, 'bounded');
    assert.doesNotMatch(t, /^:BOSUN-SERVICES /m, 'dispatch chains only in the last restore');
  }
  const firstSvc = r.restores.findIndex((t) => /^:BOSUN-SVC-/m.test(t));
  const lastSep = Math.max(...r.restores.map((t, i) => (/^:BOSUN-SEP-/m.test(t) ? i : -1)));
  assert.ok(lastSep <= firstSvc, 'every endpoint chain before the first service chain');
  const kernel = replay(r.restores);
  assert.equal(kernel.get(`nat/${svc('ns/s0007')}`)!.length, 6, 'masquerade mark and five endpoints');
  // A later full sync with half the services and other endpoints, over that kernel: stale chains go last, unused.
  const r2 = renderRestore(buildRuleset(snap(...many(100, 4, 1))), { previous: undefined, maxLines: 500, existing: new Set(kernel.keys()) });
  const after = replay(r2.restores, kernel);
  assert.ok(r2.restores.length >= 3);
  assert.ok(r2.restores[r2.restores.length - 1]!.includes(`-X ${svc('ns/s0150')}`));
  assert.equal([...after.keys()].filter((k) => k.includes('BOSUN-SVC-')).length, 100);
  assert.equal([...after.keys()].filter((k) => k.includes('BOSUN-SEP-')).length, 400);
});

test('the builder rebuilds only the service ports whose inputs changed, and the render skips the others whole', () => {
  const b = new RulesetBuilder();
  const ports = many(50, 3);
  const first = b.build(snap(...ports));
  assert.equal(b.rebuilt, 50);
  const applied = renderRestore(first, { previous: undefined }).applied;
  const changed = [...ports];
  changed[7] = { ...ports[7]!, endpoints: [ep('10.244.9.9')] };
  const second = b.build(snap(...structuredClone(changed)));
  assert.equal(b.rebuilt, 1, 'equal inputs in new objects are reused');
  assert.equal(second.ports[3], first.ports[3]);
  const r = renderRestore(second, { previous: applied });
  const gone = deletes(r.text);
  assert.deepEqual(gone.sort(), [0, 1, 2].map((k) => sep('ns/s0007', `10.244.${k}.7`)).sort());
  assert.deepEqual(declared(r.text).filter((d) => !gone.includes(d.slice(4))), [`nat/${sep('ns/s0007', '10.244.9.9')}`, `nat/${svc('ns/s0007')}`].sort());
  assert.equal(r.restores.length, 1);
});

/** A StreamedFullRender fed `ports` the way the syncer feeds it (in the order they come): the whole text and counts. */
function streamed(ports: readonly ServicePortInfo[], existing: ReadonlySet<string>, builtin: Partial<Record<'nat' | 'filter', string[]>>): { text: string; end: FullCounts } {
  const render = new StreamedFullRender();
  const ctx = snap();
  let text = render.head();
  for (const sp of ports) text += render.port(buildPort(ctx, sp));
  const end = render.finish(ctx, { existing, builtin });
  return { text: text + end.text, end };
}

test('a streamed full render holds the lines of the full render, in an order one restore loads, with the same counts and state', () => {
  const builtin = { nat: ['-I PREROUTING -m comment --comment "bosun service portals" -j BOSUN-SERVICES'] };
  const old = replay([renderRestore(buildRuleset(snap(...many(60, 3))), { previous: undefined }).text]);
  const existing = new Set([...old.keys(), 'nat/BOSUN-NET', 'nat/DOCKER']);
  const ports = many(40, 4, 1);
  const rs = buildRuleset(snap(...ports));
  const full = renderRestore(rs, { previous: undefined, existing, builtin });
  const s = streamed([...ports].reverse(), existing, builtin);   // the caches' order is not the ruleset's
  // Every line in the same chain in the same order (the shared chains' rules in port order).
  const chainLines = (t: string): string[] => {
    const by = new Map<string, string[]>();
    for (const l of t.split('\n').filter((x) => /^[-:]/.test(x))) {
      const key = l.startsWith(':') ? ':' : l.split(' ')[1]!;
      by.set(key, [...(by.get(key) ?? []), l]);
    }
    return [...by].map(([k, ls]) => `${k}\n${(k === ':' ? ls.sort() : ls).join('\n')}`).sort();
  };
  assert.deepEqual(chainLines(s.text), chainLines(full.text));
  assert.equal(s.end.lines, full.lines);
  assert.equal(s.end.writtenChains, full.writtenChains);
  assert.deepEqual(s.end.sizes, tableSizes(rs));
  assert.deepEqual([...s.end.deletedChains].sort(), [...full.deletedChains].sort());
  assert.deepEqual(appliedOf(rs), full.applied);
  assert.deepEqual(s.text.split('\n').filter((l) => l.startsWith('*')), ['*nat', '*filter'], 'one section a table');
  const after = replay([s.text], old);                        // every jump loaded before it is used; deletions unused
  assert.equal([...after.keys()].filter((k) => k.includes('BOSUN-SEP-')).length, 160);
  assert.ok(!after.has(`nat/${svc('ns/s0050')}`), 'a stale chain deleted');
});
