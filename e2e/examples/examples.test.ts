// deploy/examples/ end to end in one lab (m1 + two node hosts running kubelet, network and
// proxy from their units): each example is deployed with `bosunctl apply -f <folder>`, waited
// for with bosunctl, and used from the runner through its NodePort on the node hosts — the
// book's mysql + myweb (service discovery by environment variables) and the guestbook
// (redis-master, redis-slave, frontend found by DNS names).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../support/paths.js';
import { waitFor } from '../support/process.js';
import { ExamplesCluster } from './cluster.js';

const examples = join(repoRoot, 'deploy', 'examples');
const minutes = (n: number) => n * 60_000;

describe('deploy/examples in the lab, driven by bosunctl', { timeout: minutes(12) }, () => {
  let c: ExamplesCluster;
  const ctl = (args: readonly string[], timeoutMs?: number) => c.bosunctl.ok(args, timeoutMs === undefined ? {} : { timeoutMs });
  const names = async (args: readonly string[]) => (await ctl(['get', ...args, '-o', 'name'])).split('\n').filter((l) => l !== '').sort();
  const nodeIPs = () => c.lab.nodes.map((n) => n.ip);

  /** GET or POST through the lab's guarded fetch, never following a redirect, within 8 s. */
  const http = async (url: string, init: RequestInit = {}) => {
    const r = await c.lab.fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(8_000), ...init });
    return { status: r.status, headers: r.headers, text: await r.text() };
  };
  /** Until `url` answers 200 (the Service's endpoints and the proxies' rules are in place). */
  const answers = (url: string) => waitFor(`${url} to answer`, async () => {
    const r = await http(url).catch(() => undefined);
    return r?.status === 200 ? r : undefined;
  }, minutes(2), 500);

  before(async () => { c = await ExamplesCluster.start({ nodes: 2 }); }, { timeout: minutes(4) });
  after(async () => { await c?.stop(); }, { timeout: minutes(2) });

  describe('book: mysql and myweb (Kubernetes权威指南, chapter 1)', () => {
    const row = { name: `Lab user ${randomBytes(3).toString('hex')}`, level: '42' };

    test('bosunctl apply -f deploy/examples/book/ makes both RCs and Services, and the pods become ready', { timeout: minutes(4) }, async () => {
      const out = await ctl(['apply', '-f', join(examples, 'book') + '/']);
      for (const o of ['replicationcontroller/mysql', 'service/mysql', 'replicationcontroller/myweb', 'service/myweb']) {
        assert.match(out, new RegExp(`^${o} created$`, 'm'));
      }
      for (const [rc, want] of [['mysql', '1'], ['myweb', '2']] as const) {
        await waitFor(`rc/${rc} ready`, async () => {
          const ready = (await ctl(['get', 'rc', rc, '-o', 'jsonpath={.status.readyReplicas}'])).trim();
          return ready === want ? true : undefined;
        }, minutes(3), 1_000);
      }
      const svc = await ctl(['get', 'svc', 'myweb']);
      assert.match(svc, /^myweb\s+NodePort\s+10\.\d+\.\d+\.\d+\s+<none>\s+8080:30001\/TCP\s/m);
      const both = await ctl(['get', 'rc,svc']);
      assert.match(both, /^replicationcontroller\/mysql\s+1\s+1\s+1\s/m);
      assert.match(both, /^service\/myweb\s+NodePort\s/m);
      const rcs = (await ctl(['get', 'rc', 'mysql', 'myweb'])).split('\n');
      assert.match(rcs[0]!, /^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE$/);
      assert.match(rcs.find((l) => l.startsWith('myweb '))!, /^myweb\s+2\s+2\s+2\s+\S+$/);
    });

    test('a row inserted through the web page on port 30001 is listed by the page on either node', { timeout: minutes(3) }, async () => {
      const [ip1, ip2] = nodeIPs() as [string, string];
      const first = await answers(`http://${ip1}:30001/demo/`);
      assert.match(first.text, /<th>Name<\/th><th>Level\(Score\)<\/th>/);
      assert.doesNotMatch(first.text, new RegExp(row.name));

      const insert = await http(`http://${ip1}:30001/cgi-bin/insert`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(row).toString(),
      });
      assert.equal(insert.status, 303, insert.text);
      assert.equal(insert.headers.get('location'), '/demo/');
      assert.match(insert.text, /1 row inserted/);

      for (const ip of [ip2, ip1]) {
        const page = await answers(`http://${ip}:30001/demo/`);
        assert.ok(page.text.includes(`<tr><td>${row.name}</td><td>${row.level}</td></tr>`), page.text);
      }
    });

    test('the web pods found the database through MYSQL_SERVICE_HOST and MYSQL_SERVICE_PORT', { timeout: minutes(2) }, async () => {
      const clusterIP = (await ctl(['get', 'svc', 'mysql', '-o', 'jsonpath={.spec.clusterIP}'])).trim();
      assert.match(clusterIP, /^10\.\d+\.\d+\.\d+$/);
      const pods = await names(['pods', '-l', 'app=myweb']);
      assert.equal(pods.length, 2, pods.join(' '));
      for (const pod of pods) {
        const env = (await ctl(['exec', pod, '--', 'env'])).split('\n');
        assert.ok(env.includes(`MYSQL_SERVICE_HOST=${clusterIP}`), `${pod}: ${env.join(' ')}`);
        assert.ok(env.includes('MYSQL_SERVICE_PORT=3306'), `${pod}: ${env.join(' ')}`);
      }
      // And the page says so: every answer names a myweb pod and the address it used.
      const [ip1] = nodeIPs() as [string];
      for (let i = 0; i < 6; i++) {
        const page = await http(`http://${ip1}:30001/demo/`);
        const m = /Served by pod (\S+); database at MYSQL_SERVICE_HOST=(\S+) MYSQL_SERVICE_PORT=(\d+)/.exec(page.text);
        assert.ok(m !== null, page.text);
        assert.ok(pods.includes(`pod/${m[1]}`), `${m[1]} is not one of ${pods.join(' ')}`);
        assert.equal(m[2], clusterIP);
        assert.equal(m[3], '3306');
      }
    });

    test('web pods made before the mysql Service lack the variables and say so; new ones have them', { timeout: minutes(3) }, async () => {
      const ns = ['-n', 'book-early'];
      // (bosunctl has no `create namespace NAME` yet: a manifest on stdin)
      await c.bosunctl.ok(['create', '-f', '-'], { input: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: book-early\n' });
      const demo = async () => (await ctl(['exec', 'rc/myweb', ...ns, '--', 'sh', '-c', `printf 'GET /demo/ HTTP/1.0\\r\\n\\r\\n' | timeout 10 nc 127.0.0.1 8080`]));
      const ready = (want: string) => waitFor(`rc/myweb ready in book-early`, async () => {
        const pods = await names(['pods', ...ns, '-l', 'app=myweb']);
        const n = (await ctl(['get', 'rc', 'myweb', ...ns, '-o', 'jsonpath={.status.readyReplicas}'])).trim();
        return n === want && pods.length === Number(want) ? pods : undefined;
      }, minutes(2), 1_000);

      await ctl(['apply', ...ns, '-f', join(examples, 'book', 'myweb-rc.yaml')]);
      const early = await ready('2');
      const before = await demo();
      assert.match(before, /^HTTP\/1\.1 503 /, before);
      assert.match(before, /MYSQL_SERVICE_HOST\/MYSQL_SERVICE_PORT are not set/);

      await ctl(['apply', ...ns, '-f', join(examples, 'book', 'mysql-rc.yaml'), '-f', join(examples, 'book', 'mysql-svc.yaml')]);
      await ctl(['delete', 'pods', ...ns, '-l', 'app=myweb']);
      await waitFor('new myweb pods', async () => {
        const now = await ready('2');
        return now.every((p) => !early.includes(p)) ? true : undefined;
      }, minutes(2), 1_000);
      await waitFor('mysql ready in book-early', async () => (
        (await ctl(['get', 'rc', 'mysql', ...ns, '-o', 'jsonpath={.status.readyReplicas}'])).trim() === '1' ? true : undefined), minutes(2), 1_000);
      const after = await demo();
      assert.match(after, /^HTTP\/1\.1 200 /, after);
      const clusterIP = (await ctl(['get', 'svc', 'mysql', ...ns, '-o', 'jsonpath={.spec.clusterIP}'])).trim();
      assert.match(after, new RegExp(`MYSQL_SERVICE_HOST=${clusterIP.replace(/\./g, '\\.')} MYSQL_SERVICE_PORT=3306`));
      await ctl(['delete', 'namespace', 'book-early', '--wait=false']);
    });
  });

  describe('guestbook: redis-master, redis-slave and frontend', () => {
    const entry = `hello from the lab ${randomBytes(3).toString('hex')}`;
    const get = (ip: string) => http(`http://${ip}:30002/guestbook.php?cmd=get&key=messages`);
    type Answer = { data?: string; message?: string; from: string; frontend: string };

    test('bosunctl apply -f deploy/examples/guestbook/ and rollout status for the three Deployments', { timeout: minutes(5) }, async () => {
      const out = await ctl(['apply', '-f', join(examples, 'guestbook') + '/']);
      for (const o of ['deployment.apps/frontend', 'service/frontend', 'deployment.apps/redis-master', 'service/redis-master',
        'deployment.apps/redis-slave', 'service/redis-slave']) {
        assert.match(out, new RegExp(`^${o} created$`, 'm'));
      }
      for (const d of ['redis-master', 'redis-slave', 'frontend']) {
        const status = await ctl(['rollout', 'status', `deployment/${d}`, '--timeout=240s'], minutes(4.5));
        assert.match(status, new RegExp(`deployment "${d}" successfully rolled out`));
      }
      assert.equal((await names(['pods', '-l', 'name=redis-slave'])).length, 2);
      assert.equal((await names(['pods', '-l', 'name=frontend'])).length, 3);
    });

    test('an entry added through the frontend is written to the master and read back from a slave', { timeout: minutes(3) }, async () => {
      const [ip1, ip2] = nodeIPs() as [string, string];
      const page = await answers(`http://${ip1}:30002/`);
      assert.match(page.text, /<title>Guestbook<\/title>/);

      const add = await http(`http://${ip2}:30002/guestbook.php?cmd=append&key=messages&value=${encodeURIComponent(entry)}`);
      assert.equal(add.status, 200, add.text);
      const added = JSON.parse(add.text) as Answer;
      assert.equal(added.message, 'Updated');
      const master = await names(['pods', '-l', 'name=redis-master']);
      assert.deepEqual([`pod/${added.from}`], master, 'the write went to the master');

      const slaves = await names(['pods', '-l', 'name=redis-slave']);
      const seen = new Set<string>();
      await waitFor('the entry on the slaves', async () => {
        for (const ip of [ip1, ip2]) {
          const r = await get(ip);
          assert.equal(r.status, 200, r.text);
          const a = JSON.parse(r.text) as Answer;
          assert.ok(slaves.includes(`pod/${a.from}`), `read from ${a.from}, not one of ${slaves.join(' ')}`);
          if (a.data?.split(',').includes(entry)) seen.add(a.from);
        }
        return seen.size === slaves.length ? true : undefined;
      }, minutes(1), 500);
    });

    test('the frontend finds redis-master and redis-slave by name through the node-local DNS', { timeout: minutes(1) }, async () => {
      for (const svc of ['redis-master', 'redis-slave']) {
        const clusterIP = (await ctl(['get', 'svc', svc, '-o', 'jsonpath={.spec.clusterIP}'])).trim();
        // busybox nslookup tries every search domain and exits 1 for the NXDOMAINs of the others
        const r = (await c.bosunctl.run(['exec', 'deployment/frontend', '--', 'nslookup', svc])).stdout;
        assert.match(r, /^Server:\s+169\.254\.20\.10$/m, r);
        assert.match(r, new RegExp(`^Name:\\s+${svc}\\.default\\.svc\\.cluster\\.local\\nAddress:\\s+${clusterIP.replace(/\./g, '\\.')}$`, 'm'), r);
      }
    });

    test('bosunctl scale deployment/frontend: five frontends serve the entry, then two', { timeout: minutes(4) }, async () => {
      assert.match(await ctl(['scale', 'deployment/frontend', '--replicas=5']), /^deployment\.apps\/frontend scaled$/m);
      assert.match(await ctl(['rollout', 'status', 'deployment/frontend', '--timeout=180s'], minutes(3.5)), /successfully rolled out/);
      const frontends = await names(['pods', '-l', 'name=frontend']);
      assert.equal(frontends.length, 5, frontends.join(' '));

      const [ip1, ip2] = nodeIPs() as [string, string];
      const served = new Set<string>();
      for (let i = 0; i < 20; i++) {
        const r = await get(i % 2 === 0 ? ip1 : ip2);
        const a = JSON.parse(r.text) as Answer;
        assert.ok(a.data?.split(',').includes(entry), r.text);
        assert.ok(frontends.includes(`pod/${a.frontend}`), `${a.frontend} is not one of ${frontends.join(' ')}`);
        served.add(a.frontend);
      }
      assert.ok(served.size >= 2, `20 requests all went to ${[...served].join(' ')}`);

      assert.match(await ctl(['scale', 'deployment/frontend', '--replicas=2']), /scaled/);
      await waitFor('two frontend pods', async () => ((await names(['pods', '-l', 'name=frontend'])).length === 2 ? true : undefined), minutes(1), 500);
      const left = await names(['pods', '-l', 'name=frontend']);
      await waitFor('only the two left serving', async () => {
        for (let i = 0; i < 8; i++) {
          const a = JSON.parse((await get(i % 2 === 0 ? ip1 : ip2)).text) as Answer;
          if (!left.includes(`pod/${a.frontend}`) || a.data?.split(',').includes(entry) !== true) return undefined;
        }
        return true;
      }, minutes(1), 300);
    });
  });

  test('kubectl and bosunctl see the same objects', { timeout: minutes(1) }, async () => {
    for (const kind of ['pods', 'services', 'replicationcontrollers', 'deployments']) {
      const both = async () => {
        const k = (await c.kubectl.ok(['get', kind, '-o', 'name'])).split('\n').filter((l) => l !== '').sort();
        return { k, b: await names([kind]) };
      };
      // asked one after the other, so a pod that just went may be in one list only: ask again
      const seen = await waitFor(`kubectl and bosunctl to list the same ${kind}`, async () => {
        const r = await both();
        return r.k.join() === r.b.join() ? r : undefined;
      }, 15_000, 1_000).catch(both);
      assert.deepEqual(seen.b, seen.k, kind);
      assert.ok(seen.b.length > 0, kind);
    }
  });

  test('bosunctl delete -f removes both examples and their pods', { timeout: minutes(2) }, async () => {
    const out = await ctl(['delete', '-f', join(examples, 'book') + '/', '-f', join(examples, 'guestbook') + '/']);
    assert.match(out, /^replicationcontroller "myweb" deleted$/m);
    assert.match(out, /^deployment\.apps "frontend" deleted$/m);
    await waitFor('no pods left', async () => ((await names(['pods'])).length === 0 ? true : undefined), minutes(1.5), 1_000);
    assert.deepEqual(await names(['services']), ['service/kubernetes']);
  });
});
