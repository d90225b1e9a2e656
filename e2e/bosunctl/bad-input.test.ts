// Bad input gives one clear line on stderr and a non-zero exit: a missing file, invalid YAML
// (file, document and line named), an unknown resource type, an unreachable server, a context
// that does not exist, an unknown flag.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCluster, type TestCluster } from '../apiserver/cluster.js';
import { freePort } from '../support/ports.js';
import { Bosunctl } from './bosunctl.js';

describe('bosunctl on bad input', () => {
  let c: TestCluster;
  let b: Bosunctl;
  before(async () => { c = await startCluster(); b = new Bosunctl(c.apiserver.url); });
  after(async () => { b?.cleanup(); await c?.stop(); });

  const oneLine = (r: { code: number; stdout: string; stderr: string }, want: RegExp): void => {
    assert.notEqual(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, want);
  };

  test('a missing file', async () => {
    oneLine(await b.run(['apply', '-f', join(b.dir, 'nope.yaml')]), /^error: the path ".*nope\.yaml" does not exist$/);
    oneLine(await b.run(['create', '-f', join(b.dir, 'nope.yaml')]), /^error: the path ".*nope\.yaml" does not exist$/);
  });

  test('invalid YAML names the file, the document and the line', async () => {
    const f = join(b.dir, 'bad.yaml');
    writeFileSync(f, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n  labels: [a, b\ndata: {}\n');
    const r = await b.run(['apply', '-f', f]);
    oneLine(r, /^error: error parsing .*bad\.yaml: document 2, line (9|1[01]): /);
    // Nothing of the file was applied.
    assert.equal((await c.kubectl.run(['get', 'configmap', 'ok'])).code, 1);
    writeFileSync(f, 'apiVersion: v1\nmetadata:\n  name: x\n');
    oneLine(await b.run(['apply', '-f', f]), /^error: error validating .*bad\.yaml: document 1, line 1: kind not set$/);
  });

  test('an unknown resource type', async () => {
    oneLine(await b.run(['get', 'foo']), /^error: the server doesn't have a resource type "foo"$/);
    oneLine(await b.run(['delete', 'foos', 'x']), /^error: the server doesn't have a resource type "foos"$/);
    oneLine(await b.run(['describe', 'foo/x']), /^error: the server doesn't have a resource type "foo"$/);
    const k = await c.kubectl.run(['get', 'foo']);
    assert.match(k.stderr, /error: the server doesn't have a resource type "foo"/);
  });

  test('an object that does not exist', async () => {
    oneLine(await b.run(['get', 'pod', 'ghost']), /^Error from server \(NotFound\): pods "ghost" not found$/);
    oneLine(await b.run(['delete', 'deploy', 'ghost']), /^Error from server \(NotFound\): deployments\.apps "ghost" not found$/);
  });

  test('an unreachable server', async () => {
    const port = await freePort();
    const r = await b.run(['get', 'pods', '--server', `http://127.0.0.1:${port}`]);
    oneLine(r, new RegExp(`^The connection to the server 127\\.0\\.0\\.1:${port} was refused - did you specify the right host or port\\?$`));
    oneLine(await b.run(['apply', '-f', '-', '-s', `http://127.0.0.1:${port}`], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' }),
      /was refused - did you specify the right host or port\?$/);
  });

  test('a context that does not exist, and a kubeconfig whose current context is gone', async () => {
    oneLine(await b.run(['get', 'pods', '--context', 'nope']), /^Error in configuration: context was not found for specified context: nope$/);
    const f = join(b.dir, 'stale');
    writeFileSync(f, 'apiVersion: v1\nkind: Config\ncurrent-context: expired\ncontexts: []\nclusters: []\nusers: []\n');
    oneLine(await b.run(['get', 'pods', '--kubeconfig', f]), /^Error in configuration: context was not found for specified context: expired$/);
    oneLine(await b.run(['get', 'pods', '--kubeconfig', join(b.dir, 'absent')]), /^error: stat .*absent: no such file or directory$/);
    oneLine(await b.run(['config', 'use-context', 'zz']), /^error: no context exists with the name: "zz"$/);
  });

  test('an unknown flag or verb', async () => {
    const r = await b.run(['get', 'pods', '--bogus']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: unknown flag: --bogus\n/);
    oneLine(await b.run(['frobnicate']), /^error: unknown command "frobnicate" for "bosunctl"$/);
  });
});
