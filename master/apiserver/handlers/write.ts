// POST (create) and PUT (update) of objects and their status.
import { badRequest } from '../../../shared/api/errors.js';
import { apiVersionOf } from '../../../shared/api/resource.js';
import { decodeObjectBody, readBody } from '../http/body.js';
import { createObject } from '../registry/create.js';
import { checkTypeMeta } from '../registry/prepare.js';
import { updateObject } from '../registry/update.js';
import type { Call, Handlers } from './context.js';
import { writeObject } from './output.js';
import { defaultManager, dryRun, fieldManager, fieldValidation } from './query.js';

async function decodeFor(h: Handlers, call: Call) {
  const body = decodeObjectBody(await readBody(call.req), call.req.headers['content-type']);
  checkTypeMeta(call.rt, body, [apiVersionOf(call.rt)]);
  return h.codec.toStorage(call.rt, body);
}

export async function handleCreate(h: Handlers, call: Call): Promise<void> {
  fieldValidation(call.query);
  const obj = await decodeFor(h, call);
  const manager = fieldManager(call.query, defaultManager(call.req));
  const created = await createObject(h.registry, call.target, obj, {
    dryRun: dryRun(call.query), ...(manager !== undefined ? { fieldManager: manager } : {}),
  });
  writeObject(h, call, 201, created);
}

export async function handleUpdate(h: Handlers, call: Call): Promise<void> {
  fieldValidation(call.query);
  const obj = await decodeFor(h, call);
  const bodyName = obj.metadata.name;
  if (bodyName !== undefined && bodyName !== '' && bodyName !== call.target.name) {
    throw badRequest(`the name of the object (${bodyName}) does not match the name on the URL (${call.target.name})`);
  }
  const sub = call.ri.subresource;
  const manager = fieldManager(call.query, defaultManager(call.req));
  const updated = await updateObject(h.registry, call.target, obj, {
    scope: sub === 'status' ? 'status' : call.rt.subresources.includes('status') ? 'main' : 'whole',
    dryRun: dryRun(call.query),
    ...(manager !== undefined ? { fieldManager: manager } : {}),
    ...(sub !== '' ? { subresource: sub } : {}),
  });
  writeObject(h, call, 200, updated);
}
