// The scale subresource (autoscaling/v1 Scale) of deployments, replicasets and RCs.
import { StatusError, badRequest } from '../../../shared/api/errors.js';
import { labelSelectorToString, selectorFromSet } from '../../../shared/api/labels/selector.js';
import { isRecord, type ApiObject, type LabelSelector } from '../../../shared/api/meta.js';
import { invalid as invalidField } from '../../../shared/api/validation/field-error.js';
import { invalid } from '../../../shared/api/errors.js';
import { decodeJsonOrYaml, readBody } from '../http/body.js';
import { writeJson } from '../http/respond.js';
import { getObject } from '../registry/get.js';
import { guaranteedUpdate } from '../registry/update.js';
import type { Call, Handlers } from './context.js';
import { applyPatch, patchTypeOf } from './patch.js';
import { defaultManager, dryRun, fieldManager } from './query.js';

export interface Scale {
  apiVersion: 'autoscaling/v1';
  kind: 'Scale';
  metadata: ApiObject['metadata'];
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

export function scaleOf(obj: ApiObject): Scale {
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: LabelSelector | Record<string, string> };
  const status = (obj.status ?? {}) as { replicas?: number };
  const m = obj.metadata;
  let selector: string | undefined;
  const sel = spec.selector;
  if (sel !== undefined && sel !== null) {
    selector = 'matchLabels' in sel || 'matchExpressions' in sel
      ? labelSelectorToString(sel as LabelSelector)
      : selectorFromSet(sel as Record<string, string>).toString();
  }
  return {
    apiVersion: 'autoscaling/v1', kind: 'Scale',
    metadata: {
      name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0, ...(selector !== undefined ? { selector } : {}) },
  };
}

function replicasOf(scale: unknown, name: string): { replicas: number; resourceVersion?: string } {
  if (!isRecord(scale)) throw badRequest('the Scale body must be an object');
  const spec = scale['spec'];
  const r = isRecord(spec) ? spec['replicas'] : undefined;
  if (r === undefined) throw invalid({ group: 'autoscaling', kind: 'Scale' }, name, [invalidField('spec.replicas', null, 'must be set')]);
  if (typeof r !== 'number' || !Number.isInteger(r) || r < 0) {
    throw invalid({ group: 'autoscaling', kind: 'Scale' }, name, [invalidField('spec.replicas', r, 'must be greater than or equal to 0')]);
  }
  const meta = scale['metadata'];
  const rv = isRecord(meta) && typeof meta['resourceVersion'] === 'string' && meta['resourceVersion'] !== '' ? meta['resourceVersion'] : undefined;
  return { replicas: r, ...(rv !== undefined ? { resourceVersion: rv } : {}) };
}

export async function handleScale(h: Handlers, call: Call): Promise<void> {
  if (call.ri.verb === 'get') {
    writeJson(call.res, 200, scaleOf(await getObject(h.registry, call.target)));
    return;
  }
  if (call.ri.verb !== 'update' && call.ri.verb !== 'patch') throw new StatusError(405, 'MethodNotAllowed', 'the scale subresource takes GET, PUT and PATCH');
  const body = decodeJsonOrYaml(await readBody(call.req), call.req.headers['content-type']);
  const patchType = call.ri.verb === 'patch' ? patchTypeOf(call.req.headers['content-type']) : undefined;
  if (patchType === 'apply') throw badRequest('server-side apply is not supported on the scale subresource');
  const manager = fieldManager(call.query, defaultManager(call.req));
  const updated = await guaranteedUpdate(h.registry, call.target, (current) => {
    const scale = scaleOf(current);
    const wanted = patchType !== undefined
      ? applyPatch(patchType, scale as unknown as ApiObject, body, { group: 'autoscaling', kind: 'Scale' })
      : body;
    const { replicas, resourceVersion } = replicasOf(wanted, call.target.name);
    const next = { ...current, spec: { ...(current.spec as object), replicas } };
    if (resourceVersion !== undefined) next.metadata = { ...next.metadata, resourceVersion };
    else next.metadata = { ...next.metadata, resourceVersion: '' };
    return next;
  }, { scope: 'main', dryRun: dryRun(call.query), subresource: 'scale', ...(manager !== undefined ? { fieldManager: manager } : {}) });
  writeJson(call.res, 200, scaleOf(updated));
}
