// Field selectors (k8s.io/apimachinery/pkg/fields): "metadata.name=web,status.phase!=Running".
// Terms split on unescaped commas; a value may escape '\', ',' and '=' with a backslash and
// may be empty. Nothing is trimmed: Kubernetes reads "a = b" as field "a " and value " b".
import { SelectorError } from '../selector-error.js';

export { SelectorError } from '../selector-error.js';

export interface FieldRequirement {
  readonly field: string;
  /** `==` is read as `=`. */
  readonly operator: '=' | '!=';
  readonly value: string;
}

export interface FieldSelector {
  readonly requirements: readonly FieldRequirement[];
  /** A field missing from `fields` counts as the empty string. */
  matches(fields: Readonly<Record<string, string>>): boolean;
  isEmpty(): boolean;
  /** The value when the selector requires field=value. */
  exactMatch(field: string): string | undefined;
  fieldNames(): string[];
  toString(): string;
}

/** Terms between unescaped commas, each kept as written (escapes included). */
function splitTerms(s: string): string[] {
  if (s === '') return [];
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
    else if (c === ',') { terms.push(s.slice(start, i)); start = i + 1; }
  }
  terms.push(s.slice(start));
  return terms;
}

/** Splits at the first operator; the field part has no escapes, so the first match wins. */
function splitTerm(term: string): { field: string; operator: '=' | '!='; raw: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) {
        return { field: term.slice(0, i), operator: op === '!=' ? '!=' : '=', raw: term.slice(i + op.length) };
      }
    }
  }
  return undefined;
}

function unescapeValue(raw: string): string {
  let out = '';
  let escaped = false;
  for (const c of raw) {
    if (escaped) {
      if (c !== '\\' && c !== ',' && c !== '=') {
        throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      }
      out += c;
      escaped = false;
    } else if (c === '\\') {
      escaped = true;
    } else if (c === ',' || c === '=') {
      // Kubernetes prints the character's code point here ("61" for '=').
      throw new SelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else {
      out += c;
    }
  }
  if (escaped) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Prefixes '\', ',' and '=' with a backslash (fields.EscapeValue). */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

class Requirements implements FieldSelector {
  constructor(readonly requirements: readonly FieldRequirement[]) {}

  matches(fields: Readonly<Record<string, string>>): boolean {
    return this.requirements.every((r) => {
      const actual = Object.hasOwn(fields, r.field) ? fields[r.field] ?? '' : '';
      return r.operator === '=' ? actual === r.value : actual !== r.value;
    });
  }

  isEmpty(): boolean {
    return this.requirements.length === 0;
  }

  exactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator === '=')?.value;
  }

  fieldNames(): string[] {
    return [...new Set(this.requirements.map((r) => r.field))];
  }

  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeFieldValue(r.value)}`).join(',');
  }
}

/** Parses a field selector; throws SelectorError with Kubernetes' message. Terms sort as text. */
export function parseFieldSelector(s: string): FieldSelector {
  const requirements: FieldRequirement[] = [];
  for (const term of splitTerms(s).sort()) {
    if (term === '') continue;
    const parts = splitTerm(term);
    if (parts === undefined) throw new SelectorError(`invalid selector: '${s}'; can't understand '${term}'`);
    const value = unescapeValue(parts.raw);
    if (parts.field === '' && value === '') continue;       // "=" alone selects everything
    requirements.push({ field: parts.field, operator: parts.operator, value });
  }
  return new Requirements(requirements);
}
