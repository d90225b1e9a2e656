// The error of a server-side apply that would change fields other managers own, with
// the message Kubernetes prints (k8s.io/apiserver fieldmanager internal/conflict.go).
// The handler answers it with 409 Conflict and one cause per conflict:
// { reason: 'FieldManagerConflict', message: conflict.message, field: conflict.field }.

export interface ApplyConflict {
  /** The manager's name, e.g. "kubectl-client-side-apply". */
  readonly manager: string;
  /** The field as Kubernetes prints it, e.g. ".spec.replicas". */
  readonly field: string;
  /** The cause's message, e.g. `conflict with "kubectl-client-side-apply" using apps/v1`. */
  readonly message: string;
}

export class ApplyConflictError extends Error {
  override readonly name = 'ApplyConflictError';

  constructor(readonly conflicts: readonly ApplyConflict[]) {
    super(conflictMessage(conflicts));
  }
}

const describedManager = (c: ApplyConflict): string => c.message.replace(/^conflict with /, '');

function conflictMessage(conflicts: readonly ApplyConflict[]): string {
  const [only] = conflicts;
  if (conflicts.length === 1 && only !== undefined) {
    return `Apply failed with 1 conflict: ${only.message}: ${only.field}`;
  }
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const key = describedManager(c);
    byManager.set(key, [...(byManager.get(key) ?? []), c.field]);
  }
  const lines: string[] = [];
  for (const manager of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${manager}:`);
    for (const field of byManager.get(manager) ?? []) lines.push(`- ${field}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}
