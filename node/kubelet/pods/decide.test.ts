import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container } from '../../../shared/api/core/v1/container.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import { specHash } from '../runtime/container-spec.js';
import type { ContainerKind } from '../runtime/labels.js';
import type { RuntimeContainer, RuntimeState } from '../runtime/runtime.js';
import { CrashBackoff } from './crash-backoff.js';
import { decidePodActions } from './decide.js';
import { groupByPod, emptyState } from './pod-state.js';

const t0 = new Date('2026-12-02T10:00:00Z');
const at = (s: number): Date => new Date(t0.getTime() + s * 1000);

const web: Container = { name: 'web', image: 'bosun/toolbox:1' };
const side: Container = { name: 'side', image: 'bosun/toolbox:1' };
const init: Container = { name: 'init', image: 'bosun/toolbox:1' };

function pod(o: { restartPolicy?: 'Always' | 'OnFailure' | 'Never'; init?: boolean } = {}): Pod {
  return {
    metadata: { name: 'p', namespace: 'ns', uid: 'u1' },
    spec: { containers: [web, side], ...(o.init === true ? { initContainers: [init] } : {}), ...(o.restartPolicy !== undefined ? { restartPolicy: o.restartPolicy } : {}) },
  };
}

let seq = 0;
function rc(kind: ContainerKind, name: string, state: RuntimeState, o: { created?: number; exit?: number; restart?: number; finished?: number; started?: number; hash?: string } = {}): RuntimeContainer {
  const spec = name === 'web' ? web : name === 'side' ? side : init;
  return {
    id: `id${seq++}`, state, image: 'bosun/toolbox:1', imageId: 'sha256:x', oomKilled: false,
    identity: { podUid: 'u1', podName: 'p', podNamespace: 'ns', kind, containerName: kind === 'sandbox' ? '' : name, restartCount: o.restart ?? 0, specHash: o.hash ?? (kind === 'sandbox' ? '' : specHash(spec)), gracePeriodSeconds: 30 },
    createdAt: at(o.created ?? 0),
    ...(o.started !== undefined ? { startedAt: at(o.started) } : {}),
    ...(o.finished !== undefined ? { finishedAt: at(o.finished) } : {}),
    ...(o.exit !== undefined ? { exitCode: o.exit } : {}),
  };
}

const stateOf = (cs: RuntimeContainer[]) => groupByPod(cs).get('u1') ?? emptyState('u1');
const names = (xs: readonly { container: { name: string } }[]): string[] => xs.map((x) => x.container.name);

test('a new pod gets a sandbox and all its app containers', () => {
  const a = decidePodActions({ pod: pod(), state: emptyState('u1'), now: t0, backoff: new CrashBackoff(), unhealthy: new Set() });
  assert.deepEqual(a.createSandbox, { attempt: 0 });
  assert.deepEqual(names(a.start), ['web', 'side']);
  assert.deepEqual(a.kill, []);
});

test('init containers run one at a time, in order, before any app container', () => {
  const none = decidePodActions({ pod: pod({ init: true }), state: emptyState('u1'), now: t0, backoff: new CrashBackoff(), unhealthy: new Set() });
  assert.deepEqual(names(none.start), ['init']);
  assert.equal(none.waiting.get('web')?.reason, 'PodInitializing');
  const running = stateOf([rc('sandbox', '', 'running'), rc('init', 'init', 'running', { created: 1 })]);
  assert.deepEqual(decidePodActions({ pod: pod({ init: true }), state: running, now: at(2), backoff: new CrashBackoff(), unhealthy: new Set() }).start, []);
  const done = stateOf([rc('sandbox', '', 'running'), rc('init', 'init', 'exited', { created: 1, exit: 0 })]);
  assert.deepEqual(names(decidePodActions({ pod: pod({ init: true }), state: done, now: at(2), backoff: new CrashBackoff(), unhealthy: new Set() }).start), ['web', 'side']);
});

test('a failed init container fails the pod under Never and is retried otherwise', () => {
  const failed = stateOf([rc('sandbox', '', 'running'), rc('init', 'init', 'exited', { created: 1, exit: 2, finished: 2 })]);
  const never = decidePodActions({ pod: pod({ init: true, restartPolicy: 'Never' }), state: failed, now: at(3), backoff: new CrashBackoff(), unhealthy: new Set() });
  assert.deepEqual(never.start, []);
  assert.equal(never.waiting.get('init')?.reason, 'Error');
  const always = decidePodActions({ pod: pod({ init: true }), state: failed, now: at(3), backoff: new CrashBackoff(), unhealthy: new Set() });
  assert.deepEqual(always.start.map((s) => [s.container.name, s.restartCount]), [['init', 1]]);
});

test('restart policies: Always restarts, OnFailure only failures, Never nothing', () => {
  const exited = (code: number) => stateOf([rc('sandbox', '', 'running'), rc('app', 'web', 'exited', { created: 1, exit: code, finished: 2 }), rc('app', 'side', 'running', { created: 1 })]);
  const decide = (policy: 'Always' | 'OnFailure' | 'Never', code: number) =>
    decidePodActions({ pod: pod({ restartPolicy: policy }), state: exited(code), now: at(3), backoff: new CrashBackoff(), unhealthy: new Set() }).start.map((s) => s.container.name);
  assert.deepEqual(decide('Always', 0), ['web']);
  assert.deepEqual(decide('OnFailure', 0), []);
  assert.deepEqual(decide('OnFailure', 1), ['web']);
  assert.deepEqual(decide('Never', 1), []);
});

test('the first restart is immediate, the next ones wait 10 s, then 20 s (CrashLoopBackOff)', () => {
  const backoff = new CrashBackoff();
  const crashed = (restart: number, finished: number) => stateOf([rc('sandbox', '', 'running'), rc('app', 'web', 'exited', { created: finished - 1, exit: 1, finished, started: finished - 1, restart }), rc('app', 'side', 'running', { created: 1 })]);
  const first = decidePodActions({ pod: pod(), state: crashed(0, 2), now: at(2), backoff, unhealthy: new Set() });
  assert.deepEqual(first.start.map((s) => s.restartCount), [1]);
  backoff.restarted('u1/web');
  const second = decidePodActions({ pod: pod(), state: crashed(1, 3), now: at(4), backoff, unhealthy: new Set() });
  assert.deepEqual(second.start, []);
  assert.equal(second.waiting.get('web')?.reason, 'CrashLoopBackOff');
  assert.match(second.waiting.get('web')?.message ?? '', /^back-off 10s restarting failed container=web pod=p_ns\(u1\)$/);
  assert.equal(second.requeueAfterMs, 9000);
  const later = decidePodActions({ pod: pod(), state: crashed(1, 3), now: at(13), backoff, unhealthy: new Set() });
  assert.deepEqual(later.start.map((s) => s.restartCount), [2]);
  backoff.restarted('u1/web');
  assert.equal(backoff.delay('u1/web'), 20_000);
});

test('a changed spec or a failed liveness probe kills and restarts a running container', () => {
  const state = stateOf([rc('sandbox', '', 'running'), rc('app', 'web', 'running', { created: 1, hash: 'old' }), rc('app', 'side', 'running', { created: 1 })]);
  const changed = decidePodActions({ pod: pod(), state, now: at(2), backoff: new CrashBackoff(), unhealthy: new Set() });
  assert.deepEqual(changed.kill.map((k) => k.container.identity.containerName), ['web']);
  assert.deepEqual(changed.start.map((s) => [s.container.name, s.restartCount]), [['web', 1]]);
  const unhealthy = decidePodActions({ pod: pod(), state, now: at(2), backoff: new CrashBackoff(), unhealthy: new Set(['side']) });
  assert.deepEqual(unhealthy.kill.map((k) => k.reason), ['Container web definition changed, will be restarted', 'Container side failed liveness probe, will be restarted']);
});

test('a dead sandbox means a new one, with every live container killed; under Never a finished pod stays down', () => {
  const state = stateOf([rc('sandbox', '', 'exited', { created: 0, exit: 0 }), rc('app', 'web', 'running', { created: 1 }), rc('app', 'side', 'exited', { created: 1, exit: 0 })]);
  const a = decidePodActions({ pod: pod(), state, now: at(5), backoff: new CrashBackoff(), unhealthy: new Set() });
  assert.deepEqual(a.createSandbox, { attempt: 1 });
  assert.deepEqual(a.kill.map((k) => k.container.identity.containerName), ['web']);
  assert.deepEqual(a.start.map((s) => [s.container.name, s.restartCount]), [['web', 1], ['side', 1]]);
  const never = decidePodActions({ pod: pod({ restartPolicy: 'Never' }), state, now: at(5), backoff: new CrashBackoff(), unhealthy: new Set() });
  assert.equal(never.createSandbox, undefined);
  assert.deepEqual(never.start, []);
});
