// Which owners a pod event concerns, read from the owners' cache: the controller named by the
// pod's controller reference (same kind, and the cached owner has the referenced uid), or, for
// an orphan, every owner in its namespace whose selector matches its labels.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { ApiObject, OwnerReference } from '../../../shared/api/meta.js';
import { namespaceIndex, type StoreReader } from '../../../shared/client/store.js';
import type { ReplicaKind } from './kind.js';

/** The cached owner `ref` points at, if it is of this kind and still the same object (resolveControllerRef). */
export function resolveControllerRef(
  kind: ReplicaKind, owners: StoreReader<ApiObject>, namespace: string, ref: OwnerReference,
): ApiObject | undefined {
  if (ref.kind !== kind.gvk.kind) return undefined;
  const owner = owners.get(namespace === '' ? ref.name : `${namespace}/${ref.name}`);
  return owner !== undefined && owner.metadata.uid === ref.uid ? owner : undefined;
}

/** Every owner in the pod's namespace whose selector (non-empty, parseable) matches the pod (GetPodReplicaSets). */
export function ownersSelecting(kind: ReplicaKind, owners: StoreReader<ApiObject>, pod: Pod): ApiObject[] {
  const out: ApiObject[] = [];
  for (const owner of owners.byIndex(namespaceIndex, pod.metadata.namespace ?? '')) {
    let matches: boolean;
    try {
      matches = kind.view(owner).selector.matches(pod.metadata.labels);
    } catch {
      continue;                                               // an unparseable selector selects nothing
    }
    if (matches) out.push(owner);
  }
  return out;
}
