import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EndpointSlice } from '../../../shared/api/discovery/v1/endpoint-slice.js';
import { SliceTracker } from './tracker.js';

const s = (name: string, rv: string): EndpointSlice => ({ metadata: { name, namespace: 'ns', resourceVersion: rv } });

test('the cache is stale until it holds our last write of each slice, and our deletes are gone', () => {
  const t = new SliceTracker();
  assert.equal(t.stale('ns/web', []), false);
  t.wrote('ns/web', s('web-a', '10'));
  assert.equal(t.stale('ns/web', []), true);                    // created, not seen yet
  assert.equal(t.stale('ns/web', [s('web-a', '9')]), true);     // an older version
  assert.equal(t.stale('ns/web', [s('web-a', '12')]), false);   // ours or newer
  t.deleted('ns/web', 'web-a');
  assert.equal(t.stale('ns/web', [s('web-a', '12')]), true);
  assert.equal(t.stale('ns/web', []), false);
  assert.equal(t.stale('ns/other', [s('x', '1')]), false);
});
