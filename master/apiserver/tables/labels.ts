// Labels and label selectors as the printers write them (labels.FormatLabels,
// metav1.LabelSelectorAsSelector(...).String(), metav1.FormatLabelSelector).
import { SelectorError, selectorFromLabelSelector } from '../../../shared/api/labels/selector.js';
import type { LabelSelector } from '../../../shared/api/meta.js';

/** "a=1,b=2" with keys sorted; "<none>" when there are none. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const s = Object.keys(labels ?? {})
    .sort()
    .map((k) => `${k}=${labels?.[k] ?? ''}`)
    .join(',');
  return s === '' ? '<none>' : s;
}

/**
 * A LabelSelector in selector syntax, requirements sorted by key: "app=web,tier in (a,b),!canary".
 * "" for a missing or empty selector, undefined for one that is not valid.
 */
export function labelSelectorString(sel: LabelSelector | null | undefined): string | undefined {
  try {
    return selectorFromLabelSelector(sel).toString();
  } catch (err) {
    if (err instanceof SelectorError) return undefined;
    throw err;
  }
}

/** metav1.FormatLabelSelector: "<none>" when empty, "<error>" when not valid. */
export function formatLabelSelector(sel: LabelSelector | null | undefined): string {
  const s = labelSelectorString(sel);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}
