// bosunctl logs and exec through the apiserver to a real kubelet on a lab host (Docker, the
// toolbox image): default container, -c, --tail, --timestamps, -f, --previous; exec's stdout,
// stderr and exit code, -i with piped stdin, -it on a terminal (WebSocket v5.channel.k8s.io).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import type { KubectlResult } from '../support/kubectl.js';
import { startProcess, waitFor } from '../support/process.js';
import { streamPods } from '../kubelet/stream-pods.js';
import { LabCluster } from '../kubelet/cluster.js';
import { Bosunctl, bosunctlBin } from './bosunctl.js';
import { sameOutput } from './compare.js';

interface PodJson { status: { containerStatuses?: { restartCount: number }[]; conditions?: { type: string; status: string }[] } }

describe('bosunctl logs and exec on lab hosts', () => {
  let c: LabCluster;
  let b: Bosunctl;
  let m1 = '';
  const run = (args: readonly string[], opts: { input?: string } = {}): Promise<KubectlResult> => { c.lab.guard(m1); return b.run(args, opts); };
  const ok = async (args: readonly string[]): Promise<string> => { c.lab.guard(m1); return b.ok(args); };

  before(async () => {
    c = await LabCluster.start({ nodes: 1 });
    m1 = c.lab.host('m1').ip;
    b = new Bosunctl(c.server);
    c.lab.guard(m1);
    await b.ok(['apply', '-f', '-'], { input: streamPods });
    for (const name of ['talker', 'web']) {
      await waitFor(`pod ${name} Ready`, async () => {
        const p = JSON.parse(await ok(['get', 'pod', name, '-o', 'json'])) as PodJson;
        return p.status.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') === true ? true : undefined;
      }, 90_000, 250);
    }
  });
  after(async () => {
    b?.cleanup();
    await c?.stop();
  });

  test('get and describe of pods a real kubelet runs print what kubectl prints', async () => {
    for (const args of [['get', 'pods', '-o', 'wide'], ['describe', 'pod', 'web'], ['describe', 'pod', 'talker'], ['get', 'nodes', '-o', 'wide'], ['describe', 'nodes'], ['get', 'events']]) {
      c.lab.guard(m1);
      await sameOutput(c.kubectl, b, args);
    }
  });

  test('logs: the default container, -c, --tail and --timestamps, as kubectl prints them', async () => {
    const all = await run(['logs', 'talker']);
    assert.equal(all.code, 0, all.stderr);
    assert.equal(all.stderr, 'Defaulted container "main" out of: main, side\n');
    assert.ok(all.stdout.startsWith('line 1\nline 2\nline 3\nline 4\nline 5\n'), all.stdout.slice(0, 200));
    assert.equal(await ok(['logs', 'talker', '-c', 'side']), 'side-line\n');
    assert.equal(await ok(['logs', 'pod/talker', '-c', 'side']), await c.kubectl.ok(['logs', 'pod/talker', '-c', 'side']));
    const tail = await ok(['logs', 'talker', '-c', 'main', '--tail=2']);
    assert.equal(tail.split('\n').filter((l) => l !== '').length, 2, tail);
    assert.match(await ok(['logs', 'talker', '-c', 'side', '--timestamps']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z side-line\n$/);
    assert.equal(await ok(['logs', 'talker', '-c', 'main', '--limit-bytes=10']), 'line 1\nlin');
    assert.match(await ok(['logs', 'talker', '-c', 'main', '--since=1h']), /^line 1\n/);
    const bad = await run(['logs', 'talker', '-c', 'nope']);
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr, (await c.kubectl.run(['logs', 'talker', '-c', 'nope'])).stderr);
  });

  test('logs -f prints lines written after it started', async () => {
    c.lab.guard(m1);
    const f = startProcess(process.execPath, [bosunctlBin, 'logs', '-f', 'talker', '-c', 'main', '--tail=1'], { env: { HOME: b.dir, KUBECONFIG: b.kubeconfig } });
    try {
      const first = await waitFor('the first followed tick', async () => /tick (\d+)/.exec(f.output())?.[1], 15_000, 50);
      await waitFor('three more ticks', async () => (f.output().includes(`tick ${Number(first) + 3}`) ? true : undefined), 15_000, 50);
    } finally {
      await f.stop();
    }
  });

  test('logs --previous shows the run before the restart', async () => {
    await waitFor('a restart', async () => {
      const p = JSON.parse(await ok(['get', 'pod', 'restarter', '-o', 'json'])) as PodJson;
      return (p.status.containerStatuses?.[0]?.restartCount ?? 0) >= 1 ? true : undefined;
    }, 60_000, 250);
    assert.equal(await ok(['logs', 'restarter', '--previous']), 'run-marker\n');
    const none = await run(['logs', 'talker', '-c', 'side', '--previous']);
    assert.equal(none.code, 1);
    assert.equal(none.stderr, 'Error from server (BadRequest): previous terminated container "side" in pod "talker" not found\n');
  });

  test('exec passes stdout, stderr and the exit code back, as kubectl does', async () => {
    const args = ['exec', 'talker', '-c', 'main', '--', 'sh', '-c', 'echo hi; echo oops >&2; exit 3'];
    const r = await run(args);
    assert.deepEqual([r.stdout, r.stderr, r.code], ['hi\n', 'oops\ncommand terminated with exit code 3\n', 3]);
    const k = await c.kubectl.run(args);
    assert.deepEqual([k.stdout, k.stderr, k.code], [r.stdout, r.stderr, r.code]);
    assert.match(await ok(['exec', 'talker', '-c', 'side', '--', 'cat', '/proc/1/cmdline']), /sleep/);
    const big = await run(['exec', 'talker', '-c', 'main', '--', 'sh', '-c', 'head -c 3000000 /dev/zero | tr "\\0" a; echo; echo end']);
    assert.equal(big.code, 0, big.stderr);
    assert.equal(big.stdout.length, 3_000_000 + 5);
    const bad = await run(['exec', 'talker', '-c', 'nope', '--', 'true']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^Error from server \(BadRequest\): container nope is not valid for pod talker\n$/);
  });

  test('exec -i reads piped stdin to its end', async () => {
    const r = await run(['exec', '-i', 'talker', '-c', 'main', '--', 'sh', '-c', 'tr a-z A-Z; echo done'], { input: 'hello stdin\nsecond line\n' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'HELLO STDIN\nSECOND LINE\ndone\n');
  });

  test('exec -it runs a shell on a terminal, passes its size and exit code', async () => {
    c.lab.guard(m1);
    const quoted = [process.execPath, bosunctlBin, 'exec', '-it', 'talker', '-c', 'main', '--', 'sh'].map((a) => `'${a}'`).join(' ');
    const r = await new Promise<KubectlResult>((resolve) => {
      const child = execFile('script', ['-qec', `stty rows 33 cols 111; exec ${quoted}`, '/dev/null'], { env: { HOME: b.dir, KUBECONFIG: b.kubeconfig, PATH: process.env['PATH'] }, timeout: 30_000 }, (err, stdout, stderr) => {
        resolve({ code: err === null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1, stdout, stderr });
      });
      setTimeout(() => child.stdin?.write('[ -t 0 ] && echo "on-a-tty-$((6*7))"; echo "size-$(stty size | tr \' \' x)"; exit 5\n'), 1500);
    });
    assert.match(r.stdout, /on-a-tty-42/, r.stdout + r.stderr);
    assert.match(r.stdout, /size-33x111/);
    assert.equal(r.code, 5, r.stdout + r.stderr);
  });

  test('port-forward carries several connections to the pod over the SPDY-in-WebSocket tunnel', async () => {
    c.lab.guard(m1);
    const pf = startProcess(process.execPath, [bosunctlBin, 'port-forward', 'pod/web', ':http', '0:8080'], { env: { HOME: b.dir, KUBECONFIG: b.kubeconfig } });
    try {
      const ports = await waitFor('two listeners', async () => {
        const found = [...pf.output().matchAll(/Forwarding from 127\.0\.0\.1:(\d+) -> 8080\n/g)].map((m) => Number(m[1]));
        return found.length === 2 ? found : undefined;
      }, 20_000, 50);
      const get = async (port: number, path: string): Promise<string> => (await fetch(`http://127.0.0.1:${port}${path}`)).text();
      const [a, b2, big] = await Promise.all([get(ports[0]!, '/index.html'), get(ports[1]!, '/index.html'), get(ports[0]!, '/big')]);
      assert.equal(a, 'hello-port-forward\n');
      assert.equal(b2, 'hello-port-forward\n');
      assert.equal(big.length, 2_000_000);
      assert.ok(/^b+$/.test(big));
      assert.match(pf.output(), /Handling connection for \d+\n/);
    } finally {
      await pf.stop();
    }
  });
});
