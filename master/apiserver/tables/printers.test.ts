import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as generic from './generic.js';
import { printerFor, printers } from './printers.js';

const now = new Date('2026-11-25T05:42:54Z');

test('every printer gives one cell per column, even for a bare object', () => {
  for (const [key, printer] of Object.entries(printers)) {
    const cells = printer.rowCells({ metadata: { name: 'x' } }, now);
    assert.equal(cells.length, printer.columns.length, key);
    assert.ok(cells.every((c) => ['string', 'number', 'boolean'].includes(typeof c)), key);
  }
});

test('every printer has exactly one Name column of format name', () => {
  for (const [key, printer] of Object.entries(printers)) {
    assert.deepEqual(
      printer.columns.filter((c) => c.format === 'name').map((c) => c.name),
      ['Name'],
      key,
    );
  }
});

test('printers are found by group and resource, others fall back to the generic one', () => {
  const cases: [string, string, string[]][] = [
    ['', 'pods', ['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']],
    ['apps', 'deployments', ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']],
    ['', 'replicationcontrollers', ['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers', 'Images', 'Selector']],
    ['autoscaling', 'horizontalpodautoscalers', ['Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age']],
    ['coordination.k8s.io', 'leases', ['Name', 'Holder', 'Age']],
    ['discovery.k8s.io', 'endpointslices', ['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']],
    ['metrics.k8s.io', 'pods', ['Name', 'Created At']],
    ['apps', 'pods', ['Name', 'Created At']],
    ['', 'constructor', ['Name', 'Created At']],
  ];
  for (const [group, resource, want] of cases) {
    assert.deepEqual(printerFor(group, resource).columns.map((c) => c.name), want, `${group}/${resource}`);
  }
  assert.equal(printerFor('example.com', 'widgets'), generic);
});
