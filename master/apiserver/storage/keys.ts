// etcd keys: /registry/{group/}{resource}/{namespace}/{name} (cluster-scoped: no namespace).

export const registryRoot = '/registry/';

/** The prefix under which every object of one resource lives, e.g. "/registry/apps/deployments/". */
export function resourcePrefix(storageGroupResource: string): string {
  return `${registryRoot}${storageGroupResource}/`;
}

/** The prefix of one namespace's objects, or of all objects when namespace is ''. */
export function namespacePrefix(storageGroupResource: string, namespace: string): string {
  return namespace === '' ? resourcePrefix(storageGroupResource) : `${resourcePrefix(storageGroupResource)}${namespace}/`;
}

export function objectKey(storageGroupResource: string, namespace: string, name: string): string {
  return `${namespacePrefix(storageGroupResource, namespace)}${name}`;
}

/** "group/resource" (or "resource" for core): the storage identity of a resource. */
export function storageGroupResourceOf(t: { group: string; resource: string; storageGroupResource?: string }): string {
  if (t.storageGroupResource !== undefined) return t.storageGroupResource;
  return t.group === '' ? t.resource : `${t.group}/${t.resource}`;
}

/** The end of a prefix range: the prefix with its last byte incremented. */
export function prefixEnd(prefix: string): string {
  const b = Buffer.from(prefix);
  for (let i = b.length - 1; i >= 0; i--) {
    const v = b[i]!;
    if (v < 0xff) { b[i] = v + 1; return b.subarray(0, i + 1).toString('latin1'); }
  }
  return '\0';
}
