// The namespace's deletion conditions, as Kubernetes reports them while a namespace terminates
// (pkg/controller/namespace/deletion/status_condition_utils.go): each of the five types is
// there, True with what is wrong or False with its "all is well" reason and message.
import type { Condition } from '../../../shared/api/meta.js';

export const conditionTypes = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;
export type NamespaceConditionType = (typeof conditionTypes)[number];

const ok: Readonly<Record<NamespaceConditionType, { reason: string; message: string }>> = {
  NamespaceDeletionDiscoveryFailure: { reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
  NamespaceDeletionGroupVersionParsingFailure: { reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
  NamespaceDeletionContentFailure: { reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
  NamespaceContentRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
  NamespaceFinalizersRemaining: { reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
};

export interface ContentTotals {
  /** "pods." / "deployments.apps" → objects left. */
  readonly remaining: ReadonlyMap<string, number>;
  /** finalizer → objects it holds. */
  readonly finalizers: ReadonlyMap<string, number>;
  /** Why content could not be deleted, one message per resource. */
  readonly errors: readonly string[];
  readonly estimateSeconds: number;
}

type Failing = Partial<Record<NamespaceConditionType, { reason: string; message: string }>>;

export function contentFailureMessage(errors: readonly string[]): string {
  return `Failed to delete all resource types, ${errors.length} remaining: ${[...errors].sort().join(', ')}`;
}

function failing(t: ContentTotals): Failing {
  const f: Failing = {};
  if (t.errors.length > 0) f.NamespaceDeletionContentFailure = { reason: 'ContentDeletionFailed', message: contentFailureMessage(t.errors) };
  const left = [...t.remaining].filter(([, n]) => n > 0).map(([r, n]) => `${r} has ${n} resource instances`).sort();
  if (left.length > 0) f.NamespaceContentRemaining = { reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${left.join(', ')}` };
  const held = [...t.finalizers].filter(([, n]) => n > 0).map(([fin, n]) => `${fin} in ${n} resource instances`).sort();
  if (held.length > 0) {
    f.NamespaceFinalizersRemaining = { reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${held.join(', ')}` };
  }
  return f;
}

/**
 * The namespace's conditions after a deletion pass: the five deletion conditions updated in
 * place (lastTransitionTime moves only when the status flips), any others kept.
 */
export function deletionConditions(old: readonly Condition[], totals: ContentTotals, now: string): { conditions: Condition[]; changed: boolean } {
  const f = failing(totals);
  const conditions = old.map((c) => ({ ...c }));
  let changed = false;
  for (const type of conditionTypes) {
    const bad = f[type];
    const want = { status: bad !== undefined ? 'True' as const : 'False' as const, ...(bad ?? ok[type]) };
    const current = conditions.find((c) => c.type === type);
    if (current === undefined) {
      conditions.push({ type, ...want, lastTransitionTime: now });
      changed = true;
    } else if (current.status !== want.status || current.reason !== want.reason || current.message !== want.message) {
      if (current.status !== want.status) current.lastTransitionTime = now;
      Object.assign(current, want);
      changed = true;
    }
  }
  return { conditions, changed };
}
