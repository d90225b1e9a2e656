import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContainerStatus, Pod, PodSpec, PodStatus } from '../../../shared/api/core/v1/pod.js';
import { columns, rowCells, rowConditions } from './pods.js';
import type { TableCell } from './table.js';

const now = new Date('2026-11-25T05:42:54Z');
const minutesAgo = (m: number): string => new Date(now.getTime() - m * 60_000).toISOString();

function pod(spec: Partial<PodSpec>, status: PodStatus, deletionTimestamp?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web',
      namespace: 'default',
      creationTimestamp: '2026-11-25T04:42:54Z',
      ...(deletionTimestamp === undefined ? {} : { deletionTimestamp }),
    },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], nodeName: 'node-1', ...spec },
    status,
  };
}

function cs(name: string, fields: Partial<ContainerStatus>): ContainerStatus {
  return { name, ready: false, restartCount: 0, image: 'nginx:1.27', imageID: '', ...fields };
}

const running = { running: { startedAt: '2026-11-25T04:43:00Z' } };
const twoContainers: Partial<PodSpec> = {
  containers: [
    { name: 'app', image: 'nginx:1.27' },
    { name: 'log', image: 'busybox:1.36' },
  ],
};
const twoInits: Partial<PodSpec> = {
  initContainers: [
    { name: 'migrate', image: 'migrate:1' },
    { name: 'seed', image: 'seed:1' },
  ],
};

test('pod columns are the real server\'s', () => {
  assert.deepEqual(
    columns.map((c) => [c.name, c.type, c.format, c.priority]),
    [
      ['Name', 'string', 'name', 0],
      ['Ready', 'string', '', 0],
      ['Status', 'string', '', 0],
      ['Restarts', 'string', '', 0],
      ['Age', 'string', '', 0],
      ['IP', 'string', '', 1],
      ['Node', 'string', '', 1],
      ['Nominated Node', 'string', '', 1],
      ['Readiness Gates', 'string', '', 1],
    ],
  );
});

test('pod rows summarise readiness, status and restarts as kubectl shows them', () => {
  const cases: [string, Pod, TableCell[]][] = [
    [
      'two containers, one ready, three restarts the last five minutes ago',
      pod(twoContainers, {
        phase: 'Running',
        podIPs: [{ ip: '10.244.1.11' }],
        containerStatuses: [
          cs('app', { ready: true, state: running }),
          cs('log', {
            restartCount: 3,
            state: running,
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: minutesAgo(5) } },
          }),
        ],
      }),
      ['web', '1/2', 'Running', '3 (5m ago)', '60m', '10.244.1.11', 'node-1', '<none>', '<none>'],
    ],
    [
      'a container crash-looping',
      pod({}, {
        phase: 'Running',
        podIP: '10.244.1.12',
        containerStatuses: [
          cs('app', {
            restartCount: 4,
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 1m20s' } },
            lastState: { terminated: { exitCode: 2, reason: 'Error', finishedAt: new Date(now.getTime() - 30_000).toISOString() } },
          }),
        ],
      }),
      ['web', '0/1', 'CrashLoopBackOff', '4 (30s ago)', '60m', '10.244.1.12', 'node-1', '<none>', '<none>'],
    ],
    [
      'restarts without a recorded termination time',
      pod({}, { phase: 'Running', containerStatuses: [cs('app', { ready: true, restartCount: 2, state: running })] }),
      ['web', '1/1', 'Running', '2', '60m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'the second of two init containers running',
      pod(twoInits, {
        phase: 'Pending',
        initContainerStatuses: [
          cs('migrate', { state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
          cs('seed', { state: running }),
        ],
        containerStatuses: [cs('app', { state: { waiting: { reason: 'PodInitializing' } } })],
      }),
      ['web', '0/1', 'Init:1/2', '0', '60m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'an init container that cannot pull its image',
      pod(twoInits, {
        phase: 'Pending',
        initContainerStatuses: [cs('migrate', { state: { waiting: { reason: 'ImagePullBackOff' } } }), cs('seed', { state: { waiting: { reason: 'PodInitializing' } } })],
      }),
      ['web', '0/1', 'Init:ImagePullBackOff', '0', '60m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'an init container that failed and restarted',
      pod(twoInits, {
        phase: 'Pending',
        initContainerStatuses: [
          cs('migrate', {
            restartCount: 1,
            state: { terminated: { exitCode: 1, reason: 'Error' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: minutesAgo(3) } },
          }),
        ],
      }),
      ['web', '0/1', 'Init:Error', '1 (3m ago)', '60m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'an init container killed by a signal',
      pod(twoInits, { phase: 'Pending', initContainerStatuses: [cs('migrate', { state: { terminated: { exitCode: 137, signal: 9 } } })] }),
      ['web', '0/1', 'Init:Signal:9', '0', '60m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'init done, app container still starting',
      pod(twoInits, {
        phase: 'Pending',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [
          cs('migrate', { state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
          cs('seed', { state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
        ],
        containerStatuses: [cs('app', { state: { waiting: { reason: 'PodInitializing' } } })],
      }),
      ['web', '0/1', 'PodInitializing', '0', '60m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'a container being created',
      pod({}, { phase: 'Pending', containerStatuses: [cs('app', { state: { waiting: { reason: 'ContainerCreating' } } })] }),
      ['web', '0/1', 'ContainerCreating', '0', '60m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'a pod not scheduled yet',
      pod({ nodeName: '' }, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] }),
      ['web', '0/1', 'Pending', '0', '60m', '<none>', '<none>', '<none>', '<none>'],
    ],
    [
      'a pod held by a scheduling gate',
      pod({ nodeName: '' }, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }),
      ['web', '0/1', 'SchedulingGated', '0', '60m', '<none>', '<none>', '<none>', '<none>'],
    ],
    [
      'a pod that ran to completion',
      pod({}, { phase: 'Succeeded', containerStatuses: [cs('app', { state: { terminated: { exitCode: 0, reason: 'Completed' } } })] }),
      ['web', '0/1', 'Completed', '0', '60m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'a container that exited without a reason',
      pod({}, { phase: 'Failed', containerStatuses: [cs('app', { state: { terminated: { exitCode: 137 } } })] }),
      ['web', '0/1', 'ExitCode:137', '0', '60m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'an evicted pod',
      pod({}, { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' }),
      ['web', '0/1', 'Evicted', '0', '60m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'a completed container beside a running one, pod ready',
      pod(twoContainers, {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [cs('app', { state: { terminated: { exitCode: 0, reason: 'Completed' } } }), cs('log', { ready: true, state: running })],
      }),
      ['web', '1/2', 'Running', '0', '60m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'a completed container beside a running one, pod not ready',
      pod(twoContainers, {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [cs('app', { state: { terminated: { exitCode: 0, reason: 'Completed' } } }), cs('log', { ready: true, state: running })],
      }),
      ['web', '1/2', 'NotReady', '0', '60m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'a running pod being deleted',
      pod({}, { phase: 'Running', containerStatuses: [cs('app', { ready: true, state: running })] }, minutesAgo(1)),
      ['web', '1/1', 'Terminating', '0', '60m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'a finished pod being deleted keeps its status',
      pod({}, { phase: 'Succeeded', containerStatuses: [cs('app', { state: { terminated: { exitCode: 0, reason: 'Completed' } } })] }, minutesAgo(1)),
      ['web', '0/1', 'Completed', '0', '60m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'a pod on a lost node being deleted',
      pod({}, { phase: 'Running', reason: 'NodeLost', containerStatuses: [cs('app', { ready: true, state: running })] }, minutesAgo(1)),
      ['web', '1/1', 'Unknown', '0', '60m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'a sidecar counts as a container, with its restarts',
      pod(
        { initContainers: [{ name: 'proxy', image: 'envoy:1', restartPolicy: 'Always' }] },
        {
          phase: 'Running',
          conditions: [{ type: 'Initialized', status: 'True' }],
          initContainerStatuses: [
            cs('proxy', {
              ready: true,
              started: true,
              restartCount: 1,
              state: running,
              lastState: { terminated: { exitCode: 1, finishedAt: minutesAgo(2) } },
            }),
          ],
          containerStatuses: [cs('app', { ready: true, state: running })],
        },
      ),
      ['web', '2/2', 'Running', '1 (2m ago)', '60m', '<none>', 'node-1', '<none>', '<none>'],
    ],
    [
      'readiness gates and a nominated node',
      pod(
        { nodeName: '', readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] },
        {
          phase: 'Pending',
          nominatedNodeName: 'node-2',
          conditions: [
            { type: 'example.com/lb', status: 'True' },
            { type: 'example.com/dns', status: 'False' },
          ],
        },
      ),
      ['web', '0/1', 'Pending', '0', '60m', '<none>', '<none>', 'node-2', '1/2'],
    ],
  ];
  for (const [name, obj, want] of cases) {
    assert.deepEqual(rowCells(obj, now), want, name);
  }
});

test('finished pods carry a Completed row condition', () => {
  const cases: [PodStatus['phase'], unknown][] = [
    ['Succeeded', [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]],
    ['Failed', [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]],
    ['Running', undefined],
    [undefined, undefined],
  ];
  for (const [phase, want] of cases) {
    assert.deepEqual(rowConditions(pod({}, phase === undefined ? {} : { phase })), want, String(phase));
  }
});
