// deploy/install-master.sh on a lab master host and deploy/install-node.sh on a lab node host
// (their own network namespaces; no systemd here, so the scripts start the units' commands
// with the units' environment files): the node joins with the printed token, gets Ready and
// runs a pod. And the systemd units pass `systemd-analyze verify`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Lab } from '../lab/lab.js';
import { Kubectl } from '../support/kubectl.js';
import { repoRoot } from '../support/paths.js';
import { waitFor } from '../support/process.js';

describe('install-master.sh and install-node.sh on lab hosts', () => {
  let lab: Lab;
  let kubectl: Kubectl;

  before(async () => { lab = await Lab.start({ nodes: 1, etcdMembers: 0 }); });
  after(async () => { kubectl?.cleanup(); await lab?.stop(); });

  test('a node joins the master with the printed token, gets Ready and runs a pod', async () => {
    const m1 = lab.host('m1');
    const n1 = lab.host('n1');
    const master = await lab.exec('m1', ['bash', join(repoRoot, 'deploy', 'install-master.sh'), '--bind-address', m1.ip, '--insecure',
      '--prefix', join(m1.dir, 'root'), '--data-dir', join(m1.dir, 'data'), '--skip-install'], { timeoutMs: 180_000 });
    assert.equal(master.code, 0, `${master.stdout}\n${master.stderr}`);
    const join_ = /install-node\.sh --server (\S+) --token (\S+)/.exec(master.stdout);
    assert.ok(join_ !== null, master.stdout);
    const [, server, token] = join_;
    assert.equal(server, `http://${m1.ip}:6443`);
    const bad = await lab.exec('n1', ['bash', join(repoRoot, 'deploy', 'install-node.sh'), '--server', server!, '--token', 'wrong',
      '--node-ip', n1.ip, '--node-name', 'n1', '--docker-host', n1.docker!.host, '--prefix', join(n1.dir, 'root'), '--data-dir', join(n1.dir, 'data'), '--skip-install'], { timeoutMs: 180_000 });
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr + bad.stdout, /refused to join node n1: the join token is not valid/);
    const node = await lab.exec('n1', ['bash', join(repoRoot, 'deploy', 'install-node.sh'), '--server', server!, '--token', token!,
      '--node-ip', n1.ip, '--node-name', 'n1', '--docker-host', n1.docker!.host, '--prefix', join(n1.dir, 'root'), '--data-dir', join(n1.dir, 'data'), '--skip-install'], { timeoutMs: 180_000 });
    assert.equal(node.code, 0, `${node.stdout}\n${node.stderr}`);
    lab.guard(m1.ip);
    kubectl = new Kubectl(server!);
    const run = (args: string[]) => { lab.guard(m1.ip); return kubectl.run(args); };
    await waitFor('n1 Ready', async () => (/n1\s+Ready/.test((await run(['get', 'nodes'])).stdout) ? true : undefined), 90_000, 500);
    lab.guard(m1.ip);
    await kubectl.ok(['run', 'hello', '--image=bosun/toolbox:1', '--restart=Never', '--', 'sh', '-c', 'echo hello from n1']);
    await waitFor('the pod to finish', async () => (/hello\s+0\/1\s+Completed/.test((await run(['get', 'pod', 'hello'])).stdout) ? true : undefined), 60_000, 500);
  });
});

describe('systemd units', () => {
  test('every unit passes systemd-analyze verify', () => {
    const root = mkdtempSync(join(tmpdir(), 'bosun-units-'));
    try {
      mkdirSync(join(root, 'usr/local/bin'), { recursive: true });
      mkdirSync(join(root, 'usr/bin'), { recursive: true });
      mkdirSync(join(root, 'etc/systemd/system'), { recursive: true });
      mkdirSync(join(root, 'lib/systemd'), { recursive: true });
      cpSync('/lib/systemd/system', join(root, 'lib/systemd/system'), { recursive: true });
      for (const exe of ['usr/local/bin/bosun', 'usr/bin/etcd']) { writeFileSync(join(root, exe), '#!/bin/sh\n'); chmodSync(join(root, exe), 0o755); }
      const units = readdirSync(join(repoRoot, 'deploy', 'systemd')).filter((f) => f.endsWith('.service'));
      assert.deepEqual(units.sort(), ['bosun-apiserver.service', 'bosun-controller-manager.service', 'bosun-etcd.service', 'bosun-kubelet.service', 'bosun-master.service', 'bosun-network.service', 'bosun-proxy.service', 'bosun-scheduler.service']);
      for (const u of units) cpSync(join(repoRoot, 'deploy', 'systemd', u), join(root, 'etc/systemd/system', u));
      const r = spawnSync('systemd-analyze', ['verify', `--root=${root}`, ...units.map((u) => join(root, 'etc/systemd/system', u))], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr.trim(), '', r.stderr);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
