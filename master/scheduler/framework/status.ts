// What a plugin answers at an extension point (Kubernetes' framework.Status). Success and
// Skip are shared constants so the hot path allocates nothing; an unschedulable answer
// carries the short reasons the framework counts into "0/3 nodes are available: …".
export type Status =
  | { readonly code: 'Success' }
  /** PreFilter/PreScore: this plugin has nothing to do for the pod; its Filter/Score is not run. */
  | { readonly code: 'Skip' }
  | { readonly code: 'Unschedulable' | 'UnschedulableAndUnresolvable'; readonly reasons: readonly string[] }
  | { readonly code: 'Error'; readonly error: Error };

export const success: Status = { code: 'Success' };
export const skip: Status = { code: 'Skip' };

export const unschedulable = (...reasons: string[]): Status => ({ code: 'Unschedulable', reasons });
/** Unschedulable, and evicting pods (preemption) would not help either. */
export const unresolvable = (...reasons: string[]): Status => ({ code: 'UnschedulableAndUnresolvable', reasons });
export const errorStatus = (error: Error): Status => ({ code: 'Error', error });

export const isSuccess = (s: Status): boolean => s.code === 'Success';

export function reasonsOf(s: Status): readonly string[] {
  switch (s.code) {
    case 'Success': case 'Skip': return [];
    case 'Unschedulable': case 'UnschedulableAndUnresolvable': return s.reasons;
    case 'Error': return [s.error.message];
    default: { const never: never = s; throw new Error(`unknown status ${JSON.stringify(never)}`); }
  }
}
