// The message of a pod that fits nowhere, worded as Kubernetes' FitError.Error() words it:
// "0/3 nodes are available: 2 Insufficient cpu, 1 node(s) had untolerated taint {k: v}."
// — each reason with the number of nodes that gave it, sorted as strings.
import type { Diagnosis } from './plugin.js';
import { reasonsOf, type Status } from './status.js';

/** "2 Insufficient cpu", "1 node(s) …", sorted: the histogram of reasons over nodes. */
export function reasonHistogram(statuses: Iterable<Status>): string[] {
  const counts = new Map<string, number>();
  for (const s of statuses) for (const r of reasonsOf(s)) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
}

export function fitErrorMessage(d: Diagnosis, postFilterMessage = ''): string {
  let msg = `0/${d.numAllNodes} nodes are available:`;
  if (d.preFilterMessage !== '') msg += ` ${d.preFilterMessage}.`;
  else {
    const reasons = reasonHistogram(d.nodeStatuses.values());
    if (reasons.length > 0) msg += ` ${reasons.join(', ')}.`;
  }
  if (postFilterMessage !== '') msg += ` ${postFilterMessage}`;
  return msg;
}
