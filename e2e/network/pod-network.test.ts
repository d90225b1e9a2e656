// The pod network and node-local DNS on lab hosts: a master, three node hosts each running
// kubelet and `bosun network`. host-gw first (pod to pod across nodes, the service sink, DNS
// names of services, headless services and pods, forwarding to an upstream, a removed node's
// route, --cleanup), then a second lab in vxlan mode and a third on the legacy iptables backend.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bosunBin } from '../support/paths.js';
import { waitFor } from '../support/process.js';
import { NetworkCluster, outsideIP, outsideName } from './cluster.js';
import { nslookupAddresses, Pods, type PodJson } from './pods.js';

const httpd = (text: string): string => `echo ${text} > /tmp/index.html; exec httpd -f -p 8080 -h /tmp`;

interface NodeJson { metadata: { name: string }; spec: { podCIDR?: string } }

async function podCIDRs(c: NetworkCluster): Promise<Map<string, string>> {
  const list = JSON.parse(await c.kubectl.ok(['get', 'nodes', '-o', 'json'])) as { items: NodeJson[] };
  return new Map(list.items.map((n) => [n.metadata.name, n.spec.podCIDR ?? '']));
}

async function routeTo(c: NetworkCluster, host: string, cidr: string): Promise<string> {
  return (await c.lab.exec(host, ['ip', 'route', 'show', 'exact', cidr])).stdout.trim();
}

/** Packets the host's vxlan device received (nsenter --net keeps the runner's /sys: ask ip). */
async function rxPackets(c: NetworkCluster, host: string): Promise<number> {
  const out = (await c.lab.exec(host, ['ip', '-j', '-s', 'link', 'show', 'bosun-vx'])).stdout;
  const links = JSON.parse(out) as { stats64?: { rx?: { packets?: number } } }[];
  return links[0]?.stats64?.rx?.packets ?? -1;
}

describe('pod network in host-gw mode', () => {
  let c: NetworkCluster;
  let pods: Pods;
  let a: PodJson;
  let b: PodJson;

  before(async () => {
    c = await NetworkCluster.start({ nodes: 3, mode: 'host-gw' });
    pods = new Pods(c);
  });
  after(async () => { await c?.stop(); });

  test('every node routes every other node\'s podCIDR via its InternalIP', async () => {
    const cidrs = await podCIDRs(c);
    for (const n of c.lab.nodes) {
      for (const peer of c.lab.nodes.filter((p) => p.name !== n.name)) {
        const want = `${cidrs.get(peer.name)} via ${peer.ip}`;
        await waitFor(`${n.name}: route ${want}`, async () => ((await routeTo(c, n.name, cidrs.get(peer.name)!)).startsWith(want) ? true : undefined), 20_000, 200);
      }
      assert.match(await routeTo(c, n.name, '10.244.0.0/16'), /^blackhole 10\.244\.0\.0\/16 proto 66/);
    }
  });

  test('a pod on n1 reaches a pod on n2 by pod IP, and sees its real source address', async () => {
    b = await pods.run({ ns: 'default', name: 'pod-b', node: 'n2', command: `${httpd('pod-b')} -vv 2>/tmp/log` });
    a = await pods.run({ ns: 'default', name: 'pod-a', node: 'n1', command: 'exec sleep 3600' });
    const r = await pods.exec(a, ['timeout', '5', 'wget', '-qO-', `http://${b.status.podIP}:8080/`]);
    assert.equal(r.out.trim(), 'pod-b', r.out);
    const log = await pods.exec(b, ['cat', '/tmp/log']);
    assert.ok(log.out.includes(a.status.podIP!), `pod-b saw ${log.out}, not pod-a's ${a.status.podIP}`);
  });

  test('a ClusterIP without rules goes to the sink device, and the DNS address lives there', async () => {
    for (const n of c.lab.nodes) {
      const r = await c.lab.exec(n.name, ['ip', 'route', 'get', '10.96.123.45']);
      assert.match(r.stdout, /dev bosun-svc src /, `${n.name}: ${r.stdout}${r.stderr}`);
      assert.doesNotMatch(r.stdout, / via /);
      const addr = await c.lab.exec(n.name, ['ip', '-4', '-o', 'addr', 'show', 'dev', 'bosun-svc']);
      assert.match(addr.stdout, /169\.254\.20\.10\/32/);
    }
    const fw = await c.lab.exec('n1', 'iptables-save');
    assert.match(fw.stdout, /-A DOCKER-USER -d 10\.244\.0\.0\/16 .*-j ACCEPT/);
    assert.match(fw.stdout, /-A DOCKER-USER -s 10\.244\.0\.0\/16 .*-j ACCEPT/);
    assert.match(fw.stdout, /-A POSTROUTING .*-j BOSUN-NET/);
    assert.match(fw.stdout, /-A BOSUN-NET -s 10\.244\.0\.0\/16 ! -d 10\.244\.0\.0\/16 .*-j MASQUERADE/);
  });

  describe('node-local DNS', () => {
    let client: PodJson;
    let clusterIP: string;
    let webIPs: string[];

    before(async () => {
      await c.kubectl.ok(['create', 'namespace', 'shop']);
      const webs = await Promise.all(['web-1', 'web-2'].map((name, i) =>
        pods.run({ ns: 'shop', name, node: `n${i + 1}`, command: httpd(name), labels: { app: 'web' } })));
      webIPs = webs.map((p) => p.status.podIP!).sort();
      await pods.apply(`apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: web-h, namespace: shop}
spec:
  clusterIP: None
  selector: {app: web}
  ports: [{name: http, port: 8080}]
`);
      clusterIP = (await c.kubectl.ok(['get', 'service', '-n', 'shop', 'web', '-o', 'jsonpath={.spec.clusterIP}'])).trim();
      client = await pods.run({ ns: 'shop', name: 'client', node: 'n3', command: 'exec sleep 3600' });
    });

    const lookup = async (name: string, ...opts: string[]): Promise<string[]> =>
      nslookupAddresses((await pods.exec(client, ['nslookup', ...opts, name])).out);

    test('the pod\'s resolv.conf points at the node-local address with the search path', async () => {
      const r = await pods.exec(client, ['cat', '/etc/resolv.conf']);
      assert.match(r.out, /nameserver 169\.254\.20\.10/);
      assert.match(r.out, /search shop\.svc\.cluster\.local svc\.cluster\.local cluster\.local/);
      assert.match(r.out, /options ndots:5/);
    });

    test('web, web.shop and web.shop.svc.cluster.local resolve to the ClusterIP', async () => {
      assert.match(clusterIP, /^10\.(9[6-9]|1[01]\d)\./);
      // busybox nslookup applies the search path only to names without a dot
      for (const name of ['web', 'web.shop.svc.cluster.local']) assert.deepEqual(await lookup(name), [clusterIP], `nslookup ${name}`);
      // the libc resolver (ndots:5, search path) as applications use it; the one echo request goes to the sink
      for (const name of ['web', 'web.shop', 'web.shop.svc.cluster.local']) {
        const r = await pods.exec(client, ['ping', '-c', '1', '-W', '1', name]);
        assert.match(r.out, new RegExp(`^PING ${name.replace(/\./g, '\\.')} \\(${clusterIP.replace(/\./g, '\\.')}\\)`), `getaddrinfo ${name}: ${r.out}`);
      }
    });

    test('a headless service resolves to its ready pod IPs; SRV names its port', async () => {
      const got = await waitFor('both endpoints in DNS', async () => {
        const ips = await lookup('web-h.shop.svc.cluster.local');
        return ips.length === 2 ? ips : undefined;
      }, 20_000, 250);
      assert.deepEqual(got, webIPs);
      const srv = await pods.exec(client, ['nslookup', '-type=srv', '_http._tcp.web.shop.svc.cluster.local']);
      assert.match(srv.out, /port = 80\b|\b80 web\.shop\.svc\.cluster\.local/, srv.out);
    });

    test('pods by IP name; unknown names in the zone are NXDOMAIN', async () => {
      const ip = webIPs[0]!;
      assert.deepEqual(await lookup(`${ip.replace(/\./g, '-')}.shop.pod.cluster.local`), [ip]);
      const r = await pods.exec(client, ['nslookup', 'nothere.shop.svc.cluster.local']);
      assert.match(r.out, /NXDOMAIN/, r.out);
    });

    test('a name outside the cluster is forwarded to the upstream resolver', async () => {
      assert.deepEqual(await lookup(outsideName), [outsideIP]);
      const r = await pods.exec(client, ['nslookup', 'unknown.example']);
      assert.match(r.out, /NXDOMAIN/, r.out);
    });

    test('the same answers over TCP', async () => {
      const r = await c.lab.exec('n3', ['busybox', 'nslookup', '-type=a', 'web.shop.svc.cluster.local', '169.254.20.10']);
      assert.deepEqual(nslookupAddresses(r.stdout), [clusterIP], r.stdout + r.stderr);
    });
  });

  test('routes that went with a link going down are added again', async () => {
    const cidrs = await podCIDRs(c);
    const n1Cidr = cidrs.get('n1')!;
    const r = await c.lab.exec('n2', `ip link set eth0 down && ip route show exact ${n1Cidr} && ip link set eth0 up`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), '', 'the kernel dropped the route with the link');
    await waitFor('n2 routes n1\'s podCIDR again', async () => ((await routeTo(c, 'n2', n1Cidr)).startsWith(`${n1Cidr} via ${c.lab.host('n1').ip}`) ? true : undefined), 20_000, 200);
    const back = await pods.exec(a, ['timeout', '5', 'wget', '-qO-', `http://${b.status.podIP}:8080/`]);
    assert.equal(back.out.trim(), 'pod-b');
  });

  test('a removed node\'s route goes from the other nodes; --cleanup removes everything the agent made', async () => {
    const cidrs = await podCIDRs(c);
    const gone = cidrs.get('n3')!;
    await c.lab.stopComponent('n3', 'kubelet');
    await c.lab.stopComponent('n3', 'network');
    await c.kubectl.ok(['delete', 'node', 'n3']);
    for (const n of ['n1', 'n2']) {
      await waitFor(`${n}: route to ${gone} removed`, async () => ((await routeTo(c, n, gone)) === '' ? true : undefined), 20_000, 200);
    }
    assert.notEqual(await routeTo(c, 'n1', cidrs.get('n2')!), '', 'the other node\'s route stays');

    const r = await c.lab.exec('n3', [process.execPath, bosunBin, 'network', '--cleanup']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await c.lab.exec('n3', ['ip', 'route', 'show', 'proto', '66'])).stdout.trim(), '');
    assert.notEqual((await c.lab.exec('n3', ['ip', 'link', 'show', 'bosun-svc'])).code, 0);
    const fw = (await c.lab.exec('n3', 'iptables-save')).stdout;
    assert.doesNotMatch(fw, /bosun-network|BOSUN-NET/);
    assert.match(fw, /-A FORWARD -j DOCKER-USER/, 'Docker\'s rules stay');
  });
});

describe('pod network in vxlan mode', () => {
  let c: NetworkCluster;
  let pods: Pods;

  before(async () => {
    c = await NetworkCluster.start({ nodes: 3, mode: 'vxlan' });
    pods = new Pods(c);
  });
  after(async () => { await c?.stop(); });

  test('routes go through the vxlan device with a neighbour and an FDB entry per node', async () => {
    const cidrs = await podCIDRs(c);
    for (const n of c.lab.nodes) {
      for (const peer of c.lab.nodes.filter((p) => p.name !== n.name)) {
        const cidr = cidrs.get(peer.name)!;
        const gw = cidr.split('/')[0]!;
        await waitFor(`${n.name}: vxlan route to ${cidr}`, async () =>
          ((await routeTo(c, n.name, cidr)).startsWith(`${cidr} via ${gw} dev bosun-vx`) ? true : undefined), 20_000, 200);
        const fdb = await c.lab.exec(n.name, ['bridge', 'fdb', 'show', 'dev', 'bosun-vx']);
        assert.match(fdb.stdout, new RegExp(`dst ${peer.ip.replace(/\./g, '\\.')}\\b`));
      }
      const link = await c.lab.exec(n.name, ['ip', '-d', 'link', 'show', 'bosun-vx']);
      assert.match(link.stdout, /mtu 1450/);
      assert.match(link.stdout, /vxlan id 1 /);
    }
  });

  test('a pod on n1 reaches pods on n2 and n3 by pod IP through vxlan, with a 1450 MTU', async () => {
    const b = await pods.run({ ns: 'default', name: 'pod-b', node: 'n2', command: 'head -c 300000 /dev/urandom | od -x > /tmp/index.html; exec httpd -f -p 8080 -h /tmp' });
    const d = await pods.run({ ns: 'default', name: 'pod-d', node: 'n3', command: httpd('pod-d') });
    const a = await pods.run({ ns: 'default', name: 'pod-a', node: 'n1', command: 'exec sleep 3600' });
    const mtu = await pods.exec(a, ['cat', '/sys/class/net/eth0/mtu']);
    assert.equal(mtu.out.trim(), '1450');
    const rxBefore = await rxPackets(c, 'n2');
    const big = await pods.exec(a, ['sh', '-c', `timeout 10 wget -qO- http://${b.status.podIP}:8080/ | wc -c`]);
    assert.ok(Number(big.out.trim()) > 700_000, `a large transfer came through: ${big.out}`);
    const rxAfter = await rxPackets(c, 'n2');
    assert.ok(rxAfter > rxBefore + 10, `n2's vxlan device received the traffic (${rxBefore} → ${rxAfter})`);
    const r = await pods.exec(a, ['timeout', '5', 'wget', '-qO-', `http://${d.status.podIP}:8080/`]);
    assert.equal(r.out.trim(), 'pod-d');
  });

  test('restarting the agents in host-gw mode swaps the vxlan routes for direct ones', async () => {
    const cidrs = await podCIDRs(c);
    for (const n of c.lab.nodes) {
      await c.lab.stopComponent(n.name, 'network');
      c.startNetwork(n, 'host-gw');
    }
    const n2 = c.lab.host('n2');
    await waitFor('n1 routes n2 via its IP', async () =>
      ((await routeTo(c, 'n1', cidrs.get('n2')!)).startsWith(`${cidrs.get('n2')} via ${n2.ip} dev eth0`) ? true : undefined), 20_000, 200);
    assert.notEqual((await c.lab.exec('n1', ['ip', 'link', 'show', 'bosun-vx'])).code, 0, 'the vxlan device is gone');
  });
});

describe('pod network on the legacy iptables backend', () => {
  let c: NetworkCluster;

  before(async () => { c = await NetworkCluster.start({ nodes: 2, mode: 'host-gw', iptables: 'legacy' }); });
  after(async () => { await c?.stop(); });

  test('the agent writes to the backend Docker uses, and pods reach each other through its accepts', async () => {
    const pods = new Pods(c);
    const b = await pods.run({ ns: 'default', name: 'pod-b', node: 'n2', command: httpd('pod-b') });
    const a = await pods.run({ ns: 'default', name: 'pod-a', node: 'n1', command: 'exec sleep 3600' });
    const r = await pods.exec(a, ['timeout', '5', 'wget', '-qO-', `http://${b.status.podIP}:8080/`]);
    assert.equal(r.out.trim(), 'pod-b', r.out);
    for (const n of c.lab.nodes) {
      const legacy = (await c.lab.exec(n.name, 'iptables-legacy-save')).stdout;
      const nft = (await c.lab.exec(n.name, 'iptables-nft-save')).stdout;
      assert.match(legacy, /-A DOCKER-USER -d 10\.244\.0\.0\/16 .*bosun-network.*-j ACCEPT/, `${n.name} legacy`);
      assert.match(legacy, /-A BOSUN-NET /);
      assert.doesNotMatch(nft, /bosun-network|BOSUN-NET|DOCKER/, `${n.name}: nothing in the nft backend`);
    }
  });
});
