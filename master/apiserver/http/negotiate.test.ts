import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discoveryForm, responseForm } from './negotiate.js';

test('picks the form kubectl asks for first', () => {
  const cases: [string | undefined, string][] = [
    [undefined, 'json'],
    ['application/json', 'json'],
    ['application/json, */*', 'json'],
    ['application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json', 'table'],
    ['application/vnd.kubernetes.protobuf,application/json', 'json'],
    ['application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json', 'metadata'],
    ['application/json;as=Table;v=v9;g=meta.k8s.io,application/json', 'json'],
  ];
  for (const [accept, want] of cases) assert.equal(responseForm(accept), want, String(accept));
});

test('refuses an Accept list with nothing it can answer', () => {
  assert.throws(() => responseForm('application/vnd.kubernetes.protobuf'), /only the following media types/);
});

test('answers discovery in the newest aggregated form the client accepts', () => {
  assert.equal(discoveryForm('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json'), 'v2');
  assert.equal(discoveryForm('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json'), 'v2beta1');
  assert.equal(discoveryForm('application/json, */*'), 'legacy');
  assert.equal(discoveryForm(undefined), 'legacy');
});
