// kubectl's JSONPath templates (-o jsonpath=…): literal text and {actions}; an action is a path
// (.a.b, ['a.b'], [0], [-1], [1:3], [*], .*, ..name, [?(@.type=="Ready")]), a quoted string
// ({"\n"}), or range … end. Several results of one action print separated by spaces; maps and
// lists print as JSON; missing keys print nothing (kubectl allows missing keys).
import { isRecord } from '../../api/meta.js';

export class JsonPathError extends Error {
  override readonly name = 'JsonPathError';
}

type Step =
  | { readonly t: 'field'; readonly name: string }
  | { readonly t: 'recursive'; readonly name: string }
  | { readonly t: 'wildcard' }
  | { readonly t: 'index'; readonly indexes: readonly number[] }
  | { readonly t: 'keys'; readonly names: readonly string[] }
  | { readonly t: 'slice'; readonly start?: number; readonly end?: number; readonly step?: number }
  | { readonly t: 'filter'; readonly left: Path; readonly op?: string; readonly right?: Path | { readonly literal: unknown } };

interface Path { readonly root: '$' | '@'; readonly steps: readonly Step[] }

type Node =
  | { readonly t: 'text'; readonly text: string }
  | { readonly t: 'path'; readonly path: Path }
  | { readonly t: 'literal'; readonly text: string }
  | { readonly t: 'range'; readonly path: Path; readonly body: readonly Node[] };

export function parseTemplate(tpl: string): readonly Node[] {
  const top: Node[] = [];
  const stack: { path: Path; body: Node[] }[] = [];
  const cur = (): Node[] => stack.at(-1)?.body ?? top;
  let i = 0;
  while (i < tpl.length) {
    const open = tpl.indexOf('{', i);
    if (open === -1) { cur().push({ t: 'text', text: tpl.slice(i) }); break; }
    if (open > i) cur().push({ t: 'text', text: tpl.slice(i, open) });
    const close = findClose(tpl, open);
    const action = tpl.slice(open + 1, close).trim();
    i = close + 1;
    if (action === 'end') {
      const r = stack.pop();
      if (r === undefined) throw new JsonPathError('not in range, nothing to end');
      cur().push({ t: 'range', path: r.path, body: r.body });
    } else if (/^range(?=[\s.[$@])/.test(action)) {
      stack.push({ path: parsePath(action.slice(5).trim()), body: [] });
    } else if (/^"(?:[^"\\]|\\.)*"$/.test(action) || /^'[^']*'$/.test(action)) {
      cur().push({ t: 'literal', text: unquote(action) });
    } else {
      cur().push({ t: 'path', path: parsePath(action) });
    }
  }
  if (stack.length > 0) throw new JsonPathError('unclosed range');
  return top;
}

function findClose(s: string, open: number): number {
  let quote = '';
  for (let j = open + 1; j < s.length; j++) {
    const c = s[j]!;
    if (quote !== '') { if (c === '\\') j++; else if (c === quote) quote = ''; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '}') return j;
  }
  throw new JsonPathError(`unclosed action in ${JSON.stringify(s)}`);
}

function unquote(q: string): string {
  if (q.startsWith("'")) return q.slice(1, -1);
  return q.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c));
}

function parsePath(src: string): Path {
  let i = 0;
  let root: '$' | '@' = '@';
  if (src[0] === '$' || src[0] === '@') { root = src[0]; i = 1; }
  const steps: Step[] = [];
  const ident = (): string => {
    let name = '';
    while (i < src.length && src[i] !== '.' && src[i] !== '[' && src[i] !== ' ') {
      if (src[i] === '\\' && i + 1 < src.length) { name += src[i + 1]; i += 2; continue; }
      name += src[i++];
    }
    return name;
  };
  if (i < src.length && src[i] !== '.' && src[i] !== '[') steps.push({ t: 'field', name: ident() });
  while (i < src.length) {
    const c = src[i]!;
    if (c === '.') {
      if (src[i + 1] === '.') { i += 2; steps.push({ t: 'recursive', name: ident() }); continue; }
      i++;
      if (src[i] === '*') { i++; steps.push({ t: 'wildcard' }); continue; }
      const name = ident();
      if (name !== '') steps.push({ t: 'field', name });
      continue;
    }
    if (c === '[') {
      const end = matchBracket(src, i);
      steps.push(parseBracket(src.slice(i + 1, end).trim()));
      i = end + 1;
      continue;
    }
    throw new JsonPathError(`unrecognized character in action: ${JSON.stringify(src.slice(i))}`);
  }
  return { root, steps };
}

function matchBracket(s: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let j = open; j < s.length; j++) {
    const c = s[j]!;
    if (quote !== '') { if (c === quote) quote = ''; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return j;
  }
  throw new JsonPathError(`unterminated array in ${JSON.stringify(s)}`);
}

function parseBracket(inner: string): Step {
  if (inner === '*') return { t: 'wildcard' };
  if (inner.startsWith('?(') && inner.endsWith(')')) return parseFilter(inner.slice(2, -1).trim());
  if (/^['"]/.test(inner)) return { t: 'keys', names: inner.split(',').map((x) => unquote(x.trim())) };
  if (inner.includes(':')) {
    const [a, b, c] = inner.split(':').map((x) => x.trim());
    const num = (x: string | undefined): number | undefined => (x === undefined || x === '' ? undefined : Number(x));
    return { t: 'slice', start: num(a), end: num(b), step: num(c) };
  }
  const idx = inner.split(',').map((x) => Number(x.trim()));
  if (idx.some((n) => !Number.isInteger(n))) throw new JsonPathError(`invalid array index ${inner}`);
  return { t: 'index', indexes: idx };
}

function parseFilter(expr: string): Step {
  const m = /^(.*?)\s*(==|!=|<=|>=|<|>)\s*(.*)$/.exec(expr);
  if (m === null) return { t: 'filter', left: parsePath(expr) };
  const right = m[3]!.trim();
  let rhs: Path | { literal: unknown };
  if (/^['"]/.test(right)) rhs = { literal: unquote(right) };
  else if (right === 'true' || right === 'false') rhs = { literal: right === 'true' };
  else if (right !== '' && !Number.isNaN(Number(right))) rhs = { literal: Number(right) };
  else rhs = parsePath(right);
  return { t: 'filter', left: parsePath(m[1]!.trim()), op: m[2]!, right: rhs };
}

function evalPath(p: Path, root: unknown, current: unknown): unknown[] {
  let values: unknown[] = [p.root === '$' ? root : current];
  for (const s of p.steps) values = values.flatMap((v) => step(s, v, root));
  return values;
}

function step(s: Step, v: unknown, root: unknown): unknown[] {
  switch (s.t) {
    case 'field':
      return isRecord(v) && s.name in v ? [v[s.name]] : [];
    case 'keys':
      return isRecord(v) ? s.names.filter((n) => n in v).map((n) => v[n]) : [];
    case 'wildcard':
      return Array.isArray(v) ? v : isRecord(v) ? Object.keys(v).sort().map((k) => v[k]) : [];
    case 'recursive': {
      const out: unknown[] = [];
      const walk = (x: unknown): void => {
        if (isRecord(x)) {
          if (s.name === '' || s.name === '*' ) out.push(...Object.values(x));
          else if (s.name in x) out.push(x[s.name]);
          for (const k of Object.keys(x).sort()) walk(x[k]);
        } else if (Array.isArray(x)) x.forEach(walk);
      };
      walk(v);
      return out;
    }
    case 'index':
      if (!Array.isArray(v)) return [];
      return s.indexes.map((n) => {
        const at = n < 0 ? v.length + n : n;
        if (at < 0 || at >= v.length) throw new JsonPathError(`array index out of bounds: index ${n}, length ${v.length}`);
        return v[at];
      });
    case 'slice': {
      if (!Array.isArray(v)) return [];
      const norm = (n: number | undefined, d: number): number => (n === undefined ? d : n < 0 ? Math.max(0, v.length + n) : Math.min(n, v.length));
      const out: unknown[] = [];
      for (let k = norm(s.start, 0); k < norm(s.end, v.length); k += s.step ?? 1) out.push(v[k]);
      return out;
    }
    case 'filter': {
      const items = Array.isArray(v) ? v : isRecord(v) ? Object.values(v) : [];
      return items.filter((item) => {
        const left = evalPath(s.left, root, item);
        if (s.op === undefined) return left.length > 0 && left[0] !== false && left[0] !== null;
        const right = s.right === undefined ? [] : 'literal' in s.right ? [s.right.literal] : evalPath(s.right, root, item);
        if (left.length === 0 || right.length === 0) return false;
        return compare(left[0], s.op, right[0]);
      });
    }
  }
}

function compare(a: unknown, op: string, b: unknown): boolean {
  switch (op) {
    case '==': return a === b || String(a) === String(b) && typeof a === typeof b;
    case '!=': return !(a === b);
    case '<': return (a as number) < (b as number);
    case '>': return (a as number) > (b as number);
    case '<=': return (a as number) <= (b as number);
    case '>=': return (a as number) >= (b as number);
    default: return false;
  }
}

export function valueText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Runs a parsed template over `data`. */
export function execute(nodes: readonly Node[], data: unknown, current: unknown = data): string {
  let out = '';
  for (const n of nodes) {
    switch (n.t) {
      case 'text': out += n.text; break;
      case 'literal': out += n.text; break;
      case 'path': out += evalPath(n.path, data, current).map(valueText).join(' '); break;
      case 'range':
        for (const v of evalPath(n.path, data, current).flatMap((x) => (n.path.steps.length === 0 && Array.isArray(x) ? x : [x]))) {
          out += execute(n.body, data, v);
        }
        break;
    }
  }
  return out;
}

export function jsonpath(tpl: string, data: unknown): string {
  return execute(parseTemplate(tpl), data);
}

/** The values one path action yields, as text (custom-columns joins them with commas). */
export function jsonpathValues(action: string, data: unknown): string[] {
  const nodes = parseTemplate(action);
  const node = nodes[0];
  if (nodes.length !== 1 || node === undefined || node.t !== 'path') throw new JsonPathError(`invalid column path ${action}`);
  return evalPath(node.path, data, data).filter((v) => v !== undefined && v !== null).map(valueText);
}
