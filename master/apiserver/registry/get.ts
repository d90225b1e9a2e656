import { notFound } from '../../../shared/api/errors.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import type { Registry, Target } from './context.js';
import { keyFor } from './keys.js';
import { toApiError } from './storage-errors.js';

/** A consistent read from etcd; 404 when absent. */
export async function getObject(r: Registry, t: Target): Promise<ApiObject> {
  let obj: ApiObject | undefined;
  try {
    obj = await r.store.get(keyFor(t.rt, t.namespace, t.name));
  } catch (err) {
    throw toApiError(err, t);
  }
  if (obj === undefined) throw notFound({ group: t.rt.group, resource: t.rt.resource }, t.name);
  return obj;
}
