// pods/eviction (policy/v1 Eviction): what `kubectl drain` posts. Bosun serves no
// PodDisruptionBudgets yet, so an eviction is a delete with the eviction's DeleteOptions.
import { StatusError, badRequest } from '../../../shared/api/errors.js';
import { isRecord, type DeleteOptions } from '../../../shared/api/meta.js';
import { decodeJsonOrYaml, readBody } from '../http/body.js';
import { successStatus, writeJson } from '../http/respond.js';
import { deleteObject } from '../registry/delete.js';
import type { Call, Handlers } from './context.js';
import { dryRun } from './query.js';

export async function handleEviction(h: Handlers, call: Call): Promise<void> {
  if (call.ri.verb !== 'create') throw new StatusError(405, 'MethodNotAllowed', 'the eviction subresource takes POST only');
  const body = decodeJsonOrYaml(await readBody(call.req), call.req.headers['content-type']);
  if (!isRecord(body)) throw badRequest('the Eviction body must be an object');
  const meta = body['metadata'];
  if (isRecord(meta) && typeof meta['name'] === 'string' && meta['name'] !== '' && meta['name'] !== call.target.name) {
    throw badRequest(`the name of the eviction (${meta['name']}) does not match the pod on the URL (${call.target.name})`);
  }
  const opts = body['deleteOptions'];
  if (opts !== undefined && opts !== null && !isRecord(opts)) throw badRequest('deleteOptions must be an object');
  const del = (opts ?? {}) as DeleteOptions;
  await deleteObject(h.registry, call.target, del, dryRun(call.query) || (del.dryRun ?? []).includes('All'));
  writeJson(call.res, 201, successStatus(201));
}
