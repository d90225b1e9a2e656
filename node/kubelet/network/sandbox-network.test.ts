import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachCommands, hostLinkName, VethSandboxNetwork } from './sandbox-network.js';

const id = '0123456789abcdef0123456789abcdef';

test('the host end is named from the sandbox id within the 15 characters Linux allows', () => {
  assert.equal(hostLinkName(id), 'bv0123456789ab');
  assert.ok(hostLinkName(id).length <= 15);
});

test('attach: a veth into the bridge with hairpin on, then eth0 with the address and the default route', () => {
  const c = attachCommands({ bridge: 'bosun0', gateway: '10.244.1.1', prefixLength: 24, mtu: 1450 }, id, 4242, '10.244.1.7');
  assert.equal(c.host, [
    'link add bv0123456789ab mtu 1450 type veth peer name eth0 mtu 1450 netns 4242',
    'link set dev bv0123456789ab master bosun0',
    'link set dev bv0123456789ab type bridge_slave hairpin on',
    'link set dev bv0123456789ab up', ''].join('\n'));
  assert.equal(c.pod, ['link set dev lo up', 'addr add 10.244.1.7/24 dev eth0', 'link set dev eth0 up', 'route add default via 10.244.1.1 dev eth0', ''].join('\n'));
  assert.doesNotMatch(attachCommands({ bridge: 'b', gateway: 'g', prefixLength: 24 }, id, 1, 'x').host, /mtu/);
});

test('a failed host step removes the half-made pair and says what failed', async () => {
  const ran: string[] = [];
  const net = new VethSandboxNetwork({ bridge: 'bosun0', gateway: '10.244.1.1', prefixLength: 24 }, async (cmd, args) => {
    ran.push([cmd, ...args].join(' '));
    return cmd === 'ip' && args[0] === '-batch' ? { code: 1, stdout: '', stderr: 'Error: argument "bosun0" is wrong: Device does not exist\n' } : { code: 0, stdout: '', stderr: '' };
  });
  await assert.rejects(net.attach(id, 99, '10.244.1.9', new AbortController().signal),
    /adding the veth of sandbox 0123456789ab to bosun0: Error: argument "bosun0" is wrong: Device does not exist$/);
  assert.deepEqual(ran, ['ip -batch -', 'ip link del bv0123456789ab']);
  await assert.rejects(net.attach(id, 0, '10.244.1.9', new AbortController().signal), /sandbox 0123456789ab has no process to wire \(pid 0\)/);
});

test('hostLinks reads the bridge ports from `ip -o link show master`', async () => {
  const out = '12: bv0123456789ab@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master bosun0 state UP\\    link/ether 3a:…\n'
    + '14: bvfedcba987654@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master bosun0 state UP\n';
  const net = new VethSandboxNetwork({ bridge: 'bosun0', gateway: 'g', prefixLength: 24 }, async () => ({ code: 0, stdout: out, stderr: '' }));
  assert.deepEqual([...await net.hostLinks(new AbortController().signal)], ['bv0123456789ab', 'bvfedcba987654']);
});
