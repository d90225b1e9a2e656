import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resourcePath } from './resource-path.js';

const pods = { group: '', version: 'v1', resource: 'pods', namespaced: true };
const deployments = { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true };
const nodes = { group: '', version: 'v1', resource: 'nodes', namespaced: false };

test('paths follow the Kubernetes REST layout for core, named groups, namespaces and subresources', () => {
  const cases: [string, string][] = [
    [resourcePath(pods, 'default'), '/api/v1/namespaces/default/pods'],
    [resourcePath(pods, ''), '/api/v1/pods'],
    [resourcePath(pods, 'default', 'web-0'), '/api/v1/namespaces/default/pods/web-0'],
    [resourcePath(pods, 'default', 'web-0', 'binding'), '/api/v1/namespaces/default/pods/web-0/binding'],
    [resourcePath(deployments, 'prod', 'web', 'scale'), '/apis/apps/v1/namespaces/prod/deployments/web/scale'],
    [resourcePath(deployments, ''), '/apis/apps/v1/deployments'],
    [resourcePath(nodes, '', 'n1', 'status'), '/api/v1/nodes/n1/status'],
    [resourcePath(nodes, 'ignored', 'n1'), '/api/v1/nodes/n1'],
    [resourcePath(pods, 'a b', 'c/d'), '/api/v1/namespaces/a%20b/pods/c%2Fd'],
  ];
  for (const [got, want] of cases) assert.equal(got, want);
});

test('a named object of a namespaced resource needs a namespace', () => {
  assert.throws(() => resourcePath(pods, '', 'web-0'), /needs a namespace/);
});
