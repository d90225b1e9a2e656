// Label selectors (k8s.io/apimachinery/pkg/labels and meta/v1 LabelSelector): parsed from
// the string syntax of `?labelSelector=` and `kubectl -l`, or built from a LabelSelector
// object; matched against an object's labels and printed back in Kubernetes' form.
import type { LabelSelector } from '../meta.js';
import { SelectorError } from '../selector-error.js';
import { parseRequirements } from './parse.js';
import { type Operator, type Requirement, newRequirement, requirementMatches, requirementString } from './requirement.js';

export { SelectorError } from '../selector-error.js';
export type { Operator, Requirement } from './requirement.js';

export interface Selector {
  /** Sorted by key, as Kubernetes keeps them. */
  readonly requirements: readonly Requirement[];
  matches(labels: Readonly<Record<string, string>> | undefined): boolean;
  /** True when the selector selects everything. */
  isEmpty(): boolean;
  toString(): string;
}

class RequirementsSelector implements Selector {
  readonly requirements: readonly Requirement[];

  constructor(requirements: readonly Requirement[]) {
    this.requirements = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  matches(labels: Readonly<Record<string, string>> | undefined): boolean {
    const set = labels ?? {};
    return this.requirements.every((r) => requirementMatches(r, set));
  }

  isEmpty(): boolean {
    return this.requirements.length === 0;
  }

  toString(): string {
    return this.requirements.map(requirementString).join(',');
  }
}

/** What a missing (null) LabelSelector means: select no object at all. */
const nothing: Selector = {
  requirements: [],
  matches: () => false,
  isEmpty: () => false,
  toString: () => '',
};

/** Parses "app=web,tier in (a,b),!canary"; throws SelectorError with Kubernetes' message. */
export function parseLabelSelector(s: string): Selector {
  return new RequirementsSelector(parseRequirements(s));
}

const expressionOperators: Readonly<Record<string, Operator>> = {
  In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!',
};

/** meta/v1 LabelSelector → Selector (LabelSelectorAsSelector): null selects nothing, {} everything. */
export function selectorFromLabelSelector(ls: LabelSelector | undefined | null): Selector {
  if (ls === undefined || ls === null) return nothing;
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(ls.matchLabels ?? {})) {
    requirements.push(newRequirement(key, '=', [value]));
  }
  for (const expr of ls.matchExpressions ?? []) {
    const op = Object.hasOwn(expressionOperators, expr.operator) ? expressionOperators[expr.operator] : undefined;
    if (op === undefined) throw new SelectorError(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
    requirements.push(newRequirement(expr.key, op, expr.values ?? []));
  }
  return new RequirementsSelector(requirements);
}

/** Selects objects carrying every label of `set`; no validation, like labels.SelectorFromSet. */
export function selectorFromSet(set: Readonly<Record<string, string>>): Selector {
  return new RequirementsSelector(Object.entries(set).map(([key, value]) => ({ key, operator: '=', values: [value] })));
}

/** The string form Kubernetes prints (Scale status.selector): "app=nginx,tier in (a,b)". */
export function labelSelectorToString(ls: LabelSelector): string {
  return selectorFromLabelSelector(ls).toString();
}
