// The order of a merged list in a strategic merge patch, as Kubernetes computes it
// (k8s.io/apimachinery strategicpatch normalizeElementOrder and mergeSortedSlice):
// the items the patch names follow the patch's order (or its $setElementOrder list),
// and the items only the server had keep their places relative to them, as far as the
// live list's order allows.

import { jsonEqual } from './json-value.js';

/** What identifies an item: its merge key's value, or the item itself for primitives. */
export type ItemIdentity = (item: unknown) => unknown;

export function orderMergedList(
  merged: readonly unknown[],
  patchOrder: readonly unknown[],
  liveOrder: readonly unknown[],
  identity: ItemIdentity,
): unknown[] {
  const position = (list: readonly unknown[], item: unknown): number => {
    const id = identity(item);
    return id === undefined ? -1 : list.findIndex((other) => jsonEqual(identity(other), id));
  };
  const named: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const item of merged) (position(patchOrder, item) >= 0 ? named : serverOnly).push(item);
  const byPatch = sortStable(named, (item) => position(patchOrder, item));
  const byLive = sortStable(serverOnly, (item) => position(liveOrder, item));
  return interleave(byLive, byPatch, (item) => position(liveOrder, item));
}

/** Sorts by rank; items without one (-1) keep their order after the ranked ones. */
function sortStable(items: unknown[], rank: (item: unknown) => number): unknown[] {
  return items
    .map((item, i) => ({ item, i, r: rank(item) }))
    .sort((a, b) => (a.r < 0 ? Infinity : a.r) - (b.r < 0 ? Infinity : b.r) || a.i - b.i)
    .map((x) => x.item);
}

/**
 * Inserts the server-only items (`left`) into the patch items (`right`): an item of
 * `left` goes first only when both items are in the live list and it came first there.
 */
function interleave(left: unknown[], right: unknown[], livePosition: (item: unknown) => number): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (j >= right.length) {
      out.push(left[i++]);
    } else if (i >= left.length) {
      out.push(right[j++]);
    } else {
      const li = livePosition(left[i]);
      const ri = livePosition(right[j]);
      out.push(li >= 0 && ri >= 0 && li < ri ? left[i++] : right[j++]);
    }
  }
  return out;
}
