// `bosun master`: the apiserver and the control loops in one process, on a real etcd, driven
// with the real kubectl; a stand-in kubelet marks pods Running.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { EtcdCluster } from '../support/etcd.js';
import { FakeKubelet } from '../support/fake-kubelet.js';
import { Kubectl } from '../support/kubectl.js';
import { bosunBin } from '../support/paths.js';
import { freePort } from '../support/ports.js';
import { startProcess, waitFor, type Proc } from '../support/process.js';

describe('bosun master', () => {
  let etcd: EtcdCluster;
  let master: Proc;
  let kubectl: Kubectl;
  let kubelet: FakeKubelet;

  before(async () => {
    etcd = await EtcdCluster.start(1);
    const port = await freePort();
    master = startProcess(process.execPath, [bosunBin, 'master', '--etcd-servers', etcd.endpoints.join(','), '--port', String(port), '--leader-elect-lease-duration=5s', '--leader-elect-renew-deadline=4s', '--leader-elect-retry-period=1s']);
    const url = `http://127.0.0.1:${port}`;
    await waitFor('the master to serve', async () => {
      if (master.child.exitCode !== null) throw new Error(`master exited: ${master.output().slice(-2000)}`);
      return (await fetch(`${url}/readyz`).catch(() => undefined))?.ok === true ? true : undefined;
    });
    kubectl = new Kubectl(url);
    kubelet = new FakeKubelet({ server: url, nodes: ['node-1', 'node-2'], bind: false });   // the scheduler inside binds
    await kubelet.start();
  });

  after(async () => {
    await kubelet?.stop();
    await master?.stop();
    kubectl?.cleanup();
    await etcd?.stop();
  });

  test('lists every flag of both halves in its help, and refuses a bad one by name', () => {
    const help = spawnSync(process.execPath, [bosunBin, 'master', '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    for (const flag of ['--etcd-servers', '--service-cluster-ip-range', '--controllers', '--cluster-cidr', '--leader-elect', '--scheduler-config']) assert.ok(help.stdout.includes(flag), flag);
    const bad = spawnSync(process.execPath, [bosunBin, 'master', '--node-cidr-mask-size=99'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--node-cidr-mask-size must be a whole number from 8 to 30/);
  });

  test('a bad scheduler config file is refused before anything starts', () => {
    const bad = spawnSync(process.execPath, [bosunBin, 'master', '--scheduler-config=/nonexistent/sched.yaml'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /flag --scheduler-config: cannot read \/nonexistent\/sched.yaml/);
  });

  test('a ReplicaSet applied with kubectl gets its pods made, scheduled and counted by the loops inside', async () => {
    await kubectl.ok(['apply', '-f', '-'], {
      input: JSON.stringify({
        apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default' },
        spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'bosun/toolbox:1' }] } } },
      }),
    });
    await waitFor('3 ready replicas', async () => {
      const out = await kubectl.ok(['get', 'rs', 'web', '--no-headers']);
      return /^web\s+3\s+3\s+3\s/.test(out) ? true : undefined;
    });
    const pods = JSON.parse(await kubectl.ok(['get', 'pods', '-l', 'app=web', '-o', 'json'])) as { items: { spec: { nodeName?: string } }[] };
    assert.ok(pods.items.every((p) => p.spec.nodeName === 'node-1' || p.spec.nodeName === 'node-2'), 'bound by the scheduler');
    assert.ok(JSON.stringify(await kubectl.ok(['get', 'events', '-o', 'json'])).includes('Successfully assigned default/web-'));
    await kubectl.ok(['delete', 'rs', 'web']);
    await waitFor('its pods gone', async () => ((await kubectl.ok(['get', 'pods', '-l', 'app=web', '-o', 'name'])).trim() === '' ? true : undefined));
  });
});
