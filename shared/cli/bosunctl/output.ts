// -o yaml|json|name|jsonpath=… for objects, as kubectl prints them: one object alone, several
// wrapped in a v1 List; YAML with sorted keys and unindented sequences like go-yaml's.
import { stringify } from 'yaml';
import type { ApiObject } from '../../api/meta.js';
import { CliError } from './errors.js';
import { jsonpath, jsonpathValues, JsonPathError } from './jsonpath.js';
import { alignGet } from './table.js';
import { kindPrefix, type ApiResource } from './discovery.js';

export type OutputFormat =
  | { readonly t: 'table'; readonly wide: boolean }
  | { readonly t: 'yaml' | 'json' | 'name' }
  | { readonly t: 'jsonpath'; readonly template: string }
  | { readonly t: 'custom-columns'; readonly columns: readonly { readonly header: string; readonly path: string }[] };

export function parseOutput(o: string): OutputFormat {
  if (o === '') return { t: 'table', wide: false };
  if (o === 'wide') return { t: 'table', wide: true };
  if (o === 'yaml' || o === 'json' || o === 'name') return { t: o };
  const m = /^jsonpath(?:-as-json)?=(.*)$/s.exec(o);
  if (m !== null) return { t: 'jsonpath', template: m[1]! };
  const cc = /^custom-columns=(.*)$/s.exec(o);
  if (cc !== null) {
    const columns = cc[1]!.split(',').map((spec) => {
      const colon = spec.indexOf(':');
      if (colon <= 0) throw new CliError(`unexpected custom-columns spec: ${spec}, expected <header>:<json-path-expr>`);
      const raw = spec.slice(colon + 1);
      // kubectl's relaxed form: ".a.b", "a.b" and "{.a.b}" all mean {.a.b}.
      const inner = raw.replace(/^\{(.*)\}$/, '$1');
      return { header: spec.slice(0, colon), path: `{${inner.startsWith('.') || inner.startsWith('[') ? inner : `.${inner}`}}` };
    });
    return { t: 'custom-columns', columns };
  }
  throw new CliError(`unable to match a printer suitable for the output format "${o}", allowed formats are: custom-columns,json,jsonpath,name,wide,yaml`);
}

export function toYaml(v: unknown): string {
  return stringify(v, { version: '1.1', indentSeq: false, sortMapEntries: true, lineWidth: 0, aliasDuplicateObjects: false });
}

/** Keys sorted at every level, as kubectl's JSON printer (through a Go map) writes them. */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
  }
  return v;
}

export const toJson = (v: unknown): string => `${JSON.stringify(sorted(v), null, 4)}\n`;

export interface Named { readonly resource: Pick<ApiResource, 'group' | 'kind'>; readonly object: ApiObject }

/** Prints objects in a non-table format; `single` prints the lone object unwrapped. */
export function formatObjects(format: OutputFormat, objs: readonly Named[], single: boolean, noHeaders = false): string {
  const data: unknown = single && objs.length === 1 ? objs[0]!.object
    : { apiVersion: 'v1', items: objs.map((o) => o.object), kind: 'List', metadata: { resourceVersion: '' } };
  switch (format.t) {
    case 'yaml': return toYaml(data);
    case 'json': return toJson(data);
    case 'name': return objs.map((o) => `${kindPrefix(o.resource)}/${o.object.metadata.name ?? ''}\n`).join('');
    case 'jsonpath':
      try { return jsonpath(format.template, data); } catch (err) {
        if (err instanceof JsonPathError) throw new CliError(`error parsing jsonpath ${format.template}, ${err.message}`);
        throw err;
      }
    case 'custom-columns': {
      const lines = noHeaders ? [] : [format.columns.map((c) => c.header).join('\t')];
      for (const o of objs) {
        lines.push(format.columns.map((c) => {
          const v = jsonpathValues(c.path, o.object);
          return v.length === 0 ? '<none>' : v.join(',');
        }).join('\t'));
      }
      return alignGet(lines);
    }
    case 'table': throw new Error('tables are printed from the server\'s Table');
  }
}
