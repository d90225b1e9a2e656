// Create: prepare, admit, then one etcd transaction "key absent (+ allocations absent)".
import { StatusError, badRequest } from '../../../shared/api/errors.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { isStorageError } from '../storage/errors.js';
import type { Registry, Target, WriteOptions } from './context.js';
import { cloneObject } from './clone.js';
import { keyFor } from './keys.js';
import { prepareCreate } from './prepare.js';
import { toApiError } from './storage-errors.js';
import { recordManager } from './managed-fields.js';

export async function createObject(r: Registry, t: Target, body: ApiObject, opts: WriteOptions): Promise<ApiObject> {
  for (let attempt = 0; ; attempt++) {
    const obj = prepareCreate(t.rt, cloneObject(body), t.namespace, r.clock.now());
    const name = obj.metadata.name;
    if (name === undefined || name === '') throw badRequest('name or generateName is required');
    recordManager(t.rt, undefined, obj, opts.fieldManager, r.clock.now());
    const extra = await r.admission.admitCreate(t.rt, obj, opts.dryRun);
    if (opts.dryRun) return obj;
    try {
      return await r.store.create(keyFor(t.rt, t.namespace, name), obj, extra);
    } catch (err) {
      const generated = body.metadata?.name === undefined || body.metadata.name === '';
      // A taken allocation or a generated name that clashed: pick again.
      if (attempt < 5 && (isStorageError(err, 'Conflict') || (generated && isStorageError(err, 'KeyExists')))) continue;
      if (err instanceof StatusError) throw err;
      throw toApiError(err, t, name);
    }
  }
}
