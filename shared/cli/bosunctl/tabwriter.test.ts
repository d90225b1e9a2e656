import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeTabs, formatTabs, getTabs } from './tabwriter.js';
import { alignGet, cellText, tableLines, WatchAligner, type Table } from './table.js';

test('aligns describe output in blocks of consecutive tabbed lines, as Go tabwriter does', () => {
  // Lines from kubectl describe pod (trace 07): "IPs:" breaks the block, the Conditions rows and
  // the lines after them share one.
  const text = ['Name:\ttoolbox', 'Service Account:\tdefault', 'IPs:', '  IP:\t10.244.1.20', 'Conditions:', '  Type\tStatus',
    '  ContainersReady \tTrue ', 'Volumes:\t<none>', 'Events:', '  Type\tReason\tAge\tFrom\tMessage', '  ----\t------\t----\t----\t-------',
    '  Normal\tScheduled\t5m1s\tkubelet\tSuccessfully assigned default/toolbox to node-1', ''].join('\n');
  assert.equal(formatTabs(text, describeTabs), [
    'Name:             toolbox', 'Service Account:  default', 'IPs:', '  IP:  10.244.1.20', 'Conditions:',
    '  Type              Status', '  ContainersReady   True ', 'Volumes:            <none>', 'Events:',
    '  Type    Reason     Age   From     Message', '  ----    ------     ----  ----     -------',
    '  Normal  Scheduled  5m1s  kubelet  Successfully assigned default/toolbox to node-1', ''].join('\n'));
});

test('prints a server Table with kubectl get\'s layout: wide columns, namespace, kind prefix, labels', () => {
  const t: Table = {
    resourceVersion: '7',
    columnDefinitions: [
      { name: 'Name', type: 'string', format: 'name', priority: 0 }, { name: 'Ready', type: 'string', format: '', priority: 0 },
      { name: 'Age', type: 'string', format: '', priority: 0 }, { name: 'IP', type: 'string', format: '', priority: 1 },
    ],
    rows: [
      { cells: ['web-1', '1/1', '5s', '10.0.0.1'], object: { metadata: { name: 'web-1', namespace: 'shop', labels: { b: '2', a: '1' } } } },
      { cells: ['db', '0/1', '10m', '10.0.0.22'], object: { metadata: { name: 'db', namespace: 'default' } } },
    ],
  };
  const plain = { wide: false, withNamespace: false, noHeaders: false, showLabels: false, labelColumns: [] };
  assert.equal(alignGet(tableLines(t, plain)), 'NAME    READY   AGE\nweb-1   1/1     5s\ndb      0/1     10m\n');
  assert.equal(alignGet(tableLines(t, { ...plain, wide: true, withNamespace: true, kindPrefix: 'pod' })),
    'NAMESPACE   NAME        READY   AGE   IP\nshop        pod/web-1   1/1     5s    10.0.0.1\ndefault     pod/db      0/1     10m   10.0.0.22\n');
  assert.equal(alignGet(tableLines(t, { ...plain, showLabels: true, labelColumns: ['a'] })),
    'NAME    READY   AGE   A     LABELS\nweb-1   1/1     5s    1     a=1,b=2\ndb      0/1     10m         <none>\n');
  assert.equal(alignGet(tableLines(t, { ...plain, noHeaders: true })), 'web-1   1/1   5s\ndb      0/1   10m\n');
});

test('keeps the minimum column width of 6 and prints cells as Go %v', () => {
  assert.equal(formatTabs('A\tB\nx\ty\n', getTabs), 'A     B\nx     y\n');
  assert.deepEqual([cellText(3), cellText(true), cellText(null), cellText(['a', 'b'])], ['3', 'true', '<nil>', '[a b]']);
});

test('keeps watch rows aligned with the widths of the first rows', () => {
  const w = new WatchAligner();
  assert.equal(w.format(['NAME\tREADY\tAGE', 'web\t0/1\t1s']), 'NAME   READY   AGE\nweb    0/1     1s\n');
  assert.equal(w.format(['web\t1/1\t2s']), 'web    1/1     2s\n');
});
