// Cache and queue keys: "namespace/name", or "name" for cluster-scoped objects.
import type { ApiObject } from '../api/meta.js';

export function keyOf(obj: Pick<ApiObject, 'metadata'>): string {
  const ns = obj.metadata.namespace ?? '';
  const name = obj.metadata.name ?? '';
  return ns === '' ? name : `${ns}/${name}`;
}

export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
