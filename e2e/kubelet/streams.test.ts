// kubectl logs, exec and port-forward through the apiserver to the kubelet server, on lab
// hosts with the real kubectl 1.32 (WebSocket v5 exec, WebSocket-tunnelled SPDY port-forward)
// and kubectl 1.27 (SPDY only). One lab serves every scenario of this file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { dirname, join } from 'node:path';
import type { Lab } from '../lab/lab.js';
import { Kubectl, type KubectlResult, type RunOptions } from '../support/kubectl.js';
import { startProcess, waitFor } from '../support/process.js';
import { streamPods } from './stream-pods.js';
import { LabCluster, apiPort } from './cluster.js';

/** kubectl of a given binary that checks the lab is up before every call (as cluster.ts's). */
class GuardedKubectl extends Kubectl {
  constructor(private readonly lab: Lab, server: string, private readonly address: string, binary: string,
    private readonly extraEnv: NodeJS.ProcessEnv = {}) {
    super(server, binary);
  }

  guard(): void { this.lab.guard(this.address); }

  env(): NodeJS.ProcessEnv {
    return { ...process.env, KUBECONFIG: join(this.dir, 'kubeconfig'), KUBECACHEDIR: join(this.dir, 'cache'), HOME: this.dir, ...this.extraEnv };
  }

  override run(args: readonly string[], opts: RunOptions = {}): Promise<KubectlResult> {
    this.guard();
    return super.run(args, { ...opts, env: { ...this.extraEnv, ...opts.env } });
  }

  /**
   * Under a pseudo-terminal of 33 rows and 111 columns (util-linux script), stdin fed from
   * `input`; script -e passes the exit code.
   */
  runWithTty(args: readonly string[], input: string, timeoutMs = 30_000): Promise<KubectlResult> {
    this.guard();
    const quoted = [this.binary, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    return new Promise((resolve) => {
      const child = execFile('script', ['-qec', `stty rows 33 cols 111; exec ${quoted}`, '/dev/null'], { env: this.env(), timeout: timeoutMs }, (err, stdout, stderr) => {
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
    kubectls.set('1.32-spdy', new GuardedKubectl(c.lab, c.server, m1, kubectlBinary('1.32'),
      { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false', KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' }));
    await c.kubectl.ok(['apply', '-f', '-'], { input: `${streamPods}---
apiVersion: v1
kind: Pod
metadata: {name: attachable}
spec:
  containers:
  - name: main
    image: bosun/toolbox:1
    stdin: true
    command: ["sh", "-c", "while true; do if read l; then echo got-$l; else sleep 0.2; fi; done"]
---
apiVersion: v1
kind: Pod
metadata: {name: initwait}
spec:
  initContainers: [{name: init, image: bosun/toolbox:1, command: ["sleep", "3600"]}]
  containers: [{name: main, image: bosun/toolbox:1, command: ["sleep", "3600"]}]
---
apiVersion: v1
kind: Pod
metadata: {name: unbound}
spec:
  nodeSelector: {bosun.test/none: none}
  containers: [{name: main, image: bosun/toolbox:1, command: ["sleep", "3600"]}]
` });
    try {
      await waitFor('initwait to run its init container', async () => {
        const p = JSON.parse(await c.kubectl.ok(['get', 'pod', 'initwait', '-o', 'json'])) as { status: { initContainerStatuses?: { state?: { running?: object } }[] } };
        return p.status.initContainerStatuses?.[0]?.state?.running !== undefined ? true : undefined;
      }, 90_000, 200);
    } catch (err) {
      // What a failure needs to be understood: the pods as the API and Docker show them, and the kubelet's last words.
      const pods = await c.kubectl.run(['get', 'pods', '-o', 'wide']);
      const status = await c.kubectl.run(['get', 'pod', 'initwait', '-o', 'jsonpath={.status}']);
      const ps = await c.lab.docker('n1', ['ps', '-a', '--format', '{{.Names}} {{.Status}}']);
      const log = c.lab.process('n1', 'kubelet').logs(20_000).split('\n').slice(-40).join('\n');
      process.stdout.write(`# ${[pods.stdout, status.stdout, ps.stdout, log].join('\n').split('\n').join('\n# ')}\n`);
      throw err;
    }
    for (const name of ['talker', 'web', 'attachable']) {
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

  /** The kubelet's log lines about stream sessions since `from` characters. */
  const kubeletLog = (): string => c.lab.process('n1', 'kubelet').logs(2_000_000);
  const sessions = (from: number, msg: string): { transport: string; protocol: string }[] => kubeletLog().slice(from).split('\n')
    .filter((l) => l.includes(msg)).map((l) => JSON.parse(l) as { transport: string; protocol: string });

  const transports: Record<string, { exec: string; portForward: string }> = {
    '1.32': { exec: 'websocket/v5.channel.k8s.io', portForward: 'websocket/SPDY/3.1+portforward.k8s.io' },
    '1.27': { exec: 'spdy/v4.channel.k8s.io', portForward: 'spdy/portforward.k8s.io' },
    '1.32-spdy': { exec: 'spdy/v5.channel.k8s.io', portForward: 'spdy/portforward.k8s.io' },
  };

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
        const mark = kubeletLog().length;
        const r = await k().run(['exec', 'talker', '-c', 'main', '--', 'sh', '-c', 'echo hi; echo oops >&2; exit 3']);
        assert.equal(r.stdout, 'hi\n');
        assert.match(r.stderr, /oops/);
        assert.match(r.stderr, /command terminated with exit code 3/);
        assert.equal(r.code, 3);
        assert.deepEqual(sessions(mark, 'Stream session started').map((x) => `${x.transport}/${x.protocol}`), [transports[version]!.exec]);
        const ok = await k().run(['exec', 'talker', '-c', 'side', '--', 'cat', '/proc/1/cmdline']);
        assert.equal(ok.code, 0, ok.stderr);
        assert.match(ok.stdout, /sleep/);
        const bad = await k().run(['exec', 'talker', '-c', 'nope', '--', 'true']);
        assert.equal(bad.code, 1);
        assert.match(bad.stderr, /container nope is not valid for pod talker/);
        const ghost = await k().run(['exec', 'ghost', '--', 'true']);
        assert.match(ghost.stderr, /pods "ghost" not found/);
      });

      test('exec and logs of containers that do not run yet, or of a pod with no node, fail as Kubernetes words it', async () => {
        const notYet = await k().run(['exec', 'initwait', '-c', 'main', '--', 'true']);
        assert.equal(notYet.code, 1);
        assert.match(notYet.stderr, /error: unable to upgrade connection: container not found \("main"\)/);
        const logs = await k().run(['logs', 'initwait', '-c', 'main']);
        assert.equal(logs.code, 1);
        assert.match(logs.stderr, /Error from server \(BadRequest\): container "main" in pod "initwait" is waiting to start: \w+/);
        const unbound = await k().run(['exec', 'unbound', '--', 'true']);
        assert.equal(unbound.code, 1);
        assert.match(unbound.stderr, /pod unbound does not have a host assigned/);
        const noLogs = await k().run(['logs', 'unbound']);
        assert.deepEqual([noLogs.code, noLogs.stdout], [0, '']);
      });

      test('exec carries megabytes of output whole', async () => {
        const r = await k().run(['exec', 'talker', '-c', 'main', '--', 'sh', '-c', 'head -c 3000000 /dev/zero | tr "\\0" a; echo; echo end']);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout.length, 3_000_000 + 5);
        assert.ok(r.stdout.endsWith('a\nend\n'));
      });

      test('exec -i reads piped stdin to its end', async () => {
        const r = await k().run(['exec', '-i', 'talker', '-c', 'main', '--', 'sh', '-c', 'tr a-z A-Z; echo done'], { input: 'hello stdin\nsecond line\n' });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout, 'HELLO STDIN\nSECOND LINE\ndone\n');
      });

      test('exec -it runs a shell on a terminal and passes its exit code', async () => {
        const r = await k().runWithTty(['exec', '-it', 'talker', '-c', 'main', '--', 'sh'],
          '[ -t 0 ] && echo "on-a-tty-$((6*7))"; echo "size-$(stty size | tr \' \' x)"; exit 5\n');
        assert.match(r.stdout, /on-a-tty-42/, r.stdout + r.stderr);
        assert.match(r.stdout, /size-33x111/, 'the terminal size reached the container');
        assert.equal(r.code, 5, r.stdout + r.stderr);
      });

      test('port-forward carries several connections to the pod', async () => {
        const port = version === '1.32' ? 18080 : 18081;
        const mark = kubeletLog().length;
        k().guard();
        const pf = startProcess(k().binary, ['port-forward', 'pod/web', `${port}:8080`], { env: k().env() });
        try {
          await waitFor('port-forward to listen', async () => (pf.output().includes(`Forwarding from 127.0.0.1:${port}`) ? true : undefined), 15_000, 50);
          for (let i = 0; i < 3; i++) {
            const res = await c.lab.fetch(`http://127.0.0.1:${port}/index.html`);
            assert.equal(res.status, 200);
            assert.equal(await res.text(), 'hello-port-forward\n');
          }
          const missing = await c.lab.fetch(`http://127.0.0.1:${port}/missing`);
          assert.equal(missing.status, 404);
          const big = await c.lab.fetch(`http://127.0.0.1:${port}/big`);
          const body = await big.text();
          assert.equal(body.length, 2_000_000);
          assert.match(body, /^b+$/);
        } finally {
          await pf.stop();
        }
        assert.doesNotMatch(pf.output(), /error|lost connection/i, pf.output());
        assert.deepEqual(sessions(mark, 'Port forward started').map((x) => `${x.transport}/${x.protocol}`), [transports[version]!.portForward]);
      });

      test('attach -i sends stdin to the container and shows its output', async () => {
        k().guard();
        const child = spawn(k().binary, ['attach', '-i', 'attachable', '-c', 'main'], { env: k().env(), stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
        child.stderr.on('data', (b: Buffer) => { out += b.toString(); });
        try {
          const word = `w${version.replace('.', '')}`;
          await waitFor('the attach to be up', async () => {
            child.stdin.write(`${word}\n`);
            return out.includes(`got-${word}`) ? true : undefined;
          }, 20_000, 500);
        } finally {
          child.kill('SIGTERM');
        }
      });
    });
  }

  test('kubectl 1.32 with WebSockets turned off falls back to SPDY for exec and port-forward', async () => {
    const k = kubectls.get('1.32-spdy')!;
    const mark = kubeletLog().length;
    const r = await k.run(['exec', '-i', 'talker', '-c', 'main', '--', 'sh', '-c', 'cat; exit 4'], { input: 'over-spdy\n' });
    assert.equal(r.stdout, 'over-spdy\n');
    assert.equal(r.code, 4, r.stderr);
    k.guard();
    const pf = startProcess(k.binary, ['port-forward', 'pod/web', '18082:8080'], { env: k.env() });
    try {
      await waitFor('port-forward to listen', async () => (pf.output().includes('Forwarding from 127.0.0.1:18082') ? true : undefined), 15_000, 50);
      assert.equal(await (await c.lab.fetch('http://127.0.0.1:18082/index.html')).text(), 'hello-port-forward\n');
    } finally {
      await pf.stop();
    }
    assert.deepEqual(sessions(mark, 'Stream session started').map((x) => `${x.transport}/${x.protocol}`), [transports['1.32-spdy']!.exec]);
    assert.deepEqual(sessions(mark, 'Port forward started').map((x) => `${x.transport}/${x.protocol}`), [transports['1.32-spdy']!.portForward]);
  });

  test('the apiserver answers other upgrade requests as plain requests, and exec without an upgrade with a Status', async () => {
    const m1 = c.lab.host('m1').ip;
    const get = (path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> => {
      c.lab.guard(m1);
      return new Promise((resolve, reject) => {
        const req = httpRequest({ host: m1, port: apiPort, path, headers }, (res) => {
          let body = '';
          res.on('data', (b: Buffer) => { body += b.toString(); });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.once('upgrade', () => reject(new Error('upgraded')));
        req.once('error', reject);
        req.end();
      });
    };
    const version = await get('/version', { Connection: 'Upgrade', Upgrade: 'websocket' });
    assert.equal(version.status, 200);
    assert.match(version.body, /"gitVersion"/);
    const plain = await get('/api/v1/namespaces/default/pods/talker/exec?command=true&stdout=true', {});
    assert.equal(plain.status, 400);
    assert.equal((JSON.parse(plain.body) as { message: string }).message, 'Upgrade request required');
  });

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

