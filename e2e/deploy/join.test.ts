// `bosun join` against a real apiserver started with --join-token-file: the right token gets
// the node a kubeconfig (mode 0600) for this apiserver; a wrong token, a missing one, an
// unreachable server and an apiserver without a token file each give one clear line.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiserverProcess } from '../support/apiserver.js';
import { EtcdCluster } from '../support/etcd.js';
import { bosunBin } from '../support/paths.js';
import { freePort } from '../support/ports.js';

describe('bosun join', () => {
  let etcd: EtcdCluster;
  let api: ApiserverProcess;
  let plain: ApiserverProcess;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bosun-join-'));
    writeFileSync(join(dir, 'token'), 'abc123secret\n');
    etcd = await EtcdCluster.start(1);
    api = await ApiserverProcess.start(etcd.endpoints, ['--join-token-file', join(dir, 'token')]);
    plain = await ApiserverProcess.start(etcd.endpoints);
  });

  after(async () => {
    await api?.stop();
    await plain?.stop();
    await etcd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const joinCmd = (...args: string[]) => spawnSync(process.execPath, [bosunBin, 'join', ...args], { encoding: 'utf8' });

  test('the right token writes a kubeconfig for this apiserver', () => {
    const out = join(dir, 'etc', 'node.kubeconfig');
    const r = joinCmd('--server', api.url, '--token', 'abc123secret', '--node-name', 'n7', '--kubeconfig-out', out);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`Node n7 joined ${api.url.replace(/[.]/g, '\\.')}`));
    const cfg = readFileSync(out, 'utf8');
    assert.ok(cfg.includes(`server: ${api.url}`));
    assert.equal(statSync(out).mode & 0o777, 0o600);
    const viaKubeconfig = spawnSync('kubectl', ['--kubeconfig', out, 'get', 'namespaces', '-o', 'name'], { encoding: 'utf8' });
    assert.match(viaKubeconfig.stdout, /namespace\/default/);
  });

  test('a wrong token is refused, and nothing is written', () => {
    const out = join(dir, 'wrong.kubeconfig');
    const r = joinCmd('--server', api.url, '--token', 'guess', '--node-name', 'n8', '--kubeconfig-out', out);
    assert.equal(r.status, 1);
    assert.equal(r.stderr.trim(), `bosun join: ${api.url} refused to join node n8: the join token is not valid`);
    assert.equal(existsSync(out), false);
  });

  test('missing flags, an unreachable server and an apiserver that does not take joins each say so', async () => {
    assert.match(joinCmd('--token', 'x').stderr, /flag --server is required/);
    assert.match(joinCmd('--server', api.url).stderr, /flag --token \(or --token-file\) is required/);
    const port = await freePort();
    const r = joinCmd('--server', `http://127.0.0.1:${port}`, '--token', 'x', '--node-name', 'n9', '--kubeconfig-out', join(dir, 'x'));
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^bosun join: cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\n$/);
    const off = joinCmd('--server', plain.url, '--token', 'x', '--node-name', 'n9', '--kubeconfig-out', join(dir, 'x'));
    assert.match(off.stderr, /joining is off: this apiserver has no --join-token-file/);
  });
});
