// Two apiservers on one etcd: 200 NodePort Services created concurrently through both get
// 200 distinct ClusterIPs and 200 distinct NodePorts; deleting releases them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiserverProcess } from '../support/apiserver.js';
import { EtcdCluster } from '../support/etcd.js';

interface Svc { metadata: { name: string }; spec: { clusterIP: string; ports: { nodePort: number }[] } }

async function create(url: string, body: unknown): Promise<Response> {
  return fetch(`${url}/api/v1/namespaces/default/services`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
}

const svc = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name },
  spec: { type: 'NodePort', selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }], ...extra },
});

describe('ClusterIP and NodePort allocation across two apiservers', () => {
  let etcd: EtcdCluster;
  let a: ApiserverProcess;
  let b: ApiserverProcess;
  before(async () => {
    etcd = await EtcdCluster.start(1);
    a = await ApiserverProcess.start(etcd.endpoints);
    b = await ApiserverProcess.start(etcd.endpoints);
  });
  after(async () => { await a?.stop(); await b?.stop(); await etcd?.stop(); });

  test('hands out 200 distinct IPs and ports under concurrent creates', async () => {
    const names = Array.from({ length: 200 }, (_, i) => `svc-${i}`);
    const results: Svc[] = [];
    let next = 0;
    const worker = async (url: string) => {
      while (next < names.length) {
        const name = names[next++]!;
        const res = await create(url, svc(name));
        assert.equal(res.status, 201, await res.clone().text());
        results.push(await res.json() as Svc);
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, i) => worker(i % 2 === 0 ? a.url : b.url)));
    assert.equal(results.length, 200);
    assert.equal(new Set(results.map((s) => s.spec.clusterIP)).size, 200);
    assert.equal(new Set(results.map((s) => s.spec.ports[0]!.nodePort)).size, 200);
  });

  // A requested IP and port the 200 random allocations above did not take.
  let ip = '';
  let port = 0;

  test('honours a requested IP and port, and refuses one already taken', async () => {
    const list = await (await fetch(`${a.url}/api/v1/services`)).json() as { items: Svc[] };
    const ips = new Set(list.items.map((x) => x.spec.clusterIP));
    const ports = new Set(list.items.flatMap((x) => x.spec.ports.map((p) => p.nodePort)));
    let last = 7;
    while (ips.has(`10.96.7.${last}`)) last++;
    ip = `10.96.7.${last}`;
    port = 32000;
    while (ports.has(port)) port++;
    const ok = await create(a.url, svc('fixed', { clusterIP: ip, ports: [{ port: 80, nodePort: port }] }));
    assert.equal(ok.status, 201, await ok.clone().text());
    const dupIP = await create(b.url, svc('dup-ip', { clusterIP: ip }));
    assert.equal(dupIP.status, 422);
    const body = await dupIP.json() as { message: string; details: { causes: { field: string }[] } };
    assert.ok(body.message.includes(`spec.clusterIPs: Invalid value: ["${ip}"]: failed to allocate IP ${ip}: provided IP is already allocated`), body.message);
    const dupPort = await create(a.url, svc('dup-port', { ports: [{ port: 80, nodePort: port }] }));
    assert.equal(dupPort.status, 422);
    assert.ok((await dupPort.json() as { message: string }).message.includes(`spec.ports[0].nodePort: Invalid value: ${port}: provided port is already allocated`));
    const outside = await create(a.url, svc('outside', { clusterIP: '192.168.1.1' }));
    assert.equal(outside.status, 422);
  });

  test('releases the IP and port of a deleted Service', async () => {
    const del = await fetch(`${a.url}/api/v1/namespaces/default/services/fixed`, { method: 'DELETE' });
    assert.equal(del.status, 200);
    const again = await create(b.url, svc('fixed-again', { clusterIP: ip, ports: [{ port: 80, nodePort: port }] }));
    assert.equal(again.status, 201, await again.clone().text());
  });
});
