import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseResourceRequest } from './request-info.js';

test('parses resource paths the way the Kubernetes apiserver does', () => {
  const q = (s = '') => new URLSearchParams(s);
  const cases: [string, string, string, object | undefined][] = [
    ['GET', '/api/v1/pods', '', { group: '', version: 'v1', namespace: '', resource: 'pods', name: '', subresource: '', verb: 'list' }],
    ['GET', '/api/v1/namespaces/default/pods', 'watch=true', { namespace: 'default', resource: 'pods', verb: 'watch' }],
    ['GET', '/api/v1/watch/namespaces/default/pods', '', { namespace: 'default', resource: 'pods', verb: 'watch' }],
    ['GET', '/api/v1/namespaces/default/pods/web', '', { namespace: 'default', resource: 'pods', name: 'web', verb: 'get' }],
    ['PUT', '/api/v1/namespaces/default/pods/web/status', '', { resource: 'pods', name: 'web', subresource: 'status', verb: 'update' }],
    ['POST', '/api/v1/namespaces/default/pods/web/binding', '', { subresource: 'binding', verb: 'create' }],
    ['GET', '/api/v1/namespaces/kube-system', '', { namespace: '', resource: 'namespaces', name: 'kube-system', verb: 'get' }],
    ['PUT', '/api/v1/namespaces/gone/finalize', '', { namespace: '', resource: 'namespaces', name: 'gone', subresource: 'finalize', verb: 'update' }],
    ['GET', '/api/v1/namespaces', '', { namespace: '', resource: 'namespaces', name: '', verb: 'list' }],
    ['PATCH', '/apis/apps/v1/namespaces/ns1/deployments/web/scale', '', { group: 'apps', namespace: 'ns1', resource: 'deployments', subresource: 'scale', verb: 'patch' }],
    ['DELETE', '/apis/apps/v1/namespaces/ns1/deployments', '', { verb: 'deletecollection' }],
    ['GET', '/api/v1', '', undefined],
    ['GET', '/apis/apps', '', undefined],
    ['GET', '/version', '', undefined],
  ];
  for (const [method, path, query, want] of cases) {
    const got = parseResourceRequest(method, path, q(query));
    if (want === undefined) assert.equal(got, undefined, path);
    else for (const [k, v] of Object.entries(want)) assert.equal((got as unknown as Record<string, unknown>)?.[k], v, `${method} ${path} ${k}`);
  }
});
