// Which objects a list or watch returns: namespace, label selector, field selector.
import { badRequest } from '../../../shared/api/errors.js';
import { parseFieldSelector, type FieldSelector } from '../../../shared/api/fields/selector.js';
import { parseLabelSelector, type Selector } from '../../../shared/api/labels/selector.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import type { ResourceType } from '../../../shared/api/resource.js';

export type ObjectFilter = (obj: ApiObject) => boolean;

export function objectFields(rt: ResourceType, obj: ApiObject): Record<string, string> {
  const base: Record<string, string> = { 'metadata.name': obj.metadata.name ?? '' };
  if (rt.namespaced) base['metadata.namespace'] = obj.metadata.namespace ?? '';
  return { ...base, ...(rt.strategy.selectableFields?.(obj) ?? {}) };
}

const blank: ApiObject = { metadata: {}, spec: {}, status: {}, involvedObject: {}, source: {} };

function supportedFields(rt: ResourceType): string[] {
  try {
    return Object.keys(objectFields(rt, blank));
  } catch {
    return Object.keys(objectFields({ ...rt, strategy: { ...rt.strategy, selectableFields: () => ({}) } }, blank));
  }
}

export function makeFilter(rt: ResourceType, namespace: string, labelSelector?: string, fieldSelector?: string): ObjectFilter {
  let labels: Selector | undefined;
  let fields: FieldSelector | undefined;
  try {
    if (labelSelector !== undefined && labelSelector !== '') labels = parseLabelSelector(labelSelector);
  } catch (err) {
    throw badRequest(`unable to parse requirement: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    if (fieldSelector !== undefined && fieldSelector !== '') fields = parseFieldSelector(fieldSelector);
  } catch (err) {
    throw badRequest(`invalid field selector: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (fields !== undefined) {
    const known = supportedFields(rt);
    for (const f of fields.fieldNames()) {
      if (!known.includes(f)) throw badRequest(`field label not supported: ${f}`);
    }
  }
  const ns = rt.namespaced ? namespace : '';
  const l = labels?.isEmpty() === false ? labels : undefined;
  const f = fields?.isEmpty() === false ? fields : undefined;
  return (obj) =>
    (ns === '' || obj.metadata.namespace === ns)
    && (l === undefined || l.matches(obj.metadata.labels))
    && (f === undefined || f.matches(objectFields(rt, obj)));
}
