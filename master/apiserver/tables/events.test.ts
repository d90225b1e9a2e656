import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Event } from '../../../shared/api/core/v1/event.js';
import { columns, rowCells } from './events.js';
import type { TableCell } from './table.js';

const now = new Date('2026-11-25T05:42:54Z');

test('event columns are the real server\'s, Name last and wide', () => {
  assert.deepEqual(
    columns.map((c) => [c.name, c.format, c.priority]),
    [
      ['Last Seen', '', 0],
      ['Type', '', 0],
      ['Reason', '', 0],
      ['Object', '', 0],
      ['Subobject', '', 1],
      ['Source', '', 1],
      ['Message', '', 0],
      ['First Seen', '', 1],
      ['Count', '', 1],
      ['Name', 'name', 1],
    ],
  );
});

test('event rows show when, what and who', () => {
  const metadata = { name: 'web.17f1a2b3c4d5e6f7', namespace: 'default', creationTimestamp: '2026-11-25T05:12:54Z' };
  const cases: [string, Event, TableCell[]][] = [
    [
      'a repeated kubelet event about a container',
      {
        metadata,
        involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', fieldPath: 'spec.containers{app}' },
        reason: 'BackOff',
        message: 'Back-off restarting failed container app in pod web_default\n',
        source: { component: 'kubelet', host: 'node-1' },
        firstTimestamp: '2026-11-25T05:12:54Z',
        lastTimestamp: '2026-11-25T05:42:24Z',
        count: 7,
        type: 'Warning',
      },
      ['30s', 'Warning', 'BackOff', 'pod/web', 'spec.containers{app}', 'kubelet, node-1', 'Back-off restarting failed container app in pod web_default', '30m', 7, 'web.17f1a2b3c4d5e6f7'],
    ],
    [
      'a singleton event of the new API, seen only through eventTime',
      {
        metadata,
        involvedObject: { kind: 'Deployment', name: 'web', namespace: 'default' },
        reason: 'ScalingReplicaSet',
        message: 'Scaled up replica set web-7c8b9d6f5 to 2',
        eventTime: '2026-11-25T05:41:54.000000Z',
        reportingComponent: 'deployment-controller',
        type: 'Normal',
      },
      ['60s', 'Normal', 'ScalingReplicaSet', 'deployment/web', '', 'deployment-controller', 'Scaled up replica set web-7c8b9d6f5 to 2', '60s', 1, 'web.17f1a2b3c4d5e6f7'],
    ],
    [
      'an event series',
      {
        metadata,
        involvedObject: { kind: 'Node' },
        reason: 'NodeNotReady',
        eventTime: '2026-11-25T05:02:54.000000Z',
        series: { count: 4, lastObservedTime: '2026-11-25T05:40:54.000000Z' },
        reportingComponent: 'node-controller',
        reportingInstance: 'master-1',
        type: 'Normal',
      },
      ['2m', 'Normal', 'NodeNotReady', 'node', '', 'node-controller, master-1', '', '40m', 4, 'web.17f1a2b3c4d5e6f7'],
    ],
  ];
  for (const [name, obj, want] of cases) {
    assert.deepEqual(rowCells(obj, now), want, name);
  }
});
