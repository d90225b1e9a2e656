// GET of one object and of a collection.
import { getObject } from '../registry/get.js';
import { listObjects } from '../registry/list.js';
import type { Call, Handlers } from './context.js';
import { writeList, writeObject } from './output.js';
import { nonNegativeInt } from './query.js';

export async function handleGet(h: Handlers, call: Call): Promise<void> {
  writeObject(h, call, 200, await getObject(h.registry, call.target));
}

export async function handleList(h: Handlers, call: Call): Promise<void> {
  const q = call.query;
  const limit = nonNegativeInt(q, 'limit');
  const list = await listObjects(h.registry, call.target, {
    ...(q.get('labelSelector') !== null ? { labelSelector: q.get('labelSelector')! } : {}),
    ...(q.get('fieldSelector') !== null ? { fieldSelector: q.get('fieldSelector')! } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(q.get('continue') !== null ? { continue: q.get('continue')! } : {}),
    ...(q.get('resourceVersion') !== null ? { resourceVersion: q.get('resourceVersion')! } : {}),
    ...(q.get('resourceVersionMatch') !== null ? { resourceVersionMatch: q.get('resourceVersionMatch')! } : {}),
  });
  writeList(h, call, list);
}
