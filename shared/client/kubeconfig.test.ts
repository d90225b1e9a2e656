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

import { readFileSync } from 'node:fs';
import { KubeconfigError, KubeconfigSet, kubeconfigPaths } from './kubeconfig.js';

const first = `apiVersion: v1
kind: Config
current-context: dev
clusters:
- {name: local, cluster: {server: "http://127.0.0.1:6443", certificate-authority-data: "${Buffer.from('CA').toString('base64')}"}}
users:
- {name: admin, user: {token: secret-token}}
contexts:
- {name: dev, context: {cluster: local, user: admin, namespace: shop}}
`;
const second = `apiVersion: v1
kind: Config
current-context: other
clusters:
- {name: local, cluster: {server: "http://127.0.0.1:9999"}}
- {name: far, cluster: {server: "https://10.0.0.1:6443", insecure-skip-tls-verify: true}}
contexts:
- {name: dev, context: {cluster: far}}
- {name: prod, context: {cluster: far, namespace: live}}
`;

test('finds the files as kubectl does: --kubeconfig, else the KUBECONFIG list, else ~/.kube/config', () => {
  assert.deepEqual(kubeconfigPaths('/x', { KUBECONFIG: '/a:/b' }, '/home/u'), ['/x']);
  assert.deepEqual(kubeconfigPaths('', { KUBECONFIG: '/a::/b:/a' }, '/home/u'), ['/a', '/b']);
  assert.deepEqual(kubeconfigPaths('', {}, '/home/u'), ['/home/u/.kube/config']);
});

test('merges a KUBECONFIG list: the first file to name an entry or the current context wins', () => {
  const set = KubeconfigSet.load([write('m1', first), join(dir, 'missing'), write('m2', second)], false);
  assert.equal(set.currentContext, 'dev');
  assert.deepEqual(set.contextNames().sort(), ['dev', 'prod']);
  const dev = set.resolve({});
  assert.equal(dev.server, 'http://127.0.0.1:6443');
  assert.equal(dev.namespace, 'shop');
  assert.equal(dev.token, 'secret-token');
  assert.equal(dev.caData?.toString(), 'CA');
  const prod = set.resolve({ context: 'prod' });
  assert.deepEqual([prod.server, prod.namespace, prod.insecureSkipTlsVerify], ['https://10.0.0.1:6443', 'live', true]);
  assert.deepEqual([set.resolve({ namespace: 'x', server: 'http://127.0.0.1:1' }).namespace, set.resolve({ server: 'http://127.0.0.1:1' }).server], ['x', 'http://127.0.0.1:1']);
});

test('says so when the context does not exist, as kubectl does', () => {
  const set = KubeconfigSet.load([write('m3', first)], false);
  assert.throws(() => set.resolve({ context: 'nope' }), (e: unknown) => e instanceof KubeconfigError && e.message === 'context was not found for specified context: nope');
  assert.throws(() => KubeconfigSet.load([join(dir, 'absent')], true), /no such file or directory/);
  assert.equal(KubeconfigSet.load([join(dir, 'absent')], false).resolve({}).server, 'http://localhost:8080');
});

test('switches and edits contexts in the file that holds them, and redacts secrets in view', () => {
  const f = write('m4', first);
  const set = KubeconfigSet.load([f], true);
  assert.equal(set.setContext('dev', { namespace: 'other' }), 'modified');
  assert.equal(set.setContext('new', { cluster: 'local' }), 'created');
  set.useContext('new');
  assert.throws(() => set.useContext('zz'), /no context exists with the name: "zz"/);
  const again = KubeconfigSet.load([f], true);
  assert.equal(again.currentContext, 'new');
  assert.equal(again.contextOf('dev')?.namespace, 'other');
  const view = again.view({ raw: false, minify: false });
  assert.match(JSON.stringify(view), /"token":"REDACTED"/);
  assert.match(JSON.stringify(view), /"certificate-authority-data":"DATA\+OMITTED"/);
  assert.match(readFileSync(f, 'utf8'), /token: secret-token/);
});
