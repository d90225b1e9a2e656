// Scheduling constraints (pkg/apis/core/validation: validateAffinity, ValidateNodeSelector,
// ValidateTolerations, validateTaintEffect, validateTopologySpreadConstraints).
import type { LabelSelector } from '../../../meta.js';
import { type FieldError, duplicate, forbidden, invalid, notSupported, required } from '../../../validation/field-error.js';
import { isDNS1123Label, isDNS1123Subdomain, isValidLabelValue, validateLabelSelector } from '../../../validation/names.js';
import type {
  Affinity, NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, PodAffinityTerm,
  PreferredSchedulingTerm, Toleration, TopologySpreadConstraint, WeightedPodAffinityTerm,
} from '../affinity.js';
import { isSet, listOf, qualifiedName, recordOf, stringsOf, textOf } from './values.js';

export const taintEffects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** validateTaintEffect; an empty effect is allowed for tolerations only. */
export function validateTaintEffect(effect: unknown, allowEmpty: boolean, path: string): FieldError[] {
  const e = textOf(effect);
  if (!allowEmpty && e === '') return [required(path)];
  return taintEffects.includes(e) ? [] : [notSupported(path, effect ?? '', taintEffects)];
}

function validateNodeSelectorRequirement(rq: NodeSelectorRequirement, checkValues: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const values = stringsOf(rq.values);
  switch (rq.operator) {
    case 'In': case 'NotIn':
      if (values.length === 0) errs.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists': case 'DoesNotExist':
      if (values.length > 0) {
        errs.push(forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      }
      break;
    case 'Gt': case 'Lt':
      if (values.length !== 1) errs.push(required(`${path}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(`${path}.operator`, rq.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...qualifiedName(textOf(rq.key), `${path}.key`));
  if (checkValues) {
    values.forEach((v, i) => errs.push(...isValidLabelValue(v).map((m) => invalid(`${path}.values[${i}]`, v, m))));
  }
  return errs;
}

/** A node field selector: only metadata.name, In or NotIn one node name. */
function validateNodeFieldRequirement(rq: NodeSelectorRequirement, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const values = stringsOf(rq.values);
  if (rq.operator === 'In' || rq.operator === 'NotIn') {
    if (values.length !== 1) {
      errs.push(required(`${path}.values`, "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    }
  } else {
    errs.push(invalid(`${path}.operator`, rq.operator ?? '', 'not a valid selector operator'));
  }
  if (rq.key !== 'metadata.name') errs.push(invalid(`${path}.key`, rq.key ?? '', 'not a valid field selector key'));
  else values.forEach((v, i) => errs.push(...isDNS1123Subdomain(v).map((m) => invalid(`${path}.values[${i}]`, v, m))));
  return errs;
}

function validateNodeSelectorTerm(term: NodeSelectorTerm, checkValues: boolean, path: string): FieldError[] {
  return [
    ...listOf<NodeSelectorRequirement>(term.matchExpressions)
      .flatMap((rq, j) => validateNodeSelectorRequirement(rq, checkValues, `${path}.matchExpressions[${j}]`)),
    ...listOf<NodeSelectorRequirement>(term.matchFields)
      .flatMap((rq, j) => validateNodeFieldRequirement(rq, `${path}.matchFields[${j}]`)),
  ];
}

/** ValidateNodeSelector: at least one term. Also used for a PersistentVolume's node affinity. */
export function validateNodeSelector(selector: NodeSelector, path: string): FieldError[] {
  const terms = listOf<NodeSelectorTerm>(selector.nodeSelectorTerms);
  if (terms.length === 0) return [required(`${path}.nodeSelectorTerms`, 'must have at least one node selector term')];
  return terms.flatMap((t, i) => validateNodeSelectorTerm(t, true, `${path}.nodeSelectorTerms[${i}]`));
}

const weight = (w: unknown, path: string): FieldError[] =>
  typeof w === 'number' && w >= 1 && w <= 100 ? [] : [invalid(path, w ?? 0, 'must be in the range 1-100')];

function validateNodeAffinity(na: NodeAffinity, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const requiredTerms = recordOf<NodeSelector>(na.requiredDuringSchedulingIgnoredDuringExecution);
  if (requiredTerms !== undefined) {
    errs.push(...validateNodeSelector(requiredTerms, `${path}.requiredDuringSchedulingIgnoredDuringExecution`));
  }
  listOf<PreferredSchedulingTerm>(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((term, i) => {
    const at = `${path}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    errs.push(...weight(term.weight, `${at}.weight`));
    errs.push(...validateNodeSelectorTerm(recordOf<NodeSelectorTerm>(term.preference) ?? {}, false, `${at}.preference`));
  });
  return errs;
}

function validateLabelKeys(keys: unknown, selector: LabelSelector | undefined, path: string): FieldError[] {
  const list = stringsOf(keys);
  if (list.length === 0) return [];
  if (selector === undefined) return [forbidden(path, 'must not be specified when labelSelector is not set')];
  return list.flatMap((k, i) => qualifiedName(k, `${path}[${i}]`));
}

function validatePodAffinityTerm(term: PodAffinityTerm, path: string): FieldError[] {
  const selector = recordOf<LabelSelector>(term.labelSelector);
  const errs = [
    ...validateLabelSelector(selector, `${path}.labelSelector`),
    ...validateLabelSelector(recordOf<LabelSelector>(term.namespaceSelector), `${path}.namespaceSelector`),
  ];
  for (const ns of stringsOf(term.namespaces)) {
    errs.push(...isDNS1123Label(ns).map((m) => invalid(`${path}.namespace`, ns, m)));
  }
  errs.push(...validateLabelKeys(term.matchLabelKeys, selector, `${path}.matchLabelKeys`));
  errs.push(...validateLabelKeys(term.mismatchLabelKeys, selector, `${path}.mismatchLabelKeys`));
  const topologyKey = textOf(term.topologyKey);
  if (topologyKey === '') errs.push(required(`${path}.topologyKey`, 'can not be empty'));
  errs.push(...qualifiedName(topologyKey, `${path}.topologyKey`));
  return errs;
}

function validatePodAffinity(pa: Record<string, unknown>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const req = 'requiredDuringSchedulingIgnoredDuringExecution';
  const pref = 'preferredDuringSchedulingIgnoredDuringExecution';
  listOf<PodAffinityTerm>(pa[req]).forEach((t, i) => errs.push(...validatePodAffinityTerm(t, `${path}.${req}[${i}]`)));
  listOf<WeightedPodAffinityTerm>(pa[pref]).forEach((t, i) => {
    const at = `${path}.${pref}[${i}]`;
    errs.push(...weight(t.weight, `${at}.weight`));
    errs.push(...validatePodAffinityTerm(recordOf<PodAffinityTerm>(t.podAffinityTerm) ?? ({} as PodAffinityTerm), `${at}.podAffinityTerm`));
  });
  return errs;
}

export function validateAffinity(affinity: Affinity | undefined, path: string): FieldError[] {
  if (affinity === undefined) return [];
  const errs: FieldError[] = [];
  const na = recordOf<NodeAffinity>(affinity.nodeAffinity);
  if (na !== undefined) errs.push(...validateNodeAffinity(na, `${path}.nodeAffinity`));
  for (const key of ['podAffinity', 'podAntiAffinity'] as const) {
    const pa = recordOf<Record<string, unknown>>(affinity[key]);
    if (pa !== undefined) errs.push(...validatePodAffinity(pa, `${path}.${key}`));
  }
  return errs;
}

export function validateToleration(t: Toleration, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const key = textOf(t.key);
  const operator = textOf(t.operator);
  const value = textOf(t.value);
  if (key !== '') errs.push(...qualifiedName(key, `${path}.key`));
  if (key === '' && operator !== 'Exists') {
    errs.push(invalid(`${path}.operator`, operator,
      'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
  }
  if (isSet(t.tolerationSeconds) && t.effect !== 'NoExecute') {
    errs.push(invalid(`${path}.effect`, textOf(t.effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"));
  }
  if (operator === 'Equal' || operator === '') {
    const bad = isValidLabelValue(value);
    if (bad.length > 0) errs.push(invalid(`${path}.operator`, value, bad.join(';')));
  } else if (operator === 'Exists') {
    if (value !== '') errs.push(invalid(`${path}.operator`, value, "value must be empty when `operator` is 'Exists'"));
  } else {
    errs.push(notSupported(`${path}.operator`, operator, ['Equal', 'Exists']));
  }
  if (textOf(t.effect) !== '') errs.push(...validateTaintEffect(t.effect, true, `${path}.effect`));
  return errs;
}

export const validateTolerations = (list: unknown, path: string): FieldError[] =>
  listOf<Toleration>(list).flatMap((t, i) => validateToleration(t, `${path}[${i}]`));

export function validateTopologySpreadConstraints(list: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const constraints = listOf<TopologySpreadConstraint>(list);
  constraints.forEach((c, i) => {
    const at = `${path}[${i}]`;
    if (typeof c.maxSkew !== 'number' || c.maxSkew <= 0) errs.push(invalid(`${at}.maxSkew`, c.maxSkew ?? 0, 'must be greater than zero'));
    if (textOf(c.topologyKey) === '') errs.push(required(`${at}.topologyKey`, 'can not be empty'));
    const when = textOf(c.whenUnsatisfiable);
    if (when !== 'DoNotSchedule' && when !== 'ScheduleAnyway') {
      errs.push(notSupported(`${at}.whenUnsatisfiable`, when, ['DoNotSchedule', 'ScheduleAnyway']));
    }
    const repeat = constraints.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable);
    if (repeat) errs.push(duplicate(`${at}.{topologyKey, whenUnsatisfiable}`, `{${textOf(c.topologyKey)}, ${when}}`));
    if (isSet(c.minDomains)) {
      if (typeof c.minDomains !== 'number' || c.minDomains <= 0) errs.push(invalid(`${at}.minDomains`, c.minDomains, 'must be greater than zero'));
      if (when !== 'DoNotSchedule') {
        errs.push(invalid(`${at}.minDomains`, c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${when}`));
      }
    }
    for (const policy of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
      if (isSet(c[policy]) && c[policy] !== 'Honor' && c[policy] !== 'Ignore') {
        errs.push(notSupported(`${at}.${policy}`, c[policy], ['Honor', 'Ignore']));
      }
    }
    errs.push(...validateLabelSelector(recordOf<LabelSelector>(c.labelSelector), `${at}.labelSelector`));
  });
  return errs;
}
