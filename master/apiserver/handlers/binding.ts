// pods/binding: the scheduler's write. Sets spec.nodeName once and PodScheduled=True.
import { StatusError, badRequest, conflict, invalid } from '../../../shared/api/errors.js';
import { isRecord, type ApiObject } from '../../../shared/api/meta.js';
import { required } from '../../../shared/api/validation/field-error.js';
import { rfc3339 } from '../../../shared/util/time.js';
import { decodeJsonOrYaml, readBody } from '../http/body.js';
import { writeJson } from '../http/respond.js';
import { successStatus } from '../http/respond.js';
import { isStorageError } from '../storage/errors.js';
import { getObject } from '../registry/get.js';
import { keyFor, storageId } from '../registry/keys.js';
import { cloneObject } from '../registry/clone.js';
import { toApiError } from '../registry/storage-errors.js';
import type { Call, Handlers } from './context.js';
import { dryRun } from './query.js';

interface PodCondition { type: string; status: string; lastProbeTime?: string | null; lastTransitionTime?: string; reason?: string; message?: string }

export async function handleBinding(h: Handlers, call: Call): Promise<void> {
  if (call.ri.verb !== 'create') throw new StatusError(405, 'MethodNotAllowed', 'the binding subresource takes POST only');
  const body = decodeJsonOrYaml(await readBody(call.req), call.req.headers['content-type']);
  if (!isRecord(body)) throw badRequest('the Binding body must be an object');
  const target = body['target'];
  const node = isRecord(target) && typeof target['name'] === 'string' ? target['name'] : '';
  if (node === '') throw invalid({ group: '', kind: 'Binding' }, call.target.name, [required('target.name')]);
  if (isRecord(target) && target['kind'] !== undefined && target['kind'] !== '' && target['kind'] !== 'Node') {
    throw invalid({ group: '', kind: 'Binding' }, call.target.name, [{ type: 'FieldValueNotSupported', field: 'target.kind', badValue: target['kind'], detail: 'supported values: "Node"' }]);
  }
  const gr = { group: '', resource: 'pods' };
  const key = keyFor(call.target.rt, call.target.namespace, call.target.name);
  // As Kubernetes' GuaranteedUpdate: the watch cache's copy is tried first (it is almost always
  // current: the scheduler binds pods it has just seen); a conflict reads etcd for the next try.
  const cached = h.registry.caches.get(storageId(call.target.rt))?.get(key);
  for (let attempt = 0; ; attempt++) {
    const pod: ApiObject = attempt === 0 && cached !== undefined ? cached : await getObject(h.registry, call.target);
    const spec = (pod.spec ?? {}) as { nodeName?: string };
    if (pod.metadata.deletionTimestamp !== undefined) throw conflict(gr, call.target.name, 'pod is being deleted, cannot be assigned to a host');
    if (spec.nodeName !== undefined && spec.nodeName !== '') {
      throw conflict(gr, call.target.name, `pod ${call.target.name} is already assigned to node "${spec.nodeName}"`);
    }
    const next = cloneObject(pod);
    (next.spec as { nodeName?: string }).nodeName = node;
    const status = (next.status ?? {}) as { conditions?: PodCondition[] };
    const conds = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(h.registry.clock.now()) });
    next.status = { ...status, conditions: conds };
    if (dryRun(call.query)) break;
    try {
      await h.registry.store.update(key, next, Number(pod.metadata.resourceVersion));
      break;
    } catch (err) {
      if (isStorageError(err, 'Conflict') && attempt < 20) continue;
      throw toApiError(err, call.target);
    }
  }
  writeJson(call.res, 201, successStatus(201));
}
