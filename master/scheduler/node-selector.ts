// Node selector terms (k8s.io/component-helpers/scheduling/corev1/nodeaffinity): terms are
// ORed, a term's requirements ANDed; matchFields knows metadata.name only; a term with no
// requirements matches nothing.
import type { NodeSelectorRequirement, NodeSelectorTerm } from '../../shared/api/core/v1/affinity.js';

const int64 = /^[+-]?[0-9]+$/;

export function requirementMatches(r: NodeSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const v = has ? labels[r.key]! : '';
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In': return has && values.includes(v);
    case 'NotIn': return !has || !values.includes(v);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    case 'Gt': case 'Lt': {
      if (!has || values.length !== 1 || !int64.test(v) || !int64.test(values[0]!)) return false;
      const a = BigInt(v);
      const b = BigInt(values[0]!);
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default: return false;
  }
}

export function termMatches(t: NodeSelectorTerm, labels: Readonly<Record<string, string>>, nodeName: string): boolean {
  const exprs = t.matchExpressions ?? [];
  const fields = t.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  for (const r of exprs) if (!requirementMatches(r, labels)) return false;
  for (const r of fields) {
    if (r.key !== 'metadata.name') return false;
    if (!requirementMatches(r, { 'metadata.name': nodeName })) return false;
  }
  return true;
}

export function anyTermMatches(terms: readonly NodeSelectorTerm[], labels: Readonly<Record<string, string>>, nodeName: string): boolean {
  for (const t of terms) if (termMatches(t, labels, nodeName)) return true;
  return false;
}
