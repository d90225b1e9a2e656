// A smoke run of apply / get / watch / delete with the oldest and newest kubectl we meet.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startCluster, type TestCluster } from './cluster.js';
import { Kubectl } from '../support/kubectl.js';

function versioned(minor: number): string {
  const dir = dirname(realpathSync(execFileSync('sh', ['-c', 'command -v kubectl']).toString().trim()));
  const p = join(dir, `kubectl.1.${minor}`);
  if (!existsSync(p)) throw new Error(`kubectl.1.${minor} is not installed beside ${dir}/kubectl`);
  return p;
}

const manifest = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: smoke}
spec:
  replicas: 1
  selector: {matchLabels: {app: smoke}}
  template:
    metadata: {labels: {app: smoke}}
    spec:
      containers: [{name: main, image: "${image}"}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: smoke}
data: {a: b}
`;

for (const minor of [27, 33]) {
  describe(`kubectl 1.${minor}`, () => {
    let c: TestCluster;
    let k: Kubectl;
    before(async () => {
      c = await startCluster();
      k = new Kubectl(c.apiserver.url, versioned(minor));
    });
    after(async () => { k?.cleanup(); await c?.stop(); });

    test('applies, gets, watches and deletes', async () => {
      assert.match(await k.ok(['apply', '-f', '-'], { input: manifest('bosun/toolbox:1') }), /deployment.apps\/smoke created\nconfigmap\/smoke created/);
      assert.match(await k.ok(['apply', '-f', '-'], { input: manifest('bosun/toolbox:2') }), /deployment.apps\/smoke configured\nconfigmap\/smoke unchanged/);
      assert.match(await k.ok(['get', 'deploy', 'smoke', '-o', 'wide']), /^smoke\s+0\/1\s+0\s+0\s+\d+s\s+main\s+bosun\/toolbox:2\s+app=smoke$/m);
      assert.match(await k.ok(['get', 'cm', 'smoke', '-o', 'jsonpath={.data.a}']), /^b$/);
      const w = spawn(k.binary, ['get', 'configmaps', '-w'], { env: { ...process.env, KUBECONFIG: `${k.dir}/kubeconfig`, HOME: k.dir, KUBECACHEDIR: `${k.dir}/cache` } });
      let out = '';
      w.stdout.on('data', (b: Buffer) => { out += b.toString(); });
      try {
        const deadline = Date.now() + 20_000;
        while (!out.includes('smoke') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        await k.ok(['label', 'cm', 'smoke', 'seen=yes']);
        await k.ok(['create', 'configmap', 'later', '--from-literal=x=y']);
        while (!out.includes('later') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        assert.match(out, /^later\s+1\s+\d+s$/m);
      } finally {
        w.kill('SIGTERM');
      }
      assert.match(await k.ok(['delete', '-f', '-'], { input: manifest('x') }), /deployment.apps "smoke" deleted\nconfigmap "smoke" deleted/);
      assert.equal((await k.ok(['get', 'deploy', '-o', 'name'])).trim(), '');
    });
  });
}
