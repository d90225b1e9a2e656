// README's first command, end to end, inside a lab host (its own network namespace and
// dockerd, no default route): deploy/quickstart.sh brings up etcd, the master and the node
// agents, the node gets Ready, the hello example answers on its NodePort; a re-run is safe;
// --down stops everything and --purge removes its data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Lab } from '../lab/lab.js';
import { repoRoot } from '../support/paths.js';

describe('deploy/quickstart.sh in a lab host', () => {
  let lab: Lab;
  let data: string;
  let args: string[];
  const quickstart = (...extra: string[]) =>
    lab.exec('n1', ['bash', join(repoRoot, 'deploy', 'quickstart.sh'), ...args, ...extra], { timeoutMs: 300_000, env: { HOME: join(data, 'home') } });

  before(async () => {
    lab = await Lab.start({ nodes: 1, etcdMembers: 0 });
    const n1 = lab.host('n1');
    data = join(n1.dir, 'bosun');
    args = ['--data-dir', data, '--docker-host', n1.docker!.host, '--node-ip', n1.ip, '--node-name', 'qs', '--skip-install'];
  });

  after(async () => {
    if (lab !== undefined) {
      await quickstart('--purge').catch(() => undefined);
      await lab.stop();
    }
  });

  test('brings up a working cluster and the hello example answers', async () => {
    const r = await quickstart();
    if (r.code !== 0) {
      const logs = await lab.exec('n1', ['sh', '-c', `tail -n 15 ${data}/log/*.log`]);
      assert.fail(`quickstart failed:\n${r.stdout}\n${r.stderr}\n${logs.stdout}`);
    }
    for (const s of ['1/8 Packages', '5/8 etcd', '7/8 Node agents', '8/8 Example']) assert.ok(r.stdout.includes(s), s);
    assert.match(r.stdout, /node qs \([0-9.]+\) is Ready/);
    assert.match(r.stdout, /says: Hello from Bosun, pod hello-/);
    assert.ok(existsSync(join(data, 'home', '.kube', 'config')), 'the kubeconfig is written');
  });

  test('a second run finds everything running and changes nothing', async () => {
    const r = await quickstart();
    assert.equal(r.code, 0, `re-run failed:\n${r.stdout}\n${r.stderr}`);
    for (const c of ['etcd', 'master', 'network', 'kubelet', 'proxy']) assert.match(r.stdout, new RegExp(`${c}: already running`));
  });

  test('--down stops it all; --purge removes its data', async () => {
    const down = await quickstart('--down');
    assert.equal(down.code, 0, down.stderr);
    assert.doesNotMatch((await lab.exec('n1', ['sh', '-c', `ls ${data}/run`])).stdout, /\.pid/);
    const purge = await quickstart('--purge');
    assert.equal(purge.code, 0, purge.stderr);
    assert.equal(existsSync(data), false);
    assert.equal((await lab.docker('n1', ['ps', '-aq', '--filter', 'label=io.bosun.pod.uid'])).stdout.trim(), '');
  });
});
