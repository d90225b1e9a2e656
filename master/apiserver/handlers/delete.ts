// DELETE of one object and of a collection (deletecollection).
import { badRequest } from '../../../shared/api/errors.js';
import { isRecord, type DeleteOptions } from '../../../shared/api/meta.js';
import { decodeJsonOrYaml, readBody } from '../http/body.js';
import { writeJson } from '../http/respond.js';
import { deleteObject } from '../registry/delete.js';
import { listObjects } from '../registry/list.js';
import type { Call, Handlers } from './context.js';
import { writeObject } from './output.js';
import { bool, dryRun, int } from './query.js';

async function deleteOptions(call: Call): Promise<DeleteOptions> {
  const buf = await readBody(call.req);
  let opts: DeleteOptions = {};
  if (buf.length > 0) {
    const v = decodeJsonOrYaml(buf, call.req.headers['content-type']);
    if (!isRecord(v)) throw badRequest('the DeleteOptions body must be an object');
    opts = v as DeleteOptions;
    if (opts.gracePeriodSeconds !== undefined && typeof opts.gracePeriodSeconds !== 'number') {
      throw badRequest('gracePeriodSeconds: Invalid value: must be an integer');
    }
  }
  const grace = int(call.query, 'gracePeriodSeconds');
  if (grace !== undefined) opts = { ...opts, gracePeriodSeconds: grace };
  const policy = call.query.get('propagationPolicy');
  if (policy !== null) opts = { ...opts, propagationPolicy: policy as DeleteOptions['propagationPolicy'] };
  const orphan = bool(call.query, 'orphanDependents');
  if (orphan !== undefined) opts = { ...opts, orphanDependents: orphan };
  return opts;
}

export async function handleDelete(h: Handlers, call: Call): Promise<void> {
  const opts = await deleteOptions(call);
  const dry = dryRun(call.query) || (opts.dryRun ?? []).includes('All');
  const result = await deleteObject(h.registry, call.target, opts, dry);
  // 202 Accepted while finalizers hold the object; a pod in its grace period is a plain 200, as in Kubernetes.
  const held = !result.deleted && (result.object.metadata.finalizers?.length ?? 0) > 0;
  writeObject(h, call, held ? 202 : 200, result.object);
}

export async function handleDeleteCollection(h: Handlers, call: Call): Promise<void> {
  const opts = await deleteOptions(call);
  const dry = dryRun(call.query) || (opts.dryRun ?? []).includes('All');
  const q = call.query;
  const list = await listObjects(h.registry, call.target, {
    ...(q.get('labelSelector') !== null ? { labelSelector: q.get('labelSelector')! } : {}),
    ...(q.get('fieldSelector') !== null ? { fieldSelector: q.get('fieldSelector')! } : {}),
  });
  const items = [];
  for (const obj of list.items) {
    const target = { ...call.target, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' };
    try {
      items.push(h.codec.present(call.rt, (await deleteObject(h.registry, target, opts, dry)).object));
    } catch (err) {
      if (!(err instanceof Error && 'reason' in err && (err as { reason: string }).reason === 'NotFound')) throw err;
    }
  }
  writeJson(call.res, 200, { kind: `${call.rt.kind}List`, apiVersion: call.rt.group === '' ? call.rt.version : `${call.rt.group}/${call.rt.version}`, metadata: { resourceVersion: list.resourceVersion }, items });
}
