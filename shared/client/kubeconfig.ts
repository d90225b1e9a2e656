// kubeconfig files as kubectl reads them: clusters, users, contexts, current-context; a
// KUBECONFIG list of files merged (the first file to name an entry wins); --context,
// --cluster, --user, --namespace and --server overrides. Components use loadKubeconfig
// (`--kubeconfig F`); bosunctl uses KubeconfigSet for everything, including `config`.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { isRecord } from '../api/meta.js';

export interface KubeconfigTarget {
  readonly server: string;
  readonly namespace: string;
  readonly context: string;
  readonly token?: string;
  /** PEM bytes, from the *-data fields or the files they name. */
  readonly caData?: Buffer;
  readonly certData?: Buffer;
  readonly keyData?: Buffer;
  readonly insecureSkipTlsVerify?: boolean;
  readonly username?: string;
  readonly password?: string;
}

export class KubeconfigError extends Error {
  override readonly name = 'KubeconfigError';
}

type Entry = Record<string, unknown>;

function named(list: unknown, what: string, file: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  if (list === undefined || list === null) return out;
  if (!Array.isArray(list)) throw new KubeconfigError(`${file}: ${what} must be a list`);
  list.forEach((e, i) => {
    if (!isRecord(e) || typeof e['name'] !== 'string') throw new KubeconfigError(`${file}: ${what}[${i}] needs a name`);
    out.set(e['name'], e);
  });
  return out;
}

/** The API server, namespace and credentials of `context` (default: current-context). */
export function loadKubeconfig(file: string, context?: string): KubeconfigTarget {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new KubeconfigError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isRecord(doc)) throw new KubeconfigError(`${file}: not a kubeconfig (no mapping at the top)`);
  const contexts = named(doc['contexts'], 'contexts', file);
  const clusters = named(doc['clusters'], 'clusters', file);
  const users = named(doc['users'], 'users', file);
  const name = context ?? (typeof doc['current-context'] === 'string' ? doc['current-context'] : '');
  if (name === '') throw new KubeconfigError(`${file}: no current-context set and no context given`);
  const ctx = contexts.get(name)?.['context'];
  if (!isRecord(ctx)) throw new KubeconfigError(`${file}: context ${JSON.stringify(name)} not found`);
  const clusterName = typeof ctx['cluster'] === 'string' ? ctx['cluster'] : '';
  const cluster = clusters.get(clusterName)?.['cluster'];
  if (!isRecord(cluster) || typeof cluster['server'] !== 'string') {
    throw new KubeconfigError(`${file}: cluster ${JSON.stringify(clusterName)} of context ${JSON.stringify(name)} has no server`);
  }
  const user = typeof ctx['user'] === 'string' ? users.get(ctx['user'])?.['user'] : undefined;
  const token = isRecord(user) && typeof user['token'] === 'string' ? user['token'] : undefined;
  return {
    server: cluster['server'], context: name,
    namespace: typeof ctx['namespace'] === 'string' && ctx['namespace'] !== '' ? ctx['namespace'] : 'default',
    ...(token !== undefined ? { token } : {}),
  };
}

/** The files kubectl would read: --kubeconfig, else $KUBECONFIG (a colon list), else ~/.kube/config. */
export function kubeconfigPaths(flag: string, env: NodeJS.ProcessEnv, home: string): string[] {
  if (flag !== '') return [flag];
  const list = (env['KUBECONFIG'] ?? '').split(':').filter((p) => p !== '');
  if (list.length > 0) return [...new Set(list)];
  return [join(home, '.kube', 'config')];
}

export interface Overrides {
  readonly context?: string;
  readonly cluster?: string;
  readonly user?: string;
  readonly namespace?: string;
  readonly server?: string;
  readonly token?: string;
  readonly insecureSkipTlsVerify?: boolean;
}

interface LoadedFile { readonly path: string; readonly doc: Entry }

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Several kubeconfig files merged as kubectl merges them. */
export class KubeconfigSet {
  private constructor(
    private readonly files: readonly LoadedFile[],
    /** --kubeconfig names exactly one file, which must exist. */
    private readonly explicit: boolean,
  ) {}

  /** Missing files in a KUBECONFIG list are skipped; a missing --kubeconfig file is an error. */
  static load(paths: readonly string[], explicit: boolean): KubeconfigSet {
    const files: LoadedFile[] = [];
    for (const path of paths) {
      if (!existsSync(path)) {
        if (explicit) throw new KubeconfigError(`stat ${path}: no such file or directory`);
        files.push({ path, doc: {} });
        continue;
      }
      let doc: unknown;
      try {
        doc = parse(readFileSync(path, 'utf8'));
      } catch (err) {
        throw new KubeconfigError(`error loading config file "${path}": ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      }
      if (doc === null || doc === undefined) doc = {};
      if (!isRecord(doc)) throw new KubeconfigError(`error loading config file "${path}": not a kubeconfig (no mapping at the top)`);
      for (const k of ['clusters', 'users', 'contexts']) named(doc[k], k, path);
      files.push({ path, doc });
    }
    return new KubeconfigSet(files, explicit);
  }

  private entries(kind: 'clusters' | 'users' | 'contexts'): Map<string, { entry: Entry; file: LoadedFile }> {
    const out = new Map<string, { entry: Entry; file: LoadedFile }>();
    for (const f of this.files) {
      for (const [name, e] of named(f.doc[kind], kind, f.path)) if (!out.has(name)) out.set(name, { entry: e, file: f });
    }
    return out;
  }

  get currentContext(): string {
    for (const f of this.files) { const c = str(f.doc['current-context']); if (c !== undefined) return c; }
    return '';
  }

  contextNames(): string[] {
    return [...this.entries('contexts').keys()];
  }

  contextOf(name: string): { cluster?: string; user?: string; namespace?: string } | undefined {
    const ctx = this.entries('contexts').get(name)?.entry['context'];
    if (!isRecord(ctx)) return undefined;
    return { cluster: str(ctx['cluster']), user: str(ctx['user']), namespace: str(ctx['namespace']) };
  }

  /** Where the API server is and how to authenticate, after the overrides. */
  resolve(o: Overrides): KubeconfigTarget {
    const contextName = o.context !== undefined && o.context !== '' ? o.context : this.currentContext;
    let ctx = contextName !== '' ? this.contextOf(contextName) : undefined;
    if (contextName !== '' && ctx === undefined) {
      if (o.context !== undefined && o.context !== '') throw new KubeconfigError(`context was not found for specified context: ${contextName}`);
      if (o.server === undefined || o.server === '') throw new KubeconfigError(`context was not found for specified context: ${contextName}`);
      ctx = {};
    }
    ctx ??= {};
    const clusterName = o.cluster !== undefined && o.cluster !== '' ? o.cluster : ctx.cluster;
    const userName = o.user !== undefined && o.user !== '' ? o.user : ctx.user;
    const clusterEntry = clusterName !== undefined ? this.entries('clusters').get(clusterName) : undefined;
    if (clusterName !== undefined && clusterEntry === undefined && (o.server === undefined || o.server === '')) {
      throw new KubeconfigError(`cluster has no server defined`);
    }
    const cluster = isRecord(clusterEntry?.entry['cluster']) ? clusterEntry.entry['cluster'] : {};
    const userEntry = userName !== undefined ? this.entries('users').get(userName) : undefined;
    const user = isRecord(userEntry?.entry['user']) ? userEntry.entry['user'] : {};
    const server = str(o.server) ?? str(cluster['server']) ?? 'http://localhost:8080';
    const base = (file: LoadedFile | undefined): string => (file !== undefined ? dirname(file.path) : '.');
    const pem = (data: unknown, path: unknown, file: LoadedFile | undefined): Buffer | undefined => {
      if (typeof data === 'string' && data !== '') return Buffer.from(data, 'base64');
      if (typeof path === 'string' && path !== '') {
        const p = path.startsWith('/') ? path : join(base(file), path);
        try { return readFileSync(p); } catch (err) {
          throw new KubeconfigError(`unable to read ${p}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      return undefined;
    };
    const token = str(o.token) ?? str(user['token']);
    const caData = pem(cluster['certificate-authority-data'], cluster['certificate-authority'], clusterEntry?.file);
    const certData = pem(user['client-certificate-data'], user['client-certificate'], userEntry?.file);
    const keyData = pem(user['client-key-data'], user['client-key'], userEntry?.file);
    const insecure = o.insecureSkipTlsVerify === true || cluster['insecure-skip-tls-verify'] === true;
    return {
      server, context: contextName, namespace: str(o.namespace) ?? ctx.namespace ?? 'default',
      ...(token !== undefined ? { token } : {}),
      ...(caData !== undefined ? { caData } : {}),
      ...(certData !== undefined ? { certData } : {}),
      ...(keyData !== undefined ? { keyData } : {}),
      ...(insecure ? { insecureSkipTlsVerify: true } : {}),
      ...(str(user['username']) !== undefined ? { username: str(user['username']) } : {}),
      ...(str(user['password']) !== undefined ? { password: str(user['password']) } : {}),
    };
  }

  /** The merged config as `kubectl config view` prints it (secrets redacted unless raw). */
  view(opts: { raw: boolean; minify: boolean }): Entry {
    const redact = (e: Entry): Entry => {
      if (opts.raw) return e;
      const out: Entry = {};
      for (const [k, v] of Object.entries(e)) {
        out[k] = k.endsWith('-data') ? 'DATA+OMITTED' : (k === 'token' || k === 'password') ? 'REDACTED' : v;
      }
      return out;
    };
    const list = (kind: 'clusters' | 'users' | 'contexts', field: string, keep?: string): Entry[] =>
      [...this.entries(kind)].filter(([n]) => keep === undefined || n === keep).sort(([a], [b]) => a.localeCompare(b))
        .map(([name, { entry }]) => ({ [field]: isRecord(entry[field]) ? redact(entry[field]) : {}, name }));
    const current = this.currentContext;
    const ctx = opts.minify ? this.contextOf(current) : undefined;
    const pick = (v: string | undefined): string | undefined => (opts.minify ? v ?? '\u0000none' : undefined);
    return {
      apiVersion: 'v1',
      clusters: list('clusters', 'cluster', pick(ctx?.cluster)),
      contexts: list('contexts', 'context', opts.minify ? current : undefined),
      'current-context': current,
      kind: 'Config',
      preferences: {},
      users: list('users', 'user', pick(ctx?.user)),
    };
  }

  /** Sets current-context in the first file (where kubectl writes it). */
  useContext(name: string): void {
    if (this.contextOf(name) === undefined) throw new KubeconfigError(`no context exists with the name: "${name}"`);
    const f = this.files[0]!;
    f.doc['current-context'] = name;
    this.save(f);
  }

  /** Creates or changes a context in the file that holds it (else the first file). */
  setContext(name: string, fields: { cluster?: string; user?: string; namespace?: string }): 'created' | 'modified' {
    const holder = this.entries('contexts').get(name);
    const f = holder?.file ?? this.files[0]!;
    const list = Array.isArray(f.doc['contexts']) ? f.doc['contexts'] as Entry[] : [];
    let entry = list.find((e) => e['name'] === name);
    if (entry === undefined) { entry = { name, context: {} }; list.push(entry); }
    const ctx: Entry = isRecord(entry['context']) ? entry['context'] : {};
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) ctx[k] = v;
    entry['context'] = ctx;
    f.doc['contexts'] = list;
    this.save(f);
    return holder === undefined ? 'created' : 'modified';
  }

  private save(f: LoadedFile): void {
    const doc: Entry = { apiVersion: 'v1', kind: 'Config', clusters: [], contexts: [], users: [], preferences: {}, ...f.doc };
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, stringify(doc, { indentSeq: false }), { mode: 0o600 });
  }

  get explicitFile(): boolean {
    return this.explicit;
  }
}
