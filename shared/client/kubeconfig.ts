// kubeconfig files as kubectl reads them: clusters, users, contexts, current-context.
// Components use it to find the API server (`--kubeconfig F`); bosunctl for everything.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { isRecord } from '../api/meta.js';

export interface KubeconfigTarget {
  readonly server: string;
  readonly namespace: string;
  readonly context: string;
  readonly token?: string;
}

export class KubeconfigError extends Error {
  override readonly name = 'KubeconfigError';
}

function named(list: unknown, what: string, file: string): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
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
