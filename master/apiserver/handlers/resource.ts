// Dispatch of a resource request to its verb handler.
import { StatusError, methodNotAllowed } from '../../../shared/api/errors.js';
import type { ResourceType } from '../../../shared/api/resource.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourceRequest } from '../http/request-info.js';
import { responseForm } from '../http/negotiate.js';
import { handleBinding } from './binding.js';
import { handleEviction } from './eviction.js';
import type { Call, Handlers } from './context.js';
import { handleDelete, handleDeleteCollection } from './delete.js';
import { handleFinalize } from './finalize.js';
import { handlePatch } from './patch.js';
import { handlePodLog } from './pod-log.js';
import { isPodStream, upgradeRequired } from './pod-stream.js';
import { handleGet, handleList } from './read.js';
import { handleScale } from './scale.js';
import { handleWatch } from './watch.js';
import { handleCreate, handleUpdate } from './write.js';

const notFoundPath = (): StatusError => new StatusError(404, 'NotFound', 'the server could not find the requested resource');

export function findServed(resources: readonly ResourceType[], ri: ResourceRequest): ResourceType | undefined {
  return resources.find((r) => r.group === ri.group && r.version === ri.version && r.resource === ri.resource);
}

export async function handleResource(h: Handlers, req: IncomingMessage, res: ServerResponse, ri: ResourceRequest, query: URLSearchParams): Promise<void> {
  const rt = findServed(h.resources, ri);
  if (rt === undefined) throw notFoundPath();
  if (!rt.namespaced && ri.namespace !== '') throw notFoundPath();
  const named = ri.name !== '';
  if (rt.namespaced && named && ri.namespace === '') throw notFoundPath();
  const sub = ri.subresource;
  const finalize = sub === 'finalize' && rt.group === '' && rt.resource === 'namespaces';
  if (sub !== '' && !finalize && !(rt.subresources as readonly string[]).includes(sub)) throw notFoundPath();
  const call: Call = {
    req, res, ri, query, rt, form: responseForm(req.headers['accept']),
    target: { rt: h.codec.storageType(rt), namespace: ri.namespace, name: ri.name },
  };
  if (sub === 'scale') return handleScale(h, call);
  if (sub === 'binding') return handleBinding(h, call);
  if (sub === 'eviction') return handleEviction(h, call);
  if (sub === 'log') return handlePodLog(h, call);
  if (isPodStream(ri)) throw upgradeRequired();     // upgrades are served by the server's 'upgrade' listener
  if (finalize) return handleFinalize(h, call);
  switch (ri.verb) {
    case 'get': return handleGet(h, call);
    case 'list': return handleList(h, call);
    case 'watch': return handleWatch(h, call);
    case 'create':
      if (named) throw methodNotAllowed();
      return handleCreate(h, call);
    case 'update': return handleUpdate(h, call);
    case 'patch': return handlePatch(h, call);
    case 'delete':
      if (sub !== '') throw methodNotAllowed();
      return handleDelete(h, call);
    case 'deletecollection': return handleDeleteCollection(h, call);
  }
}
