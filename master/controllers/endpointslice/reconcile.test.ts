import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Endpoint, EndpointPort, EndpointSlice } from '../../../shared/api/discovery/v1/endpoint-slice.js';
import { service } from '../endpoints/test-objects.js';
import { portsKey, type EndpointGroup } from './desired.js';
import { planSlices } from './reconcile.js';

const svc = service('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] }, { tier: 'front' });
const ports: EndpointPort[] = [{ name: 'http', port: 8080, protocol: 'TCP' }];
const ep = (n: number, ready = true): Endpoint => ({
  addresses: [`10.244.${Math.floor(n / 250)}.${(n % 250) + 1}`], conditions: { ready, serving: ready, terminating: false },
  targetRef: { kind: 'Pod', namespace: 'ns', name: `p${n}`, uid: `u${n}` },
});
const range = (from: number, to: number): Endpoint[] => Array.from({ length: to - from }, (_, i) => ep(from + i));
const desired = (...groups: EndpointGroup[]): Map<string, EndpointGroup> => new Map(groups.map((g) => [portsKey(g.ports), g]));
const labels = { tier: 'front', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' };
const owner = { apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-web', controller: true, blockOwnerDeletion: true };
const slice = (name: string, endpoints: Endpoint[], p: EndpointPort[] = ports, extra: Partial<EndpointSlice['metadata']> = {}): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
  metadata: { name, namespace: 'ns', uid: `uid-${name}`, resourceVersion: '5', labels, ownerReferences: [owner], ...extra },
  endpoints: endpoints.length > 0 ? endpoints : null, ports: p.length > 0 ? p : null,
});
const plan = (existing: EndpointSlice[], want: Map<string, EndpointGroup>) =>
  planSlices({ service: svc, existing, desired: want, maxEndpointsPerSlice: 100 });
const names = (slices: EndpointSlice[]) => slices.map((s) => s.metadata.name ?? s.metadata.generateName);
const counts = (slices: EndpointSlice[]) => slices.map((s) => (s.endpoints ?? []).length);

test('250 endpoints make slices of 100, 100 and 50, labelled and owned by the service', () => {
  const p = plan([], desired({ ports, endpoints: range(0, 250) }));
  assert.deepEqual(counts(p.create), [100, 100, 50]);
  assert.deepEqual(p.create[0]?.metadata, { generateName: 'web-', namespace: 'ns', labels, ownerReferences: [owner] });
  assert.equal(p.create[0]?.addressType, 'IPv4');
  assert.deepEqual(p.create[0]?.ports, ports);
  assert.deepEqual([p.update, p.delete], [[], []]);
});

test('nothing is written when the slices hold what is desired', () => {
  const p = plan([slice('web-a', range(0, 100)), slice('web-b', range(100, 130))], desired({ ports, endpoints: range(0, 130) }));
  assert.deepEqual([p.create, p.update, p.delete], [[], [], []]);
});

test('a changed endpoint is updated in place, in its slice, and the others stay put', () => {
  const changed = { ...ep(120), conditions: { ready: false, serving: false, terminating: false } };
  const want = range(0, 130);
  want[120] = changed;
  const p = plan([slice('web-a', range(0, 100)), slice('web-b', range(100, 130))], desired({ ports, endpoints: want }));
  assert.deepEqual(names(p.update), ['web-b']);
  assert.deepEqual(p.update[0]?.endpoints?.[20], changed);
  assert.equal(p.update[0]?.metadata.resourceVersion, '5');
  assert.deepEqual([p.create, p.delete], [[], []]);
});

test('new endpoints fill a slice with room rather than making another one', () => {
  const p = plan([slice('web-a', range(0, 100)), slice('web-b', range(100, 130))], desired({ ports, endpoints: range(0, 140) }));
  assert.deepEqual(names(p.update), ['web-b']);
  assert.deepEqual(counts(p.update), [40]);
  assert.deepEqual([p.create, p.delete], [[], []]);
});

test('a slice left empty is deleted; removed endpoints leave the rest where they were', () => {
  const p = plan([slice('web-a', range(0, 100)), slice('web-b', range(100, 130))], desired({ ports, endpoints: range(0, 90) }));
  assert.deepEqual(names(p.update), ['web-a']);
  assert.deepEqual(counts(p.update), [90]);
  assert.deepEqual(names(p.delete), ['web-b']);
  assert.deepEqual(p.create, []);
});

test('when the ports change, the old slice is recycled for the new port set', () => {
  const newPorts: EndpointPort[] = [{ name: 'http', port: 9090, protocol: 'TCP' }];
  const p = plan([slice('web-a', range(0, 3))], desired({ ports: newPorts, endpoints: range(0, 3) }));
  assert.deepEqual(names(p.update), ['web-a']);
  assert.deepEqual(p.update[0]?.ports, newPorts);
  assert.deepEqual([p.create, p.delete], [[], []]);
});

test('pods with different ports get slices of their own', () => {
  const other: EndpointPort[] = [{ name: 'http', port: 9090, protocol: 'TCP' }];
  const p = plan([], desired({ ports, endpoints: range(0, 2) }, { ports: other, endpoints: range(2, 3) }));
  assert.deepEqual(p.create.map((s) => [s.ports?.[0]?.port, (s.endpoints ?? []).length]), [[8080, 2], [9090, 1]]);
});

test('a service without endpoints keeps one empty placeholder slice', () => {
  const created = plan([], desired());
  assert.deepEqual(created.create.map((s) => [s.endpoints, s.ports]), [[null, null]]);
  const emptied = plan([slice('web-a', range(0, 100)), slice('web-b', range(100, 101))], desired());
  assert.deepEqual(names(emptied.update), ['web-b']);
  assert.deepEqual([emptied.update[0]?.endpoints, emptied.update[0]?.ports], [null, null]);
  assert.deepEqual(names(emptied.delete), ['web-a']);
  const kept = plan([slice('web-a', [], [])], desired());
  assert.deepEqual([kept.create, kept.update, kept.delete], [[], [], []]);
});

test('slices of an earlier service of that name are deleted, not reused', () => {
  const stale = slice('web-old', range(0, 1), ports, { ownerReferences: [{ ...owner, uid: 'gone' }] });
  const p = plan([stale], desired({ ports, endpoints: range(0, 1) }));
  assert.deepEqual(names(p.delete), ['web-old']);
  assert.deepEqual(names(p.create), ['web-']);
  assert.deepEqual(p.update, []);
});

test('changed service labels are written to every slice', () => {
  const p = planSlices({
    service: { ...svc, metadata: { ...svc.metadata, labels: { tier: 'back' } } },
    existing: [slice('web-a', range(0, 2))], desired: desired({ ports, endpoints: range(0, 2) }), maxEndpointsPerSlice: 100,
  });
  assert.equal(p.update[0]?.metadata.labels?.['tier'], 'back');
});
