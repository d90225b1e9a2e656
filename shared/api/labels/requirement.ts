// One label requirement ("tier in (a,b)"): how it is checked on creation, matched against a
// label set and printed (labels.NewRequirement, Requirement.Matches, Requirement.String).
import { SelectorError } from '../selector-error.js';
import { isQualifiedName, isValidLabelValue } from '../validation/names.js';

/** `=` also stands for `==`; `exists` is a bare key, `!` a negated one; `>`/`<` compare integers. */
export type Operator = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | '>' | '<';

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

const quote = (s: string): string => JSON.stringify(s);
/** Go's %#v of a []string, as Kubernetes prints a bad value list. */
const goStrings = (vs: readonly string[]): string =>
  vs.length === 0 ? '[]string(nil)' : `[]string{${vs.map(quote).join(', ')}}`;
const int64 = /^[+-]?[0-9]+$/;
const inInt64 = (s: string): boolean => {
  if (!int64.test(s)) return false;
  const n = BigInt(s);
  return n >= -(1n << 63n) && n < 1n << 63n;
};

/** The key check the parser makes before reading an operator (labels.validateLabelKey). */
export function keyError(key: string, path: string): string | undefined {
  const errs = isQualifiedName(key);
  return errs.length === 0 ? undefined : `${path}: Invalid value: ${quote(key)}: ${errs.join('; ')}`;
}

function valuesErrors(operator: Operator, values: readonly string[]): string[] {
  switch (operator) {
    case 'in': case 'notin':
      return values.length === 0
        ? [`values: Invalid value: ${goStrings(values)}: for 'in', 'notin' operators, values set can't be empty`] : [];
    case '=': case '!=':
      return values.length !== 1
        ? [`values: Invalid value: ${goStrings(values)}: exact-match compatibility requires one single value`] : [];
    case 'exists': case '!':
      return values.length !== 0
        ? [`values: Invalid value: ${goStrings(values)}: values set must be empty for exists and does not exist`] : [];
    case '>': case '<': {
      const errs = values.length !== 1
        ? [`values: Invalid value: ${goStrings(values)}: for 'Gt', 'Lt' operators, exactly one value is required`] : [];
      values.forEach((v, i) => {
        if (!inInt64(v)) errs.push(`values[${i}]: Invalid value: ${quote(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
      });
      return errs;
    }
  }
}

/** A checked requirement; every complaint is reported at once, in Kubernetes' aggregate form. */
export function newRequirement(key: string, operator: Operator, values: readonly string[]): Requirement {
  const errs: string[] = [];
  const bad = keyError(key, 'key');
  if (bad !== undefined) errs.push(bad);
  errs.push(...valuesErrors(operator, values));
  values.forEach((v, i) => {
    const msgs = isValidLabelValue(v);
    if (msgs.length > 0) errs.push(`values[${i}][${key}]: Invalid value: ${quote(v)}: ${msgs.join('; ')}`);
  });
  const unique = [...new Set(errs)];
  if (unique.length === 1) throw new SelectorError(unique[0]);
  if (unique.length > 1) throw new SelectorError(`[${unique.join(', ')}]`);
  return { key, operator, values: [...values] };
}

export function requirementMatches(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = has ? labels[r.key] ?? '' : '';
  switch (r.operator) {
    case '=': case 'in':
      return has && r.values.includes(value);
    case '!=': case 'notin':
      return !has || !r.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case '>': case '<': {
      const limit = r.values[0];
      if (!has || r.values.length !== 1 || limit === undefined || !inInt64(value) || !inInt64(limit)) return false;
      return r.operator === '>' ? BigInt(value) > BigInt(limit) : BigInt(value) < BigInt(limit);
    }
  }
}

/** "key=value", "key in (a,b)", "!key"; several values print sorted. */
export function requirementString(r: Requirement): string {
  const values = r.values.length === 1 ? r.values[0] ?? '' : [...r.values].sort().join(',');
  switch (r.operator) {
    case 'exists': return r.key;
    case '!': return `!${r.key}`;
    case 'in': return `${r.key} in (${values})`;
    case 'notin': return `${r.key} notin (${values})`;
    case '=': case '!=': case '>': case '<':
      return `${r.key}${r.operator}${values}`;
  }
}
