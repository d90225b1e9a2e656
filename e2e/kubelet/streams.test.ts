// kubectl logs, exec and port-forward through the apiserver to the kubelet server, on lab
// hosts with the real kubectl 1.32 (WebSocket v5 exec, WebSocket-tunnelled SPDY port-forward)
// and kubectl 1.27 (SPDY only). One lab serves every scenario of this file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Lab } from '../lab/lab.js';
import { Kubectl, type KubectlResult } from '../support/kubectl.js';
import { startProcess, waitFor } from '../support/process.js';
import { LabCluster } from './cluster.js';

/** kubectl of a given binary that checks the lab is up before every call (as cluster.ts's). */
class GuardedKubectl extends Kubectl {
  constructor(private readonly lab: Lab, server: string, private readonly address: string, binary: string) {
    super(server, binary);
  }

  guard(): void { this.lab.guard(this.address); }

  env(): NodeJS.ProcessEnv {
    return { ...process.env, KUBECONFIG: join(this.dir, 'kubeconfig'), KUBECACHEDIR: join(this.dir, 'cache'), HOME: this.dir };
  }

  override run(args: readonly string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<KubectlResult> {
    this.guard();
    return super.run(args, opts);
  }

  /** Under a pseudo-terminal (util-linux script), stdin fed from `input`; script -e passes the exit code. */
  runWithTty(args: readonly string[], input: string, timeoutMs = 30_000): Promise<KubectlResult> {
    this.guard();
    const quoted = [this.binary, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    return new Promise((resolve) => {
      const child = execFile('script', ['-qec', quoted, '/dev/null'], { env: this.env(), timeout: timeoutMs }, (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1;
        resolve({ code, stdout: stdout.toString(), stderr: stderr.toString() });
      });
      // Typed slowly enough for the remote shell to be ready; the pty echoes it back too.
      setTimeout(() => child.stdin?.write(input), 1500);
    });
  }
}

/** The versioned kubectl binaries sit beside the default one. */
function kubectlBinary(version: string): string {
  if (version === '1.32') return 'kubectl';
  const which = (process.env['PATH'] ?? '').split(':').map((d) => join(d, 'kubectl')).find((p) => { try { realpathSync(p); return true; } catch { return false; } });
  return join(dirname(realpathSync(which ?? '/usr/bin/kubectl')), `kubectl.${version}`);
}

interface PodJson { status: { containerStatuses?: { name: string; restartCount: number; state?: { running?: object } }[]; conditions?: { type: string; status: string }[] } }

describe('kubectl logs, exec and port-forward on lab hosts', () => {
  let c: LabCluster;
  const kubectls = new Map<string, GuardedKubectl>();

  before(async () => {
    c = await LabCluster.start({ nodes: 1 });
    const m1 = c.lab.host('m1').ip;
    for (const v of ['1.32', '1.27']) kubectls.set(v, new GuardedKubectl(c.lab, c.server, m1, kubectlBinary(v)));
    await c.kubectl.ok(['apply', '-f', '-'], { input: `apiVersion: v1
kind: Pod
metadata: {name: talker}
spec:
  containers:
  - name: main
    image: bosun/toolbox:1
    command: ["sh", "-c", "for i in 1 2 3 4 5; do echo line $i; done; i=100; while true; do i=$((i+1)); echo tick $i; sleep 0.3; done"]
  - name: side
    image: bosun/toolbox:1
    command: ["sh", "-c", "echo side-line; exec sleep 3600"]
---
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: web
    image: bosun/toolbox:1
    command: ["sh", "-c", "mkdir -p /w; echo hello-port-forward > /w/index.html; exec httpd -f -p 8080 -h /w"]
---
apiVersion: v1
kind: Pod
metadata: {name: restarter}
spec:
  containers:
  - name: main
    image: bosun/toolbox:1
    command: ["sh", "-c", "echo run-marker; sleep 1; exit 1"]
` });
    for (const name of ['talker', 'web']) {
      await waitFor(`pod ${name} Ready`, async () => {
        const p = JSON.parse(await c.kubectl.ok(['get', 'pod', name, '-o', 'json'])) as PodJson;
        return p.status.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') === true ? true : undefined;
      }, 60_000, 200);
    }
  });
  after(async () => {
    for (const k of kubectls.values()) k.cleanup();
    await c?.stop();
  });

  for (const version of ['1.32', '1.27']) {
    const k = (): GuardedKubectl => kubectls.get(version)!;

    describe(`kubectl ${version}`, () => {
      test('logs: the default container, -c, --tail and --timestamps', async () => {
        const all = await k().run(['logs', 'talker']);
        assert.equal(all.code, 0, all.stderr);
        assert.match(all.stderr, /Defaulted container "main" out of: main, side/);
        assert.ok(all.stdout.startsWith('line 1\nline 2\nline 3\nline 4\nline 5\n'), all.stdout.slice(0, 200));
        assert.equal(await k().ok(['logs', 'talker', '-c', 'side']), 'side-line\n');
        const tail = await k().ok(['logs', 'talker', '-c', 'main', '--tail=2']);
        assert.equal(tail.split('\n').filter((l) => l !== '').length, 2, tail);
        const ts = await k().ok(['logs', 'talker', '-c', 'side', '--timestamps']);
        assert.match(ts, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z side-line\n$/);
        const bad = await k().run(['logs', 'talker', '-c', 'nope']);
        assert.equal(bad.code, 1);
        assert.match(bad.stderr, /container nope is not valid for pod talker/);
      });

      test('logs -f receives lines written after it started, and --limit-bytes cuts', async () => {
        k().guard();
        const f = startProcess(k().binary, ['logs', '-f', 'talker', '-c', 'main', '--tail=1'], { env: k().env() });
        try {
          const first = await waitFor('the first followed tick', async () => /tick (\d+)/.exec(f.output())?.[1], 15_000, 50);
          await waitFor('three more ticks', async () => (f.output().includes(`tick ${Number(first) + 3}`) ? true : undefined), 15_000, 50);
        } finally {
          await f.stop();
        }
        const limited = await k().ok(['logs', 'talker', '-c', 'main', '--limit-bytes=10']);
        assert.equal(limited, 'line 1\nlin');
      });

      test('logs --previous shows the run before the restart', async () => {
        await waitFor('a restart', async () => {
          const p = JSON.parse(await k().ok(['get', 'pod', 'restarter', '-o', 'json'])) as PodJson;
          return (p.status.containerStatuses?.[0]?.restartCount ?? 0) >= 1 ? true : undefined;
        }, 60_000, 250);
        const prev = await k().run(['logs', 'restarter', '--previous']);
        assert.equal(prev.code, 0, prev.stderr);
        assert.equal(prev.stdout, 'run-marker\n');
        const none = await k().run(['logs', 'talker', '-c', 'side', '--previous']);
        assert.equal(none.code, 1);
        assert.match(none.stderr, /Error from server \(BadRequest\): previous terminated container "side" in pod "talker" not found/);
      });

      test('exec passes stdout, stderr and the exit code back', async () => {
        const r = await k().run(['exec', 'talker', '-c', 'main', '--', 'sh', '-c', 'echo hi; echo oops >&2; exit 3']);
        assert.equal(r.stdout, 'hi\n');
        assert.match(r.stderr, /oops/);
        assert.match(r.stderr, /command terminated with exit code 3/);
        assert.equal(r.code, 3);
        const ok = await k().run(['exec', 'talker', '-c', 'side', '--', 'cat', '/proc/1/cmdline']);
        assert.equal(ok.code, 0, ok.stderr);
        assert.match(ok.stdout, /sleep/);
        const bad = await k().run(['exec', 'talker', '-c', 'nope', '--', 'true']);
        assert.equal(bad.code, 1);
        assert.match(bad.stderr, /container nope is not valid for pod talker/);
        const ghost = await k().run(['exec', 'ghost', '--', 'true']);
        assert.match(ghost.stderr, /pods "ghost" not found/);
      });

      test('exec -i reads piped stdin to its end', async () => {
        const r = await k().run(['exec', '-i', 'talker', '-c', 'main', '--', 'sh', '-c', 'tr a-z A-Z; echo done'], { input: 'hello stdin\nsecond line\n' });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout, 'HELLO STDIN\nSECOND LINE\ndone\n');
      });

      test('exec -it runs a shell on a terminal and passes its exit code', async () => {
        const r = await k().runWithTty(['exec', '-it', 'talker', '-c', 'main', '--', 'sh'], '[ -t 0 ] && echo "on-a-tty-$((6*7))"; exit 5\n');
        assert.match(r.stdout, /on-a-tty-42/, r.stdout + r.stderr);
        assert.equal(r.code, 5, r.stdout + r.stderr);
      });

      test('port-forward carries several connections to the pod', async () => {
        const port = version === '1.32' ? 18080 : 18081;
        k().guard();
        const pf = startProcess(k().binary, ['port-forward', 'pod/web', `${port}:8080`], { env: k().env() });
        try {
          await waitFor('port-forward to listen', async () => (pf.output().includes(`Forwarding from 127.0.0.1:${port}`) ? true : undefined), 15_000, 50);
          for (let i = 0; i < 3; i++) {
            const res = await c.lab.fetch(`http://127.0.0.1:${port}/index.html`);
            assert.equal(res.status, 200);
            assert.equal(await res.text(), 'hello-port-forward\n');
          }
          const closed = await c.lab.fetch(`http://127.0.0.1:${port}/missing`);
          assert.equal(closed.status, 404);
        } finally {
          await pf.stop();
        }
        assert.doesNotMatch(pf.output(), /error|lost connection/i, pf.output());
      });
    });
  }

  test('the kubelet serves /stats/summary with CPU and memory of node, pods and containers', async () => {
    const n1 = c.lab.host('n1');
    c.lab.guard(n1.ip);
    const res = await c.lab.fetch(`http://${n1.ip}:10250/stats/summary`);
    assert.equal(res.status, 200);
    const s = await res.json() as {
      node: { nodeName: string; cpu: { usageNanoCores: number }; memory: { workingSetBytes: number } };
      pods: { podRef: { name: string }; containers: { name: string; cpu: { usageNanoCores: number; usageCoreNanoSeconds: number }; memory: { workingSetBytes: number } }[] }[];
    };
    assert.equal(s.node.nodeName, 'n1');
    assert.ok(s.node.memory.workingSetBytes > 0);
    const talker = s.pods.find((p) => p.podRef.name === 'talker');
    assert.ok(talker, JSON.stringify(s.pods.map((p) => p.podRef.name)));
    assert.deepEqual(talker.containers.map((x) => x.name).sort(), ['main', 'side']);
    for (const x of talker.containers) {
      assert.ok(x.memory.workingSetBytes > 0, `${x.name} memory`);
      assert.ok(x.cpu.usageCoreNanoSeconds > 0, `${x.name} cpu`);
    }
    const healthz = await c.lab.fetch(`http://${n1.ip}:10250/healthz`);
    assert.equal(await healthz.text(), 'ok');
  });
});

