// RFC 6902 JSON patch (application/json-patch+json), with RFC 6901 JSON pointers:
// what `kubectl rollout undo` and `kubectl patch --type json` send. The operations
// apply in order to a copy of the target; the first one that fails throws and
// nothing is applied.

import { PatchError } from './patch-error.js';
import { cloneJson, describeJson, getField, isRecord, jsonEqual, setField } from './json-value.js';

export { PatchError };

type Container = Record<string, unknown> | unknown[];

/** Applies the operations in `ops` to a copy of `target` and returns the result. */
export function applyJsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) {
    throw new PatchError('a JSON patch must be a JSON array of operations');
  }
  let doc = cloneJson(target);
  ops.forEach((op: unknown, index) => {
    doc = applyOperation(doc, op, index);
  });
  return doc;
}

function applyOperation(doc: unknown, raw: unknown, index: number): unknown {
  if (!isRecord(raw)) {
    throw new PatchError(`the JSON patch operation ${index}: must be a JSON object, not ${describeJson(raw)}`);
  }
  const op = getField(raw, 'op');
  const path = getField(raw, 'path');
  if (typeof op !== 'string') {
    throw new PatchError(`the JSON patch operation ${index}: "op" must be a string`);
  }
  if (typeof path !== 'string') {
    throw new PatchError(`the JSON patch operation ${index} ("${op}"): "path" must be a string`);
  }
  const fail = (reason: string): PatchError =>
    new PatchError(`the JSON patch operation ${index} ("${op}" ${path}): ${reason}`);
  const at = parsePointer(path, fail);
  const value = (): unknown => {
    if (!Object.hasOwn(raw, 'value')) throw fail('"value" is required');
    return cloneJson(raw['value']);
  };
  const from = (): string[] => {
    const f = getField(raw, 'from');
    if (typeof f !== 'string') throw fail('"from" must be a string');
    return parsePointer(f, fail);
  };

  switch (op) {
    case 'add':
      return add(doc, at, value(), fail);
    case 'remove':
      remove(doc, at, fail);
      return doc;
    case 'replace': {
      const v = value();
      if (at.length === 0) return v;
      remove(doc, at, fail);
      return add(doc, at, v, fail);
    }
    case 'move': {
      const src = from();
      if (isProperPrefix(src, at)) throw fail('cannot move a value into one of its own children');
      const moved = remove(doc, src, fail);
      return add(doc, at, moved, fail);
    }
    case 'copy':
      return add(doc, at, cloneJson(lookup(doc, from(), fail)), fail);
    case 'test': {
      const want = value();
      const got = lookup(doc, at, fail);
      if (!jsonEqual(got, want)) {
        throw fail(`test failed: the value is ${describeJson(got)}, not ${describeJson(want)}`);
      }
      return doc;
    }
    default:
      throw fail('unknown operation; supported are add, remove, replace, move, copy and test');
  }
}

/** Splits an RFC 6901 pointer into unescaped reference tokens ("" is the whole document). */
function parsePointer(pointer: string, fail: (reason: string) => PatchError): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw fail(`the JSON pointer ${JSON.stringify(pointer)} must start with "/"`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => {
      if (/~[^01]|~$/.test(token)) {
        throw fail(`the JSON pointer ${JSON.stringify(pointer)} has an invalid escape (only ~0 and ~1 are allowed)`);
      }
      return token.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

function isProperPrefix(prefix: string[], path: string[]): boolean {
  return prefix.length < path.length && prefix.every((t, i) => t === path[i]);
}

function pointerText(tokens: string[]): string {
  return tokens.map((t) => '/' + t.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** The value the tokens point at; throws when any step is missing. */
function lookup(doc: unknown, tokens: string[], fail: (reason: string) => PatchError): unknown {
  let node = doc;
  tokens.forEach((token, i) => {
    const next = child(node, token);
    if (next === undefined) throw fail(`path not found: ${pointerText(tokens.slice(0, i + 1))} does not exist`);
    node = next.value;
  });
  return node;
}

function child(node: unknown, token: string): { value: unknown } | undefined {
  if (Array.isArray(node)) {
    const i = arrayIndex(token);
    return i !== undefined && i < node.length ? { value: node[i] } : undefined;
  }
  if (isRecord(node) && Object.hasOwn(node, token)) return { value: node[token] };
  return undefined;
}

function arrayIndex(token: string): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined;
}

/** The container holding the last token, which must be an object or an array. */
function parentOf(doc: unknown, tokens: string[], fail: (reason: string) => PatchError): Container {
  const parent = lookup(doc, tokens.slice(0, -1), fail);
  if (Array.isArray(parent) || isRecord(parent)) return parent;
  throw fail(`path not found: ${pointerText(tokens.slice(0, -1)) || 'the document'} is not an object or an array`);
}

function add(doc: unknown, tokens: string[], value: unknown, fail: (reason: string) => PatchError): unknown {
  const last = tokens[tokens.length - 1];
  if (last === undefined) return value;
  const parent = parentOf(doc, tokens, fail);
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : arrayIndex(last);
    if (i === undefined) throw fail(`${JSON.stringify(last)} is not an array index`);
    if (i > parent.length) throw fail(`index ${i} is out of range: the array has ${parent.length} items`);
    parent.splice(i, 0, value);
  } else {
    setField(parent, last, value);
  }
  return doc;
}

/** Removes the value the tokens point at and returns it. */
function remove(doc: unknown, tokens: string[], fail: (reason: string) => PatchError): unknown {
  const last = tokens[tokens.length - 1];
  if (last === undefined) throw fail('cannot remove the whole document');
  const parent = parentOf(doc, tokens, fail);
  const found = child(parent, last);
  if (found === undefined) throw fail(`path not found: ${pointerText(tokens)} does not exist`);
  if (Array.isArray(parent)) {
    parent.splice(Number(last), 1);
  } else {
    delete parent[last];
  }
  return found.value;
}
