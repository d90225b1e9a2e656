import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EndpointInfo, ProxySnapshot, ServicePortInfo } from '../snapshot.js';
import { buildRuleset } from './build.js';
import { chainName } from './names.js';
import { renderRestore } from './render.js';

const sp = (over: Partial<ServicePortInfo> & Pick<ServicePortInfo, 'name' | 'clusterIP'>): ServicePortInfo => ({
  id: `${over.name}/${over.proto ?? 'tcp'}`, proto: 'tcp', port: 80, nodePort: 0, externalIPs: [], externalLocal: false,
  affinitySeconds: 0, endpoints: [], ...over,
});
const ep = (ip: string, port: number, local = false): EndpointInfo => ({ ip, port, local });
const snapOf = (...servicePorts: ServicePortInfo[]): ProxySnapshot => ({ clusterCIDR: '10.244.0.0/16', masqueradeAll: false, largeCluster: false, servicePorts });
const full = (s: ProxySnapshot): string => renderRestore(buildRuleset(s), { previous: undefined }).text;

test('chain names are the prefix and 16 base32 characters of a SHA-256 of the seed', () => {
  assert.equal(chainName('SVC', 'default/web:http/tcp'), 'BOSUN-SVC-OSC5D42RU6KJHZT7');
  assert.match(chainName('SEP', 'x'), /^BOSUN-SEP-[A-Z2-7]{16}$/);
  assert.ok(chainName('XLB', 'default/a/tcp').length <= 28);
});

test('a ClusterIP with two endpoints and a NodePort without any: the whole text', () => {
  const text = full(snapOf(
    sp({ id: 'default/web:http/tcp', name: 'default/web:http', clusterIP: '10.96.0.10', endpoints: [ep('10.244.1.5', 8080, true), ep('10.244.2.7', 8080)] }),
    sp({ name: 'default/empty', clusterIP: '10.96.0.11', nodePort: 30080 }),
  ));
  assert.equal(text, `*filter
:BOSUN-SERVICES - [0:0]
:BOSUN-EXTERNAL-SERVICES - [0:0]
:BOSUN-FORWARD - [0:0]
-A BOSUN-SERVICES -m comment --comment "default/empty has no endpoints" -d 10.96.0.11/32 -p tcp -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable
-A BOSUN-EXTERNAL-SERVICES -m comment --comment "default/empty has no endpoints" -m addrtype --dst-type LOCAL -p tcp -m tcp --dport 30080 -j REJECT --reject-with icmp-port-unreachable
-A BOSUN-FORWARD -m comment --comment "bosun forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
-A BOSUN-FORWARD -m comment --comment "bosun forwarding conntrack rule" -s 10.244.0.0/16 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A BOSUN-FORWARD -m comment --comment "bosun forwarding conntrack rule" -d 10.244.0.0/16 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
COMMIT
*nat
:BOSUN-POSTROUTING - [0:0]
:BOSUN-MARK-MASQ - [0:0]
:BOSUN-SEP-LXP5UW4MWEFI75UY - [0:0]
:BOSUN-SEP-GTHPTEHSK3TMFPPL - [0:0]
:BOSUN-SVC-OSC5D42RU6KJHZT7 - [0:0]
:BOSUN-SERVICES - [0:0]
:BOSUN-NODEPORTS - [0:0]
-A BOSUN-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A BOSUN-POSTROUTING -j MARK --xor-mark 0x4000
-A BOSUN-POSTROUTING -m comment --comment "bosun service traffic requiring SNAT" -j MASQUERADE --random-fully
-A BOSUN-MARK-MASQ -j MARK --or-mark 0x4000
-A BOSUN-SEP-LXP5UW4MWEFI75UY -m comment --comment "default/web:http" -s 10.244.1.5/32 -j BOSUN-MARK-MASQ
-A BOSUN-SEP-LXP5UW4MWEFI75UY -m comment --comment "default/web:http" -p tcp -m tcp -j DNAT --to-destination 10.244.1.5:8080
-A BOSUN-SEP-GTHPTEHSK3TMFPPL -m comment --comment "default/web:http" -s 10.244.2.7/32 -j BOSUN-MARK-MASQ
-A BOSUN-SEP-GTHPTEHSK3TMFPPL -m comment --comment "default/web:http" -p tcp -m tcp -j DNAT --to-destination 10.244.2.7:8080
-A BOSUN-SVC-OSC5D42RU6KJHZT7 -m comment --comment "default/web:http cluster IP" ! -s 10.244.0.0/16 -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j BOSUN-MARK-MASQ
-A BOSUN-SVC-OSC5D42RU6KJHZT7 -m comment --comment "default/web:http" -m statistic --mode random --probability 0.5000000000 -j BOSUN-SEP-LXP5UW4MWEFI75UY
-A BOSUN-SVC-OSC5D42RU6KJHZT7 -m comment --comment "default/web:http" -j BOSUN-SEP-GTHPTEHSK3TMFPPL
-A BOSUN-SERVICES -m comment --comment "default/web:http cluster IP" -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j BOSUN-SVC-OSC5D42RU6KJHZT7
-A BOSUN-SERVICES -m comment --comment "bosun service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j BOSUN-NODEPORTS
COMMIT
`);
});

test('NodePort Local with ClientIP affinity and LoadBalancer ingress, a UDP service, a Local service without local endpoints: the whole text', () => {
  const ingress = ['172.31.250.101', '172.31.250.102'];
  const text = full(snapOf(
    sp({ id: 'default/web:http/tcp', name: 'default/web:http', clusterIP: '10.96.0.10', nodePort: 30001, externalIPs: ingress, externalLocal: true,
      affinitySeconds: 60, endpoints: [ep('10.244.1.5', 8080, true), ep('10.244.2.7', 8080)] }),
    sp({ name: 'default/dns', proto: 'udp', clusterIP: '10.96.0.12', port: 53, nodePort: 30053, externalIPs: ['172.31.250.101'], endpoints: [ep('10.244.1.6', 53, true)] }),
    sp({ name: 'default/loc', clusterIP: '10.96.0.13', nodePort: 30013, externalIPs: ['172.31.250.101'], externalLocal: true, endpoints: [ep('10.244.2.6', 80)] }),
    sp({ name: 'default/empty', clusterIP: '10.96.0.11', nodePort: 30080, externalIPs: ['172.31.250.101'] }),
  ));
  assert.equal(text, `*filter
:BOSUN-SERVICES - [0:0]
:BOSUN-EXTERNAL-SERVICES - [0:0]
:BOSUN-FORWARD - [0:0]
-A BOSUN-SERVICES -m comment --comment "default/empty has no endpoints" -d 10.96.0.11/32 -p tcp -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable
-A BOSUN-EXTERNAL-SERVICES -m comment --comment "default/empty has no endpoints" -d 172.31.250.101/32 -p tcp -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable
-A BOSUN-EXTERNAL-SERVICES -m comment --comment "default/empty has no endpoints" -m addrtype --dst-type LOCAL -p tcp -m tcp --dport 30080 -j REJECT --reject-with icmp-port-unreachable
-A BOSUN-EXTERNAL-SERVICES -m comment --comment "default/loc has no local endpoints" -d 172.31.250.101/32 -p tcp -m tcp --dport 80 -j DROP
-A BOSUN-EXTERNAL-SERVICES -m comment --comment "default/loc has no local endpoints" -m addrtype --dst-type LOCAL -p tcp -m tcp --dport 30013 -j DROP
-A BOSUN-FORWARD -m comment --comment "bosun forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
-A BOSUN-FORWARD -m comment --comment "bosun forwarding conntrack rule" -s 10.244.0.0/16 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A BOSUN-FORWARD -m comment --comment "bosun forwarding conntrack rule" -d 10.244.0.0/16 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
COMMIT
*nat
:BOSUN-POSTROUTING - [0:0]
:BOSUN-MARK-MASQ - [0:0]
:BOSUN-SEP-CSWUUW2G3QUMXAW2 - [0:0]
:BOSUN-SEP-PABH6OSMFPW5NK2O - [0:0]
:BOSUN-SEP-LXP5UW4MWEFI75UY - [0:0]
:BOSUN-SEP-GTHPTEHSK3TMFPPL - [0:0]
:BOSUN-SVC-NQVZZQJBL7LOFTSS - [0:0]
:BOSUN-FW-NQVZZQJBL7LOFTSS - [0:0]
:BOSUN-SVC-RURA2H2NHEY45C5L - [0:0]
:BOSUN-XLB-RURA2H2NHEY45C5L - [0:0]
:BOSUN-FW-RURA2H2NHEY45C5L - [0:0]
:BOSUN-SVC-OSC5D42RU6KJHZT7 - [0:0]
:BOSUN-XLB-OSC5D42RU6KJHZT7 - [0:0]
:BOSUN-FW-OSC5D42RU6KJHZT7 - [0:0]
:BOSUN-SERVICES - [0:0]
:BOSUN-NODEPORTS - [0:0]
-A BOSUN-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A BOSUN-POSTROUTING -j MARK --xor-mark 0x4000
-A BOSUN-POSTROUTING -m comment --comment "bosun service traffic requiring SNAT" -j MASQUERADE --random-fully
-A BOSUN-MARK-MASQ -j MARK --or-mark 0x4000
-A BOSUN-SEP-CSWUUW2G3QUMXAW2 -m comment --comment "default/dns" -s 10.244.1.6/32 -j BOSUN-MARK-MASQ
-A BOSUN-SEP-CSWUUW2G3QUMXAW2 -m comment --comment "default/dns" -p udp -m udp -j DNAT --to-destination 10.244.1.6:53
-A BOSUN-SEP-PABH6OSMFPW5NK2O -m comment --comment "default/loc" -s 10.244.2.6/32 -j BOSUN-MARK-MASQ
-A BOSUN-SEP-PABH6OSMFPW5NK2O -m comment --comment "default/loc" -p tcp -m tcp -j DNAT --to-destination 10.244.2.6:80
-A BOSUN-SEP-LXP5UW4MWEFI75UY -m comment --comment "default/web:http" -s 10.244.1.5/32 -j BOSUN-MARK-MASQ
-A BOSUN-SEP-LXP5UW4MWEFI75UY -m comment --comment "default/web:http" -p tcp -m recent --name BOSUN-SEP-LXP5UW4MWEFI75UY --mask 255.255.255.255 --rsource --set -m tcp -j DNAT --to-destination 10.244.1.5:8080
-A BOSUN-SEP-GTHPTEHSK3TMFPPL -m comment --comment "default/web:http" -s 10.244.2.7/32 -j BOSUN-MARK-MASQ
-A BOSUN-SEP-GTHPTEHSK3TMFPPL -m comment --comment "default/web:http" -p tcp -m recent --name BOSUN-SEP-GTHPTEHSK3TMFPPL --mask 255.255.255.255 --rsource --set -m tcp -j DNAT --to-destination 10.244.2.7:8080
-A BOSUN-SVC-NQVZZQJBL7LOFTSS -m comment --comment "default/dns cluster IP" ! -s 10.244.0.0/16 -d 10.96.0.12/32 -p udp -m udp --dport 53 -j BOSUN-MARK-MASQ
-A BOSUN-SVC-NQVZZQJBL7LOFTSS -m comment --comment "default/dns" -j BOSUN-SEP-CSWUUW2G3QUMXAW2
-A BOSUN-FW-NQVZZQJBL7LOFTSS -m comment --comment "default/dns external IP" -j BOSUN-MARK-MASQ
-A BOSUN-FW-NQVZZQJBL7LOFTSS -m comment --comment "default/dns external IP" -j BOSUN-SVC-NQVZZQJBL7LOFTSS
-A BOSUN-SVC-RURA2H2NHEY45C5L -m comment --comment "default/loc cluster IP" ! -s 10.244.0.0/16 -d 10.96.0.13/32 -p tcp -m tcp --dport 80 -j BOSUN-MARK-MASQ
-A BOSUN-SVC-RURA2H2NHEY45C5L -m comment --comment "default/loc" -j BOSUN-SEP-PABH6OSMFPW5NK2O
-A BOSUN-XLB-RURA2H2NHEY45C5L -m comment --comment "Redirect pods trying to reach external loadbalancer VIP to clusterIP" -s 10.244.0.0/16 -j BOSUN-SVC-RURA2H2NHEY45C5L
-A BOSUN-XLB-RURA2H2NHEY45C5L -m comment --comment "masquerade LOCAL traffic" -m addrtype --src-type LOCAL -j BOSUN-MARK-MASQ
-A BOSUN-XLB-RURA2H2NHEY45C5L -m comment --comment "route LOCAL traffic to service chain" -m addrtype --src-type LOCAL -j BOSUN-SVC-RURA2H2NHEY45C5L
-A BOSUN-FW-RURA2H2NHEY45C5L -m comment --comment "default/loc external IP" -j BOSUN-XLB-RURA2H2NHEY45C5L
-A BOSUN-SVC-OSC5D42RU6KJHZT7 -m comment --comment "default/web:http cluster IP" ! -s 10.244.0.0/16 -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j BOSUN-MARK-MASQ
-A BOSUN-SVC-OSC5D42RU6KJHZT7 -m comment --comment "default/web:http" -m recent --name BOSUN-SEP-LXP5UW4MWEFI75UY --mask 255.255.255.255 --rsource --rcheck --seconds 60 --reap -j BOSUN-SEP-LXP5UW4MWEFI75UY
-A BOSUN-SVC-OSC5D42RU6KJHZT7 -m comment --comment "default/web:http" -m recent --name BOSUN-SEP-GTHPTEHSK3TMFPPL --mask 255.255.255.255 --rsource --rcheck --seconds 60 --reap -j BOSUN-SEP-GTHPTEHSK3TMFPPL
-A BOSUN-SVC-OSC5D42RU6KJHZT7 -m comment --comment "default/web:http" -m statistic --mode random --probability 0.5000000000 -j BOSUN-SEP-LXP5UW4MWEFI75UY
-A BOSUN-SVC-OSC5D42RU6KJHZT7 -m comment --comment "default/web:http" -j BOSUN-SEP-GTHPTEHSK3TMFPPL
-A BOSUN-XLB-OSC5D42RU6KJHZT7 -m comment --comment "Redirect pods trying to reach external loadbalancer VIP to clusterIP" -s 10.244.0.0/16 -j BOSUN-SVC-OSC5D42RU6KJHZT7
-A BOSUN-XLB-OSC5D42RU6KJHZT7 -m comment --comment "masquerade LOCAL traffic" -m addrtype --src-type LOCAL -j BOSUN-MARK-MASQ
-A BOSUN-XLB-OSC5D42RU6KJHZT7 -m comment --comment "route LOCAL traffic to service chain" -m addrtype --src-type LOCAL -j BOSUN-SVC-OSC5D42RU6KJHZT7
-A BOSUN-XLB-OSC5D42RU6KJHZT7 -m comment --comment "default/web:http" -m recent --name BOSUN-SEP-LXP5UW4MWEFI75UY --mask 255.255.255.255 --rsource --rcheck --seconds 60 --reap -j BOSUN-SEP-LXP5UW4MWEFI75UY
-A BOSUN-XLB-OSC5D42RU6KJHZT7 -m comment --comment "default/web:http" -j BOSUN-SEP-LXP5UW4MWEFI75UY
-A BOSUN-FW-OSC5D42RU6KJHZT7 -m comment --comment "default/web:http external IP" -j BOSUN-XLB-OSC5D42RU6KJHZT7
-A BOSUN-SERVICES -m comment --comment "default/dns cluster IP" -d 10.96.0.12/32 -p udp -m udp --dport 53 -j BOSUN-SVC-NQVZZQJBL7LOFTSS
-A BOSUN-SERVICES -m comment --comment "default/dns external IP" -d 172.31.250.101/32 -p udp -m udp --dport 53 -j BOSUN-FW-NQVZZQJBL7LOFTSS
-A BOSUN-SERVICES -m comment --comment "default/loc cluster IP" -d 10.96.0.13/32 -p tcp -m tcp --dport 80 -j BOSUN-SVC-RURA2H2NHEY45C5L
-A BOSUN-SERVICES -m comment --comment "default/loc external IP" -d 172.31.250.101/32 -p tcp -m tcp --dport 80 -j BOSUN-FW-RURA2H2NHEY45C5L
-A BOSUN-SERVICES -m comment --comment "default/web:http cluster IP" -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j BOSUN-SVC-OSC5D42RU6KJHZT7
-A BOSUN-SERVICES -m comment --comment "default/web:http external IP" -d 172.31.250.101/32 -p tcp -m tcp --dport 80 -j BOSUN-FW-OSC5D42RU6KJHZT7
-A BOSUN-SERVICES -m comment --comment "default/web:http external IP" -d 172.31.250.102/32 -p tcp -m tcp --dport 80 -j BOSUN-FW-OSC5D42RU6KJHZT7
-A BOSUN-SERVICES -m comment --comment "bosun service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j BOSUN-NODEPORTS
-A BOSUN-NODEPORTS -m comment --comment "default/dns" -p udp -m udp --dport 30053 -j BOSUN-MARK-MASQ
-A BOSUN-NODEPORTS -m comment --comment "default/dns" -p udp -m udp --dport 30053 -j BOSUN-SVC-NQVZZQJBL7LOFTSS
-A BOSUN-NODEPORTS -m comment --comment "default/loc" -s 127.0.0.0/8 -p tcp -m tcp --dport 30013 -j BOSUN-MARK-MASQ
-A BOSUN-NODEPORTS -m comment --comment "default/loc" -p tcp -m tcp --dport 30013 -j BOSUN-XLB-RURA2H2NHEY45C5L
-A BOSUN-NODEPORTS -m comment --comment "default/web:http" -s 127.0.0.0/8 -p tcp -m tcp --dport 30001 -j BOSUN-MARK-MASQ
-A BOSUN-NODEPORTS -m comment --comment "default/web:http" -p tcp -m tcp --dport 30001 -j BOSUN-XLB-OSC5D42RU6KJHZT7
COMMIT
`);
});

test('three endpoints get 1/3, 1/2 and the rest; --masquerade-all marks every ClusterIP connection', () => {
  const s: ProxySnapshot = { clusterCIDR: '', masqueradeAll: true, largeCluster: false, servicePorts: [
    sp({ name: 'ns/three', clusterIP: '10.96.0.3', endpoints: [ep('10.244.1.2', 80), ep('10.244.1.3', 80), ep('10.244.2.2', 80)] }),
  ] };
  const nat = buildRuleset(s).ports[0]!.chains.find((c) => c.name === chainName('SVC', 'ns/three/tcp'))!.body.split('\n');
  assert.deepEqual(nat.map((r) => r.replace(/BOSUN-SEP-\S+/, 'SEP').replace(/^-A \S+ /, '')), [
    '-m comment --comment "ns/three cluster IP" -d 10.96.0.3/32 -p tcp -m tcp --dport 80 -j BOSUN-MARK-MASQ',
    '-m comment --comment "ns/three" -m statistic --mode random --probability 0.3333333333 -j SEP',
    '-m comment --comment "ns/three" -m statistic --mode random --probability 0.5000000000 -j SEP',
    '-m comment --comment "ns/three" -j SEP',
  ]);
});

test('the same snapshot gives the same text', () => {
  const s = snapOf(sp({ name: 'a/b', clusterIP: '10.96.0.9', endpoints: [ep('10.244.3.3', 80)] }));
  assert.equal(full(s), full(structuredClone(s)));
});

test('a large cluster (kube-proxy\'s large cluster mode): endpoint and balancing rules lose their comment, the dispatch and masquerade rules keep it', () => {
  const web = sp({ name: 'default/web:http', clusterIP: '10.96.0.10', nodePort: 30001, externalLocal: true, affinitySeconds: 60,
    endpoints: [ep('10.244.1.5', 8080, true), ep('10.244.2.7', 8080)] });
  const large = { ...snapOf(web), largeCluster: true };
  const lines = full(large).split('\n').filter((l) => l.startsWith('-A '));
  const uncommented = lines.filter((l) => !l.includes('-m comment'));
  assert.deepEqual(uncommented.map((l) => l.replace(/BOSUN-(SEP|SVC|XLB)-\w+/g, '$1')), [
    '-A BOSUN-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',    // never commented
    '-A BOSUN-POSTROUTING -j MARK --xor-mark 0x4000',
    '-A BOSUN-MARK-MASQ -j MARK --or-mark 0x4000',
    '-A SEP -s 10.244.1.5/32 -j BOSUN-MARK-MASQ',
    '-A SEP -p tcp -m recent --name SEP --mask 255.255.255.255 --rsource --set -m tcp -j DNAT --to-destination 10.244.1.5:8080',
    '-A SEP -s 10.244.2.7/32 -j BOSUN-MARK-MASQ',
    '-A SEP -p tcp -m recent --name SEP --mask 255.255.255.255 --rsource --set -m tcp -j DNAT --to-destination 10.244.2.7:8080',
    '-A SVC -m recent --name SEP --mask 255.255.255.255 --rsource --rcheck --seconds 60 --reap -j SEP',
    '-A SVC -m recent --name SEP --mask 255.255.255.255 --rsource --rcheck --seconds 60 --reap -j SEP',
    '-A SVC -m statistic --mode random --probability 0.5000000000 -j SEP',
    '-A SVC -j SEP',
    '-A XLB -m recent --name SEP --mask 255.255.255.255 --rsource --rcheck --seconds 60 --reap -j SEP',
    '-A XLB -j SEP',
  ]);
  // Everything else is what a small cluster gets, comment for comment.
  const small = full(snapOf(web)).split('\n').filter((l) => l.startsWith('-A '));
  const endpointRule = (l: string): boolean => l.startsWith('-A BOSUN-SEP-') || / -j BOSUN-SEP-\w+$/.test(l);
  assert.deepEqual(lines, small.map((l) => (endpointRule(l) ? l.replace('-m comment --comment "default/web:http" ', '') : l)));
});
