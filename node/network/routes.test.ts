import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from '../../shared/api/core/v1/node.js';
import { desiredRoutes, diffRoutes, parseRoutes, peersOf, routeArgs, type RouteSpec } from './routes.js';
import { desiredFdb, desiredNeighbours, parseVxlanLink, vtepMac } from './vxlan.js';
import { splitRule } from './firewall.js';

const node = (name: string, podCIDR: string | undefined, ip: string | undefined): Node => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name },
  spec: podCIDR !== undefined ? { podCIDR } : {},
  status: { addresses: ip !== undefined ? [{ type: 'Hostname', address: name }, { type: 'InternalIP', address: ip }] : [] },
});

const nodes = [node('n1', '10.244.0.0/24', '172.31.250.101'), node('n2', '10.244.1.0/24', '172.31.250.102'), node('n3', '10.244.2.0/24', '172.31.250.103'),
  node('n4', undefined, '172.31.250.104'), node('n5', '10.244.4.0/24', undefined)];
const base = { nodeIP: '172.31.250.101', clusterCidr: '10.244.0.0/16', serviceCidr: '10.96.0.0/12' };

describe('pod routes', () => {
  test('peers are the other nodes with a podCIDR and an InternalIP', () => {
    assert.deepEqual(peersOf(nodes, 'n1').map((p) => p.name), ['n2', 'n3']);
  });

  test('host-gw routes each peer\'s podCIDR via its IP; vxlan via its .0 address on the device', () => {
    const peers = peersOf(nodes, 'n1');
    assert.deepEqual(desiredRoutes({ ...base, mode: 'host-gw', peers }).map(routeArgs), [
      ['blackhole', '10.244.0.0/16', 'proto', '66'],
      ['10.96.0.0/12', 'dev', 'bosun-svc', 'src', '172.31.250.101', 'proto', '66'],
      ['10.244.1.0/24', 'via', '172.31.250.102', 'proto', '66'],
      ['10.244.2.0/24', 'via', '172.31.250.103', 'proto', '66'],
    ]);
    assert.deepEqual(desiredRoutes({ ...base, mode: 'vxlan', peers }).slice(2).map(routeArgs), [
      ['10.244.1.0/24', 'via', '10.244.1.0', 'dev', 'bosun-vx', 'onlink', 'proto', '66'],
      ['10.244.2.0/24', 'via', '10.244.2.0', 'dev', 'bosun-vx', 'onlink', 'proto', '66'],
    ]);
  });

  const kernelJson = JSON.stringify([
    { type: 'blackhole', dst: '10.244.0.0/16', protocol: '66', flags: [] },
    { dst: '10.96.0.0/12', dev: 'bosun-svc', protocol: '66', scope: 'link', prefsrc: '172.31.250.101', flags: [] },
    { dst: '10.244.1.0/24', gateway: '172.31.250.102', dev: 'eth0', protocol: '66', flags: [] },
    { dst: '10.244.7.0/24', gateway: '172.31.250.107', dev: 'eth0', protocol: '66', flags: [] },
    { dst: '10.244.0.0/24', dev: 'bosun0', protocol: 'kernel', scope: 'link', prefsrc: '10.244.0.1', flags: [] },
    { dst: '10.244.2.0/24', gateway: '172.31.250.1', dev: 'eth0', protocol: 'static', flags: [] },
    { dst: '172.31.250.0/24', dev: 'eth0', protocol: 'kernel', scope: 'link', prefsrc: '172.31.250.101', flags: [] },
  ]);

  test('reads ip -j route show: ours by protocol 66, everyone else\'s as foreign prefixes', () => {
    const k = parseRoutes(kernelJson);
    assert.deepEqual(k.owned.map((r) => r.dst), ['10.244.0.0/16', '10.96.0.0/12', '10.244.1.0/24', '10.244.7.0/24']);
    assert.deepEqual([...k.foreign].sort(), ['10.244.0.0/24', '10.244.2.0/24', '172.31.250.0/24']);
  });

  const table: [string, RouteSpec[], { replace: string[]; remove: string[]; blocked: string[] }][] = [
    ['a new node is added, a removed node\'s route goes, someone else\'s prefix stays theirs',
      desiredRoutes({ ...base, mode: 'host-gw', peers: peersOf(nodes, 'n1') }),
      { replace: [], remove: ['10.244.7.0/24'], blocked: ['10.244.2.0/24'] }],
    ['a node whose IP changed gets its route replaced',
      desiredRoutes({ ...base, mode: 'host-gw', peers: [{ name: 'n2', podCIDR: '10.244.1.0/24', ip: '172.31.250.122' }] }),
      { replace: ['10.244.1.0/24'], remove: ['10.244.7.0/24'], blocked: [] }],
    ['switching to vxlan replaces every peer route',
      desiredRoutes({ ...base, mode: 'vxlan', peers: [{ name: 'n2', podCIDR: '10.244.1.0/24', ip: '172.31.250.102' }] }),
      { replace: ['10.244.1.0/24'], remove: ['10.244.7.0/24'], blocked: [] }],
    ['a route lost with its link is added again',
      desiredRoutes({ ...base, mode: 'host-gw', peers: [{ name: 'n9', podCIDR: '10.244.9.0/24', ip: '172.31.250.109' }, { name: 'n2', podCIDR: '10.244.1.0/24', ip: '172.31.250.102' }] }),
      { replace: ['10.244.9.0/24'], remove: ['10.244.7.0/24'], blocked: [] }],
    ['a changed service range moves the sink route',
      desiredRoutes({ ...base, serviceCidr: '10.100.0.0/16', mode: 'host-gw', peers: [{ name: 'n2', podCIDR: '10.244.1.0/24', ip: '172.31.250.102' }, { name: 'n7', podCIDR: '10.244.7.0/24', ip: '172.31.250.107' }] }),
      { replace: ['10.100.0.0/16'], remove: ['10.96.0.0/12'], blocked: [] }],
  ];
  for (const [name, desired, want] of table) {
    test(name, () => {
      const d = diffRoutes(desired, parseRoutes(kernelJson));
      assert.deepEqual({ replace: d.replace.map((r) => r.dst), remove: d.remove.map((r) => r.dst), blocked: d.blocked.map((r) => r.dst) }, want);
    });
  }

  test('nothing to do when the kernel already has every route', () => {
    const desired = desiredRoutes({ ...base, mode: 'host-gw', peers: [{ name: 'n2', podCIDR: '10.244.1.0/24', ip: '172.31.250.102' }, { name: 'n7', podCIDR: '10.244.7.0/24', ip: '172.31.250.107' }] });
    assert.deepEqual(diffRoutes(desired, parseRoutes(kernelJson)), { replace: [], remove: [], blocked: [] });
  });
});

describe('vxlan peers', () => {
  test('MACs come from node IPs; one neighbour and one FDB entry per peer', () => {
    assert.equal(vtepMac('172.31.250.102'), '0e:b0:ac:1f:fa:66');
    const peers = peersOf(nodes, 'n1');
    assert.deepEqual(desiredNeighbours(peers), [{ address: '10.244.1.0', mac: '0e:b0:ac:1f:fa:66' }, { address: '10.244.2.0', mac: '0e:b0:ac:1f:fa:67' }]);
    assert.deepEqual(desiredFdb(peers), [{ mac: '0e:b0:ac:1f:fa:66', dst: '172.31.250.102' }, { mac: '0e:b0:ac:1f:fa:67', dst: '172.31.250.103' }]);
  });

  test('reads the vxlan device from ip -d -j link show', () => {
    const json = JSON.stringify([{ ifname: 'bosun-vx', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu: 1450, address: '0e:b0:ac:1f:fa:65',
      linkinfo: { info_kind: 'vxlan', info_data: { id: 1, local: '172.31.250.101', link: 'eth0', port: 4789, learning: false } } }]);
    assert.deepEqual(parseVxlanLink(json), { id: 1, local: '172.31.250.101', port: 4789, address: '0e:b0:ac:1f:fa:65', up: true });
    assert.equal(parseVxlanLink(JSON.stringify([{ ifname: 'bosun-vx', linkinfo: { info_kind: 'ifb' } }])), undefined);
  });
});

describe('iptables', () => {
  const docker = '*filter\n:FORWARD DROP [0:0]\n-A FORWARD -j DOCKER-USER\n-A DOCKER-USER -j RETURN\nCOMMIT\n';
  test('splits an iptables -S line with a quoted comment into arguments', () => {
    assert.deepEqual(splitRule('-A DOCKER-USER -d 10.244.0.0/16 -m comment --comment "bosun-network: pod traffic in" -j ACCEPT'),
      ['-A', 'DOCKER-USER', '-d', '10.244.0.0/16', '-m', 'comment', '--comment', 'bosun-network: pod traffic in', '-j', 'ACCEPT']);
  });
});
