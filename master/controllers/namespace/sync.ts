// sync(name): a namespace being deleted loses all its content, then the "kubernetes" finalizer
// (PUT …/finalize), after which the apiserver removes it. Level-triggered: every pass deletes
// what is there, reports progress in status.conditions, and either finalizes or asks to be
// back when the remaining content should have gone.
import { isStatusError } from '../../../shared/api/errors.js';
import type { Namespace } from '../../../shared/api/core/v1/namespace.js';
import type { ClientLog } from '../../../shared/client/client-log.js';
import type { ResourceCoordinates } from '../../../shared/client/resource-path.js';
import type { StoreReader } from '../../../shared/client/store.js';
import { rfc3339, type Clock } from '../../../shared/util/time.js';
import type { NamespaceApi } from './api.js';
import { contentFailureMessage, deletionConditions, type ContentTotals } from './conditions.js';
import { deleteAllContent } from './content.js';

export const finalizerToken = 'kubernetes';

export interface NamespaceDeps {
  readonly namespaces: StoreReader<Namespace>;
  readonly resources: readonly ResourceCoordinates[];
  readonly api: NamespaceApi;
  readonly clock: Clock;
  readonly log: ClientLog;
}

export type NamespaceSyncResult =
  | { readonly type: 'done' }
  /** Content is still going (pods in their grace period, finalizers): come back within about this long. */
  | { readonly type: 'contentRemaining'; readonly estimateSeconds: number };

const done: NamespaceSyncResult = { type: 'done' };

export async function syncNamespace(c: NamespaceDeps, name: string, signal: AbortSignal): Promise<NamespaceSyncResult> {
  const ns = c.namespaces.get(name);
  if (ns === undefined || ns.metadata.deletionTimestamp === undefined) return done;
  if (!(ns.spec?.finalizers ?? []).includes(finalizerToken)) return done;   // finalized: the apiserver takes it from here
  const totals = await deleteAllContent(c.api, c.resources, name, () => c.clock.now(), signal);
  await writeStatus(c, ns, totals, signal);
  if (totals.errors.length > 0) throw new Error(contentFailureMessage(totals.errors));
  if (totals.remaining.size > 0) {
    c.log.debug({ namespace: name, remaining: Object.fromEntries(totals.remaining) }, 'Namespace content remaining');
    return { type: 'contentRemaining', estimateSeconds: totals.estimateSeconds };
  }
  const next = structuredClone(ns);
  next.spec = { ...next.spec, finalizers: (ns.spec?.finalizers ?? []).filter((f) => f !== finalizerToken) };
  try {
    await c.api.finalize(next, signal);
  } catch (err) {
    if (!isStatusError(err, 'NotFound')) throw err;
  }
  c.log.info({ namespace: name }, 'Finalized namespace');
  return done;
}

/** Phase Terminating and the deletion conditions, when they changed. A 409 is left to the next pass. */
async function writeStatus(c: NamespaceDeps, ns: Namespace, totals: ContentTotals, signal: AbortSignal): Promise<void> {
  const { conditions, changed } = deletionConditions(ns.status?.conditions ?? [], totals, rfc3339(c.clock.now()));
  if (!changed && ns.status?.phase === 'Terminating') return;
  const next = structuredClone(ns);
  next.status = { ...next.status, phase: 'Terminating', conditions };
  try {
    await c.api.updateStatus(next, signal);
  } catch (err) {
    if (!isStatusError(err, 'Conflict') && !isStatusError(err, 'NotFound')) throw err;
    c.log.debug({ namespace: ns.metadata.name, err }, 'Namespace status was not written');
  }
}
