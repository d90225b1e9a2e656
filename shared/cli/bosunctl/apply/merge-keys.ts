// Which lists a strategic merge patch merges item by item, and by which key: the patchMergeKey
// struct tags of k8s.io/api for the fields manifests use. Every other list is atomic (replaced
// whole), as in Kubernetes.

const byField: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  conditions: 'type',
  ownerReferences: 'uid',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
};

/** The merge key of the list at `path` (field names from the object's root) in an object of `kind`. */
export function mergeKeyAt(kind: string, path: readonly string[]): string | undefined {
  const field = path.at(-1);
  if (field === undefined) return undefined;
  if (field === 'ports') {
    const parent = path.at(-2);
    if (parent === 'containers' || parent === 'initContainers' || parent === 'ephemeralContainers') return 'containerPort';
    if (kind === 'Service' && path.length === 2 && path[0] === 'spec') return 'port';
    return undefined;
  }
  return byField[field];
}
