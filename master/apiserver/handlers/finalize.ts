// PUT namespaces/{name}/finalize: the namespace controller clears spec.finalizers.
import { StatusError, badRequest } from '../../../shared/api/errors.js';
import { isRecord } from '../../../shared/api/meta.js';
import { decodeObjectBody, readBody } from '../http/body.js';
import { guaranteedUpdate } from '../registry/update.js';
import type { Call, Handlers } from './context.js';
import { writeObject } from './output.js';
import { dryRun } from './query.js';

export async function handleFinalize(h: Handlers, call: Call): Promise<void> {
  if (call.ri.verb !== 'update') throw new StatusError(405, 'MethodNotAllowed', 'the finalize subresource takes PUT only');
  const body = decodeObjectBody(await readBody(call.req), call.req.headers['content-type']);
  const spec = body.spec;
  if (spec !== undefined && !isRecord(spec)) throw badRequest('spec must be an object');
  const finalizers = isRecord(spec) && Array.isArray(spec['finalizers']) ? (spec['finalizers'] as unknown[]).map(String) : [];
  const updated = await guaranteedUpdate(h.registry, call.target, (current) => {
    const next = structuredClone(current);
    next.spec = { ...(isRecord(current.spec) ? current.spec : {}), finalizers };
    if (finalizers.length === 0) delete (next.spec as { finalizers?: string[] }).finalizers;
    return next;
  }, { scope: 'whole', dryRun: dryRun(call.query), subresource: 'finalize' });
  writeObject(h, call, 200, updated);
}
