// Objects and lists in the form the client asked for: JSON, Table, or metadata only.
import type { ApiObject } from '../../../shared/api/meta.js';
import { apiVersionOf } from '../../../shared/api/resource.js';
import { buildTable } from '../tables/table.js';
import { writeJson } from '../http/respond.js';
import type { ListResult } from '../registry/list.js';
import type { Call, Handlers } from './context.js';
import { includeObject } from './query.js';

const partial = (obj: ApiObject) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata });

export function tableOf(h: Handlers, call: Call, objects: readonly ApiObject[], listMeta: ListResult | { resourceVersion?: string }, withColumns = true) {
  const meta: { resourceVersion?: string; continue?: string } = {};
  if (listMeta.resourceVersion !== undefined) meta.resourceVersion = listMeta.resourceVersion;
  if ('continue' in listMeta && listMeta.continue !== undefined) meta.continue = listMeta.continue;
  return buildTable({
    resource: { group: call.rt.group, resource: call.rt.resource, kind: call.rt.kind },
    objects: objects.map((o) => h.codec.present(call.rt, o)),
    includeObject: includeObject(call.query), listMeta: meta, now: h.registry.clock.now(), withColumns,
  });
}

export function writeObject(h: Handlers, call: Call, code: number, obj: ApiObject): void {
  switch (call.form) {
    case 'table': writeJson(call.res, code, tableOf(h, call, [obj], { resourceVersion: obj.metadata.resourceVersion ?? '' })); return;
    case 'metadata': writeJson(call.res, code, partial(obj)); return;
    case 'json': writeJson(call.res, code, h.codec.present(call.rt, obj));
  }
}

export function writeList(h: Handlers, call: Call, list: ListResult): void {
  const metadata = { resourceVersion: list.resourceVersion, ...(list.continue !== undefined ? { continue: list.continue } : {}) };
  switch (call.form) {
    case 'table': writeJson(call.res, 200, tableOf(h, call, list.items, list)); return;
    case 'metadata':
      writeJson(call.res, 200, { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata, items: list.items.map(partial) });
      return;
    case 'json':
      writeJson(call.res, 200, {
        kind: `${call.rt.kind}List`, apiVersion: apiVersionOf(call.rt), metadata,
        items: list.items.map((o) => h.codec.present(call.rt, o)),
      });
  }
}
