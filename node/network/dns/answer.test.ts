import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Service } from '../../../shared/api/core/v1/service.js';
import type { EndpointSlice } from '../../../shared/api/discovery/v1/endpoint-slice.js';
import { Store } from '../../../shared/client/store.js';
import { answer, inCidr, type ZoneSettings } from './answer.js';
import { InformerClusterView, serviceIndexers, sliceIndexers } from './records.js';
import { handleQuery } from './server.js';
import { decodeMessage, encodeMessage, Rcode, RClass, RType, type ResourceRecord } from './wire.js';

const zone: ZoneSettings = { domain: 'cluster.local', reverseCidrs: ['10.244.0.0/16', '10.96.0.0/12'], ttl: 5 };

function service(ns: string, name: string, spec: Service['spec']): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { namespace: ns, name }, spec };
}

function slice(ns: string, svc: string, name: string, endpoints: NonNullable<EndpointSlice['endpoints']>, ports: EndpointSlice['ports']): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { namespace: ns, name, labels: { 'kubernetes.io/service-name': svc } },
    addressType: 'IPv4', endpoints, ports,
  };
}

function cluster(): InformerClusterView {
  const services = new Store<Service>({ indexers: serviceIndexers });
  const slices = new Store<EndpointSlice>({ indexers: sliceIndexers });
  services.replace([
    service('shop', 'web', { clusterIP: '10.96.0.10', ports: [{ name: 'http', protocol: 'TCP', port: 80 }, { name: 'dns', protocol: 'UDP', port: 53 }] }),
    service('shop', 'db', { clusterIP: 'None', ports: [{ name: 'pg', port: 5432 }] }),
    service('shop', 'ext', { type: 'ExternalName', externalName: 'db.example.com' }),
  ]);
  slices.replace([
    slice('shop', 'db', 'db-a', [
      { addresses: ['10.244.1.5'], conditions: { ready: true }, hostname: 'db-0' },
      { addresses: ['10.244.2.7'], conditions: { ready: true } },
      { addresses: ['10.244.3.9'], conditions: { ready: false } },
    ], [{ name: 'pg', protocol: 'TCP', port: 5432 }]),
    slice('shop', 'db', 'db-b', [{ addresses: ['10.244.2.7'], conditions: { ready: true } }], [{ name: 'pg', protocol: 'TCP', port: 5432 }]),
    slice('shop', 'web', 'web-a', [{ addresses: ['10.244.1.2'] }], [{ name: 'http', protocol: 'TCP', port: 8080 }]),
  ]);
  return new InformerClusterView(services, slices);
}

const view = cluster();
const ask = (name: string, type: number = RType.A) => answer({ name, type, class: RClass.IN }, view, zone);
const data = (rrs: readonly ResourceRecord[]) => rrs.map((r) => r.data);

describe('node-local DNS answers', () => {
  const cases: [string, number, number, unknown[]][] = [
    ['web.shop.svc.cluster.local', RType.A, Rcode.NoError, [{ kind: 'A', address: '10.96.0.10' }]],
    ['WEB.Shop.svc.cluster.local.', RType.A, Rcode.NoError, [{ kind: 'A', address: '10.96.0.10' }]],
    ['web.shop.svc.cluster.local', RType.AAAA, Rcode.NoError, []],
    ['db.shop.svc.cluster.local', RType.A, Rcode.NoError, [{ kind: 'A', address: '10.244.1.5' }, { kind: 'A', address: '10.244.2.7' }]],
    ['db-0.db.shop.svc.cluster.local', RType.A, Rcode.NoError, [{ kind: 'A', address: '10.244.1.5' }]],
    ['10-244-2-7.db.shop.svc.cluster.local', RType.A, Rcode.NoError, [{ kind: 'A', address: '10.244.2.7' }]],
    ['10-244-3-9.db.shop.svc.cluster.local', RType.A, Rcode.NXDomain, []],
    ['ext.shop.svc.cluster.local', RType.A, Rcode.NoError, [{ kind: 'CNAME', target: 'db.example.com' }]],
    ['nothere.shop.svc.cluster.local', RType.A, Rcode.NXDomain, []],
    ['web.other.svc.cluster.local', RType.A, Rcode.NXDomain, []],
    ['web.shop.cluster.local', RType.A, Rcode.NXDomain, []],
    ['shop.svc.cluster.local', RType.A, Rcode.NoError, []],
    ['10-244-1-2.shop.pod.cluster.local', RType.A, Rcode.NoError, [{ kind: 'A', address: '10.244.1.2' }]],
    ['10-244-1-999.shop.pod.cluster.local', RType.A, Rcode.NXDomain, []],
    ['_http._tcp.web.shop.svc.cluster.local', RType.SRV, Rcode.NoError, [{ kind: 'SRV', srv: { priority: 0, weight: 100, port: 80, target: 'web.shop.svc.cluster.local' } }]],
    ['_dns._udp.web.shop.svc.cluster.local', RType.SRV, Rcode.NoError, [{ kind: 'SRV', srv: { priority: 0, weight: 100, port: 53, target: 'web.shop.svc.cluster.local' } }]],
    ['_http._udp.web.shop.svc.cluster.local', RType.SRV, Rcode.NXDomain, []],
    ['_pg._tcp.db.shop.svc.cluster.local', RType.SRV, Rcode.NoError, [
      { kind: 'SRV', srv: { priority: 0, weight: 100, port: 5432, target: 'db-0.db.shop.svc.cluster.local' } },
      { kind: 'SRV', srv: { priority: 0, weight: 100, port: 5432, target: '10-244-2-7.db.shop.svc.cluster.local' } },
    ]],
    ['10.0.96.10.in-addr.arpa', RType.PTR, Rcode.NoError, [{ kind: 'PTR', target: 'web.shop.svc.cluster.local' }]],
    ['5.1.244.10.in-addr.arpa', RType.PTR, Rcode.NoError, [{ kind: 'PTR', target: 'db-0.db.shop.svc.cluster.local' }]],
    ['99.0.96.10.in-addr.arpa', RType.PTR, Rcode.NXDomain, []],
  ];
  for (const [name, type, rcode, want] of cases) {
    test(`${name} type ${type} → rcode ${rcode}, ${want.length} records`, () => {
      const a = ask(name, type);
      assert.equal(a.kind, 'reply');
      if (a.kind !== 'reply') return;
      assert.equal(a.rcode, rcode);
      assert.deepEqual(data(a.answers), want);
      if (rcode !== Rcode.NoError || want.length === 0) assert.equal(a.authorities[0]?.type, RType.SOA, 'negative answers carry the SOA');
    });
  }

  test('answers keep the name as asked', () => {
    const a = ask('WEB.shop.svc.cluster.local');
    assert.ok(a.kind === 'reply' && a.answers[0]?.name === 'WEB.shop.svc.cluster.local');
  });

  test('SRV answers bring the targets\' addresses as additionals', () => {
    const a = ask('_pg._tcp.db.shop.svc.cluster.local', RType.SRV);
    assert.ok(a.kind === 'reply');
    assert.deepEqual(a.additionals.map((r) => [r.name, r.data]), [
      ['db-0.db.shop.svc.cluster.local', { kind: 'A', address: '10.244.1.5' }],
      ['10-244-2-7.db.shop.svc.cluster.local', { kind: 'A', address: '10.244.2.7' }],
    ]);
  });

  test('names outside the zone and reverse names outside the cluster ranges go upstream', () => {
    for (const name of ['example.com', 'cluster.local.example.com', 'svc', '1.2.0.192.in-addr.arpa']) assert.equal(ask(name).kind, 'forward', name);
  });

  test('inCidr', () => {
    assert.equal(inCidr('10.111.255.1', '10.96.0.0/12'), true);
    assert.equal(inCidr('10.112.0.1', '10.96.0.0/12'), false);
    assert.equal(inCidr('1.2.3.4', '0.0.0.0/0'), true);
  });
});

describe('query handling', () => {
  const never = { forward: () => Promise.reject(new Error('no upstream in this test')) };
  const deps = (forward: (q: Uint8Array) => Promise<Uint8Array | undefined>) => ({
    view, zone, forwarder: { forward }, log: { debug: () => {}, info: () => {}, warn: () => {} },
  });
  const q = (name: string, id = 7, type: number = RType.A): Uint8Array => encodeMessage({
    header: { id, qr: false, opcode: 0, aa: false, tc: false, rd: true, ra: false, rcode: 0 },
    questions: [{ name, type, class: RClass.IN }], answers: [], authorities: [], additionals: [],
  });
  const signal = new AbortController().signal;

  test('a cluster name is answered authoritatively with the query\'s id', async () => {
    const reply = decodeMessage((await handleQuery(q('web.shop.svc.cluster.local', 4242), 'udp', deps(never.forward), signal))!);
    assert.equal(reply.header.id, 4242);
    assert.equal(reply.header.aa, true);
    assert.equal(reply.header.qr, true);
    assert.deepEqual(data(reply.answers), [{ kind: 'A', address: '10.96.0.10' }]);
  });

  test('other names are forwarded as they came, and the upstream\'s reply returned unchanged', async () => {
    const seen: Uint8Array[] = [];
    const upstream = Uint8Array.from([0, 9, 0x81, 0x80, 0, 0, 0, 0, 0, 0, 0, 0]);
    const reply = await handleQuery(q('example.com', 9), 'udp', deps(async (x) => { seen.push(x); return upstream; }), signal);
    assert.deepEqual(seen, [q('example.com', 9)]);
    assert.deepEqual(reply, upstream);
  });

  test('SERVFAIL when every upstream fails', async () => {
    const reply = decodeMessage((await handleQuery(q('example.com', 11), 'udp', deps(async () => undefined), signal))!);
    assert.equal(reply.header.rcode, Rcode.ServFail);
    assert.equal(reply.header.id, 11);
  });

  test('FORMERR for a query that does not parse; nothing for a reply', async () => {
    const bad = Uint8Array.from([0, 5, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 60]);
    assert.equal(decodeMessage((await handleQuery(bad, 'udp', deps(never.forward), signal))!).header.rcode, Rcode.FormErr);
    const reply = Uint8Array.from([0, 5, 0x81, 0x80, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.equal(await handleQuery(reply, 'udp', deps(never.forward), signal), undefined);
  });
});
