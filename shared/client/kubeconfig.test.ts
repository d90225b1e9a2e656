import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKubeconfig } from './kubeconfig.js';

const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-test-'));
const write = (name: string, text: string): string => { const p = join(dir, name); writeFileSync(p, text); return p; };

test('reads the server, namespace and token of the current context or a named one', () => {
  const f = write('ok', `apiVersion: v1
kind: Config
current-context: a
clusters:
- {name: c1, cluster: {server: "http://127.0.0.1:6443"}}
- {name: c2, cluster: {server: "http://127.0.0.1:7443"}}
users:
- {name: u1, user: {token: abc}}
contexts:
- {name: a, context: {cluster: c1, user: u1, namespace: shop}}
- {name: b, context: {cluster: c2}}
`);
  assert.deepEqual(loadKubeconfig(f), { server: 'http://127.0.0.1:6443', context: 'a', namespace: 'shop', token: 'abc' });
  assert.deepEqual(loadKubeconfig(f, 'b'), { server: 'http://127.0.0.1:7443', context: 'b', namespace: 'default' });
});

test('says what is missing', () => {
  assert.throws(() => loadKubeconfig(join(dir, 'absent')), /ENOENT/);
  assert.throws(() => loadKubeconfig(write('nocur', 'contexts: []\n')), /no current-context/);
  assert.throws(() => loadKubeconfig(write('noctx', 'current-context: x\ncontexts: []\n')), /context "x" not found/);
  assert.throws(() => loadKubeconfig(write('nosrv', 'current-context: x\ncontexts: [{name: x, context: {cluster: c}}]\nclusters: [{name: c, cluster: {}}]\n')), /has no server/);
});
