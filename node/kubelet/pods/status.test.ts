import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerStatus, Pod } from '../../../shared/api/core/v1/pod.js';
import type { RuntimeContainer, RuntimeState } from '../runtime/runtime.js';
import { groupByPod, emptyState } from './pod-state.js';
import { computePodStatus, podPhase } from './status.js';

const t0 = new Date('2026-12-02T10:00:00Z');
const at = (s: number): Date => new Date(t0.getTime() + s * 1000);

const pod = (restartPolicy: 'Always' | 'OnFailure' | 'Never' = 'Always', prev?: Pod['status']): Pod => ({
  metadata: { name: 'p', namespace: 'ns', uid: 'u1' },
  spec: { restartPolicy, containers: [{ name: 'web', image: 'bosun/toolbox:1', resources: { requests: { cpu: '100m' } } }] },
  ...(prev !== undefined ? { status: prev } : {}),
});

let seq = 0;
const rc = (kind: 'sandbox' | 'app', state: RuntimeState, o: { created?: number; exit?: number; restart?: number; ip?: string } = {}): RuntimeContainer => ({
  id: `c${seq++}`, state, image: 'bosun/toolbox:1', imageId: 'sha256:abc', oomKilled: false,
  identity: { podUid: 'u1', podName: 'p', podNamespace: 'ns', kind, containerName: kind === 'sandbox' ? '' : 'web', restartCount: o.restart ?? 0, specHash: '', gracePeriodSeconds: 30 },
  createdAt: at(o.created ?? 0), startedAt: at((o.created ?? 0) + 0.5),
  ...(state === 'exited' ? { finishedAt: at((o.created ?? 0) + 1), exitCode: o.exit ?? 0 } : {}),
  ...(o.ip !== undefined ? { ip: o.ip } : {}),
});

const status = (p: Pod, cs: RuntimeContainer[], waiting = new Map<string, { reason: string; message?: string }>(), ready = true) =>
  computePodStatus({ pod: p, state: groupByPod(cs).get('u1') ?? emptyState('u1'), waiting, ready: () => ready, started: () => true, nodeIP: '172.31.250.101', now: at(10) });

test('a running, ready pod: phase, IPs, conditions, container status as Kubernetes reports them', () => {
  const s = status(pod(), [rc('sandbox', 'running', { ip: '10.244.1.5' }), rc('app', 'running', { created: 1 })]);
  assert.equal(s.phase, 'Running');
  assert.equal(s.podIP, '10.244.1.5');
  assert.deepEqual(s.podIPs, [{ ip: '10.244.1.5' }]);
  assert.equal(s.hostIP, '172.31.250.101');
  assert.equal(s.qosClass, 'Burstable');
  assert.deepEqual(s.conditions?.map((c) => `${c.type}=${c.status}`), ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
  const c = s.containerStatuses![0]!;
  assert.equal(c.ready, true);
  assert.equal(c.started, true);
  assert.match(c.containerID ?? '', /^docker:\/\/c\d+$/);
  assert.equal(c.imageID, 'docker://sha256:abc');
  assert.equal(c.state?.running?.startedAt, '2026-12-02T10:00:01Z');
});

test('not ready: the Ready conditions say which containers, and keep their transition time while unchanged', () => {
  const first = status(pod(), [rc('sandbox', 'running'), rc('app', 'running', { created: 1 })], new Map(), false);
  const ready = first.conditions!.find((c) => c.type === 'Ready')!;
  assert.equal(ready.status, 'False');
  assert.equal(ready.reason, 'ContainersNotReady');
  assert.equal(ready.message, 'containers with unready status: [web]');
  const again = computePodStatus({ pod: pod('Always', { conditions: [{ ...ready, lastTransitionTime: '2026-12-02T09:00:00Z' }] }), state: groupByPod([rc('sandbox', 'running'), rc('app', 'running', { created: 1 })]).get('u1')!, waiting: new Map(), ready: () => false, started: () => true, nodeIP: 'x', now: at(20) });
  assert.equal(again.conditions!.find((c) => c.type === 'Ready')!.lastTransitionTime, '2026-12-02T09:00:00Z');
});

test('a crash loop shows waiting with its reason and the last termination', () => {
  const s = status(pod(), [rc('sandbox', 'running'), rc('app', 'exited', { created: 1, exit: 1, restart: 3 })], new Map([['web', { reason: 'CrashLoopBackOff', message: 'back-off 40s …' }]]));
  const c = s.containerStatuses![0]!;
  assert.equal(c.state?.waiting?.reason, 'CrashLoopBackOff');
  assert.equal(c.lastState?.terminated?.exitCode, 1);
  assert.equal(c.lastState?.terminated?.reason, 'Error');
  assert.equal(c.restartCount, 3);
  assert.equal(s.phase, 'Running');
});

test('phases as getPhase decides them', () => {
  const st = (state: ContainerStatus['state'], last?: ContainerStatus['lastState']): ContainerStatus => ({ name: 'x', ready: false, restartCount: 0, image: '', imageID: '', ...(state !== undefined ? { state } : {}), ...(last !== undefined ? { lastState: last } : {}) });
  const ok = { terminated: { exitCode: 0 } };
  const bad = { terminated: { exitCode: 1 } };
  const cases: [string, Pod, ContainerStatus[], string][] = [
    ['waiting', pod(), [st({ waiting: { reason: 'ContainerCreating' } })], 'Pending'],
    ['running', pod(), [st({ running: {} })], 'Running'],
    ['all succeeded, Never', pod('Never'), [st(ok)], 'Succeeded'],
    ['one failed, Never', pod('Never'), [st(ok), st(bad)], 'Failed'],
    ['failed, OnFailure', pod('OnFailure'), [st(bad)], 'Running'],
    ['succeeded, OnFailure', pod('OnFailure'), [st(ok)], 'Succeeded'],
    ['stopped, Always', pod('Always'), [st(ok)], 'Running'],
    ['back-off after a run counts as stopped', pod('Always'), [st({ waiting: { reason: 'CrashLoopBackOff' } }, bad)], 'Running'],
  ];
  for (const [name, p, apps, want] of cases) assert.equal(podPhase(p, [], apps, true), want, name);
  assert.equal(podPhase(pod('Never'), [st(bad)], [], false), 'Failed');
  assert.equal(podPhase(pod('Always'), [st(bad)], [], false), 'Pending');
});
