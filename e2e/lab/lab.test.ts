// The lab itself: a master and two node hosts come up with their own dockerd and etcd, reach each
// other only over the switch, run Bosun's images, refuse traffic that could leave the machine,
// and leave nothing behind — also when a run before crashed with its lab up.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Lab, LabSafetyError } from './lab.js';
import { run } from './run.js';
import { isAlive, listLabs, stateDir } from './state.js';
import { findLeftovers, isEmpty } from './sweep.js';

/** A process (not a zombie: its cwd link goes with it) still runs with this pid. */
const runs = (pid: number): boolean => existsSync(`/proc/${pid}/cwd`);

/** Starts a lab in another node process, has it start a container and a host process, and SIGKILLs it: a crashed run. */
async function crashedLab(): Promise<{ id: string; pids: number[] }> {
  const code = `
    import { Lab } from ${JSON.stringify(new URL('./lab.js', import.meta.url).href)};
    const lab = await Lab.start({ nodes: 1, etcdMembers: 1 });
    const c = await lab.docker('n1', ['run', '-d', '--network', 'none', 'bosun/toolbox:1', 'sleep', '3600']);
    if (c.code !== 0) throw new Error(c.stderr);
    const p = lab.startProcess('n1', 'busybox', ['sleep', '3600'], { name: 'stray' });
    console.log(JSON.stringify({ id: lab.id, pids: [p.pid, lab.process('n1', 'dockerd').pid, lab.process('m1', 'etcd-e1').pid] }));
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => { out += b.toString(); if (out.includes('\n')) resolve(out.trim()); });
    child.once('exit', (c) => reject(new Error(`the crashing lab exited early (${c}): ${out}`)));
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  return JSON.parse(line) as { id: string; pids: number[] };
}

describe('the lab', { timeout: 240_000 }, () => {
  let lab: Lab;
  let stale: { id: string; pids: number[] };

  before(async () => {
    stale = await crashedLab();
    assert.ok(listLabs().some((s) => s.id === stale.id), 'the crashed lab left its state file');
    lab = await Lab.start({ nodes: 2, etcdMembers: 1 });
  });

  after(async () => { await lab?.stop().catch(() => {}); });

  test('a lab left by a crashed run is removed when the next one starts', () => {
    assert.notEqual(lab.id, stale.id);
    const left = findLeftovers(stale.id, `/tmp/${stale.id}`);
    assert.ok(isEmpty(left), JSON.stringify(left));
    assert.ok(!existsSync(`${stateDir}/${stale.id}.json`));
    for (const pid of stale.pids) assert.ok(!runs(pid), `pid ${pid} still runs`);
  });

  test('each node host runs its own dockerd, on its own data-root and cgroup parent', async () => {
    for (const n of lab.nodes) {
      const info = JSON.parse((await lab.docker(n, ['info', '--format', '{{json .}}'])).stdout) as Record<string, unknown>;
      assert.equal(info['DockerRootDir'], `${n.dir}/data`);
      assert.equal(info['CgroupDriver'], 'cgroupfs');
      const cg = await lab.docker(n, ['run', '--rm', '--network', 'none', 'bosun/toolbox:1', 'cat', '/proc/self/cgroup']);
      assert.match(cg.stdout, new RegExp(`^\\d+:memory:${n.docker!.cgroupParent}/[0-9a-f]{64}$`, 'm'));
    }
    assert.equal(lab.masters[0]!.docker, undefined, 'the master host runs no dockerd');
  });

  test('both images are loaded in every dockerd, with the same ids', async () => {
    const ids = await Promise.all(lab.nodes.map(async (n) =>
      (await lab.docker(n, ['image', 'inspect', '--format', '{{.Id}}', 'bosun/pause:1', 'bosun/toolbox:1'])).stdout.trim()));
    assert.equal(ids[0]!.split('\n').length, 2);
    assert.deepEqual(new Set(ids).size, 1, ids.join(' / '));
  });

  test('a container on a node host runs the toolbox', async () => {
    const r = await lab.docker('n2', ['run', '--rm', '--network', 'none', 'bosun/toolbox:1', 'sh', '-c', 'echo ok']);
    assert.deepEqual([r.code, r.stdout], [0, 'ok\n'], r.stderr);
  });

  test('hosts reach each other and the runner over the switch', async () => {
    const [m1, n1, n2] = [lab.host('m1'), lab.host('n1'), lab.host('n2')];
    assert.ok(await lab.ping(n1, n2.ip), 'n1 -> n2');
    assert.ok(await lab.ping(n2, m1.ip), 'n2 -> m1');
    assert.ok(await lab.ping(m1, lab.runnerIp), 'm1 -> runner');
    assert.ok(await lab.ping('runner', n1.ip), 'runner -> n1');
  });

  test('hosts have no default route; the runner blackholes the pod and service ranges', async () => {
    for (const h of lab.hosts) {
      assert.equal((await lab.exec(h, ['ip', 'route', 'show', 'default'])).stdout.trim(), '', h.name);
      const get = await lab.exec(h, ['ip', 'route', 'get', '192.0.2.1']);    // asks the kernel, sends nothing
      assert.notEqual(get.code, 0, `${h.name}: ${get.stdout}`);
    }
    const bh = (await run('ip', ['route', 'show', 'type', 'blackhole'])).stdout;
    assert.match(bh, /^blackhole 10\.244\.0\.0\/16/m);
    assert.match(bh, /^blackhole 10\.96\.0\.0\/12/m);
  });

  test('refuses to send anywhere but loopback and the lab subnet', async () => {
    await assert.rejects(lab.fetch('http://192.0.2.1/'), LabSafetyError);
    await assert.rejects(lab.fetch('http://example.com/'), LabSafetyError);
    await assert.rejects(lab.ping('runner', '10.244.1.2'), LabSafetyError);
    await assert.rejects(lab.runOnRunner('true', [], ['8.8.8.8']), LabSafetyError);
    assert.doesNotThrow(() => lab.guard('127.0.0.1'));
    assert.doesNotThrow(() => lab.guard(lab.host('n1').ip));
  });

  test('etcd on the master answers, from the runner and inside the master host', async () => {
    const health = await lab.fetch(`${lab.etcdEndpoints[0]}/health`);
    assert.deepEqual(await health.json(), { health: 'true' });
    const put = await lab.exec('m1', 'ETCDCTL_API=3 etcdctl --endpoints=127.0.0.1:2379 put /lab/x y && ETCDCTL_API=3 etcdctl --endpoints=127.0.0.1:2379 get --print-value-only /lab/x');
    assert.equal(put.stdout, 'OK\ny\n', put.stderr);
  });

  test('runs, kills and restarts processes in a host', async () => {
    const web = lab.startProcess('m1', 'busybox', ['httpd', '-f', '-p', '8080', '-h', '/etc'], { name: 'web' });
    const url = `http://${lab.host('m1').ip}:8080/hostname`;
    const get = async (): Promise<number | undefined> => (await lab.fetch(url).catch(() => undefined))?.status;
    for (let i = 0; i < 50 && (await get()) !== 200; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await get(), 200);
    assert.equal(await lab.killComponent('m1', 'web'), -1);
    assert.equal(await get(), undefined);
    const again = await lab.startComponent('m1', 'web');
    assert.notEqual(again.pid, undefined);
    for (let i = 0; i < 50 && (await get()) !== 200; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await get(), 200);
    await lab.stopComponent('n1', 'dockerd');
    assert.notEqual((await lab.docker('n1', ['version'], { timeoutMs: 5_000 })).code, 0);
    await lab.startComponent('n1', 'dockerd');
    assert.equal((await lab.docker('n1', ['image', 'inspect', 'bosun/toolbox:1'])).code, 0);
    await web.stop();
  });

  test('cuts a host off the switch and restores it', async () => {
    const [n1, n2] = [lab.host('n1'), lab.host('n2')];
    await lab.disconnect(n2);
    assert.equal(await lab.ping(n1, n2.ip), false);
    await lab.reconnect(n2);
    let back = false;
    for (let i = 0; i < 10 && !back; i++) back = await lab.ping(n1, n2.ip);
    assert.ok(back);
  });

  test('teardown leaves no namespace, link, mount, cgroup or process behind', async () => {
    const { id, workDir } = lab;
    const pids = [lab.process('n1', 'dockerd').pid, lab.process('n2', 'dockerd').pid, lab.process('m1', 'etcd-e1').pid];
    const c = await lab.docker('n1', ['run', '-d', '--network', 'none', 'bosun/toolbox:1', 'sleep', '3600']);
    assert.equal(c.code, 0, c.stderr);
    await lab.stop();
    const left = findLeftovers(id, workDir);
    assert.ok(isEmpty(left), JSON.stringify(left));
    assert.deepEqual((await run('ip', ['netns', 'list'])).stdout.split('\n').filter((l) => l.startsWith(id)), []);
    assert.deepEqual((await run('ip', ['-br', 'link'])).stdout.split('\n').filter((l) => l.startsWith(id)), []);
    assert.ok(!(await run('findmnt', ['-rn', '-o', 'TARGET'])).stdout.includes(id));
    for (const pid of pids) assert.ok(pid !== undefined && !runs(pid), `pid ${pid} still runs`);
    assert.ok(!existsSync(workDir) && !existsSync(`${stateDir}/${id}.json`));
    await assert.rejects(lab.fetch(`http://${lab.host('n1').ip}/`), LabSafetyError, 'the lab is down: lab addresses are refused');
    if (!listLabs().some((s) => isAlive(s.owner))) {
      assert.equal((await run('ip', ['route', 'show', 'type', 'blackhole'])).stdout.trim(), '', 'the last lab removes the blackholes');
    }
  });
});
