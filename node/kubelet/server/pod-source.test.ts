import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { PodRuntimeState } from '../pods/pod-state.js';
import type { RuntimeContainer, RuntimeState } from '../runtime/runtime.js';
import { parseLogQuery } from './logs.js';
import { logContainer, runningContainer } from './pod-source.js';
import { routeOf } from './server.js';
import { nanoCores } from './stats.js';

const pod = { metadata: { name: 'p', namespace: 'default', uid: 'u1' }, spec: { containers: [{ name: 'main' }] } } as unknown as Pod;
const c = (id: string, state: RuntimeState, restartCount: number): RuntimeContainer => ({
  id, state, image: 'i', imageId: 'sha256:x', createdAt: new Date(restartCount * 1000), oomKilled: false,
  identity: { podUid: 'u1', podName: 'p', podNamespace: 'default', kind: 'app', containerName: 'main', restartCount, specHash: '', gracePeriodSeconds: 30 },
});
const state = (...list: RuntimeContainer[]): PodRuntimeState => ({ uid: 'u1', sandboxes: [], containers: new Map([['main', list]]) });

test('the container whose logs are meant, and the kubelet\'s words when there is none', () => {
  const cases: { name: string; s: PodRuntimeState; previous: boolean; waiting?: string; want: string }[] = [
    { name: 'running', s: state(c('b', 'running', 1), c('a', 'exited', 0)), previous: false, want: 'b' },
    { name: 'previous of running', s: state(c('b', 'running', 1), c('a', 'exited', 0)), previous: true, want: 'a' },
    { name: 'exited, crash-looping: current', s: state(c('b', 'exited', 1), c('a', 'exited', 0)), previous: false, waiting: 'CrashLoopBackOff', want: 'b' },
    { name: 'exited, crash-looping: previous is that run', s: state(c('b', 'exited', 1), c('a', 'exited', 0)), previous: true, waiting: 'CrashLoopBackOff', want: 'b' },
    { name: 'just created: the run before', s: state(c('b', 'created', 1), c('a', 'exited', 0)), previous: false, want: 'a' },
    { name: 'no previous', s: state(c('a', 'running', 0)), previous: true, want: 'previous terminated container "main" in pod "p" not found' },
    { name: 'nothing yet', s: state(), previous: false, waiting: 'ErrImageNeverPull', want: 'container "main" in pod "p" is waiting to start: ErrImageNeverPull' },
    { name: 'nothing yet, no reason', s: state(), previous: false, want: 'container "main" in pod "p" is waiting to start: ContainerCreating' },
  ];
  for (const tc of cases) {
    let got: string;
    try { got = logContainer(pod, tc.s, 'main', tc.previous, tc.waiting).id; } catch (err) { got = (err as Error).message; }
    assert.equal(got, tc.want, tc.name);
  }
  assert.equal(runningContainer(state(c('b', 'exited', 1)), 'main'), undefined);
});

test('log queries: since as seconds or a time, never both; bad numbers are refused', () => {
  const now = new Date('2026-01-01T00:10:00Z');
  assert.deepEqual(parseLogQuery(new URLSearchParams('follow=true&tailLines=3&sinceSeconds=60&timestamps=true&limitBytes=100'), now), {
    follow: true, previous: false, timestamps: true, tailLines: 3, limitBytes: 100, since: new Date('2026-01-01T00:09:00Z'),
  });
  assert.deepEqual(parseLogQuery(new URLSearchParams('previous=true&sinceTime=2026-01-01T00:00:00Z'), now).since, new Date('2026-01-01T00:00:00Z'));
  assert.throws(() => parseLogQuery(new URLSearchParams('sinceSeconds=1&sinceTime=2026-01-01T00:00:00Z'), now), /at most one/);
  assert.throws(() => parseLogQuery(new URLSearchParams('tailLines=x'), now), /tailLines/);
  assert.throws(() => parseLogQuery(new URLSearchParams('limitBytes=0'), now), /limitBytes/);
});

test('kubelet paths route by their first segment', () => {
  assert.deepEqual(routeOf('/containerLogs/ns/p/c'), { kind: 'logs', namespace: 'ns', pod: 'p', container: 'c' });
  assert.deepEqual(routeOf('/exec/ns/p/c'), { kind: 'exec', namespace: 'ns', pod: 'p', container: 'c' });
  assert.deepEqual(routeOf('/attach/ns/p/c'), { kind: 'attach', namespace: 'ns', pod: 'p', container: 'c' });
  assert.deepEqual(routeOf('/portForward/ns/p'), { kind: 'portforward', namespace: 'ns', pod: 'p' });
  assert.deepEqual(routeOf('/stats/summary'), { kind: 'stats' });
  assert.deepEqual(routeOf('/healthz'), { kind: 'healthz' });
  assert.equal(routeOf('/exec/ns/p'), undefined);
  assert.equal(routeOf('/pods'), undefined);
});

test('CPU rates come from two samples of the cumulative counter', () => {
  assert.equal(nanoCores(undefined, { time: 1000, cpuNs: 5e9 }), 0);
  assert.equal(nanoCores({ time: 1000, cpuNs: 1e9 }, { time: 3000, cpuNs: 2e9 }), 5e8, 'one second of CPU in two: half a core');
  assert.equal(nanoCores({ time: 1000, cpuNs: 3e9 }, { time: 2000, cpuNs: 1e9 }), 0, 'a counter that went back (new container)');
});
