import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFieldError } from '../../../validation/field-error.js';
import { isDNS1123Label } from '../../../validation/names.js';
import { defaultEndpoints, defaultNamespace } from '../defaults.js';
import { exampleEndpoints, exampleEvent, exampleNamespace, exampleServiceAccount } from '../examples.js';
import { validateBinding } from './binding.js';
import { validateEndpoints } from './endpoints.js';
import { validateEvent } from './event.js';
import { validateNamespace } from './namespace.js';
import { validateServiceAccount } from './serviceaccount.js';

test('namespace names are DNS labels and finalizers are known or qualified', () => {
  const ns = exampleNamespace();
  defaultNamespace(ns);
  assert.deepEqual(validateNamespace(ns), []);
  ns.metadata.name = 'team.a';
  ns.spec = { finalizers: ['kubernetes', 'custom'] };
  assert.deepEqual(validateNamespace(ns).map(formatFieldError), [
    `metadata.name: Invalid value: "team.a": ${isDNS1123Label('team.a')[0] ?? ''}`,
    'spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
  ]);
});

test('an event\'s involved object lives in the event\'s namespace', () => {
  assert.deepEqual(validateEvent(exampleEvent()), []);
  const elsewhere = exampleEvent();
  elsewhere.involvedObject.namespace = 'other';
  assert.deepEqual(validateEvent(elsewhere).map(formatFieldError), [
    'involvedObject.namespace: Invalid value: "other": does not match event.namespace',
  ]);
  const clusterScoped = exampleEvent();
  clusterScoped.involvedObject = { kind: 'Node', name: 'node-1' };
  assert.deepEqual(validateEvent(clusterScoped), []);
  const newStyle = exampleEvent();
  newStyle.eventTime = '2026-01-01T00:00:00.000000Z';
  assert.deepEqual(validateEvent(newStyle).map(formatFieldError), [
    'reportingComponent: Required value',
    `reportingComponent: Invalid value: "": name part must be non-empty`,
    `reportingComponent: Invalid value: "": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    'reportingInstance: Required value',
    'action: Required value',
  ]);
});

test('endpoint addresses are real, routable IPs and subsets hold some', () => {
  const ep = exampleEndpoints();
  defaultEndpoints(ep);
  assert.deepEqual(validateEndpoints(ep), []);
  ep.subsets = [{ addresses: [{ ip: '127.0.0.1' }, { ip: 'nope' }], ports: [{ port: 80, protocol: 'TCP' }] }, {}];
  assert.deepEqual(validateEndpoints(ep).map(formatFieldError), [
    'subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    'subsets[0].addresses[1].ip: Invalid value: "nope": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    'subsets[0].addresses[1].ip: Invalid value: "nope": must be a valid IP address',
    'subsets[1]: Required value: must specify `addresses` or `notReadyAddresses`',
  ]);
});

test('a binding targets a node by name', () => {
  assert.deepEqual(validateBinding({ metadata: { name: 'p' }, target: { kind: 'Node', name: 'node-1' } }), []);
  assert.deepEqual(validateBinding({ metadata: { name: 'p' }, target: { kind: 'Pod' as never } }).map(formatFieldError), [
    'target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"',
    'target.name: Required value',
  ]);
});

test('a service account needs only valid metadata', () => {
  assert.deepEqual(validateServiceAccount(exampleServiceAccount()), []);
});
