// Manifests from -f: files, folders (their .yaml/.yml/.json files; subfolders with -R) and `-`
// (stdin); every YAML document of a file is one object (a `kind: List` gives its items).
// A broken document is reported with its file, document number and line.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { isRecord, type ApiObject } from '../../api/meta.js';
import { CliError } from './errors.js';

export interface Manifest {
  readonly object: ApiObject;
  /** The file it came from ("STDIN" for -) and its 1-based document number. */
  readonly source: string;
  readonly document: number;
}

const manifestFile = /\.(ya?ml|json)$/i;

/** The files a list of -f values names, in kubectl's order. */
export function expandSources(sources: readonly string[], recursive: boolean): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) { if (recursive) walk(p); continue; }
      if (manifestFile.test(name)) out.push(p);
    }
  };
  for (const s of sources) {
    if (s === '-') { out.push('-'); continue; }
    if (/^https?:\/\//.test(s)) throw new CliError(`reading manifests from a URL is not supported: ${s}`);
    let st;
    try { st = statSync(s); } catch { throw new CliError(`the path "${s}" does not exist`); }
    if (st.isDirectory()) walk(s); else out.push(s);
  }
  return out;
}

/** Every object of every source, in order. */
export function loadManifests(sources: readonly string[], recursive: boolean, stdin: () => string): Manifest[] {
  const out: Manifest[] = [];
  for (const file of expandSources(sources, recursive)) {
    const text = file === '-' ? stdin() : readFileSync(file, 'utf8');
    out.push(...parseManifests(text, file === '-' ? 'STDIN' : file));
  }
  if (out.length === 0) throw new CliError('no objects passed to apply');
  return out;
}

/** The objects of one file's text. */
export function parseManifests(text: string, source: string): Manifest[] {
  const out: Manifest[] = [];
  const docs = parseAllDocuments(text, { prettyErrors: true, uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, i) => {
    const document = i + 1;
    const err = doc.errors[0];
    if (err !== undefined) {
      const line = err.linePos?.[0]?.line;
      const first = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new CliError(`error parsing ${source}: document ${document}${line !== undefined ? `, line ${line}` : ''}: ${first}`);
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return;
    const lineOf = (): number => (doc.contents?.range?.[0] !== undefined ? lineAt(text, doc.contents.range[0]) : 1);
    if (!isRecord(value)) throw new CliError(`error parsing ${source}: document ${document}, line ${lineOf()}: the document is not a mapping (an object needs apiVersion, kind and metadata)`);
    const objects = value['kind'] === 'List' && Array.isArray(value['items']) ? value['items'] : [value];
    for (const o of objects) {
      const missing = !isRecord(o) ? ['apiVersion', 'kind'] : ['apiVersion', 'kind'].filter((k) => typeof o[k] !== 'string' || o[k] === '');
      if (missing.length > 0) {
        throw new CliError(`error validating ${source}: document ${document}, line ${lineOf()}: ${missing.map((k) => `${k} not set`).join(', ')}`);
      }
      const obj = o as Record<string, unknown>;
      if (!isRecord(obj['metadata'])) obj['metadata'] = {};
      out.push({ object: obj as ApiObject, source, document });
    }
  });
  return out;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}
