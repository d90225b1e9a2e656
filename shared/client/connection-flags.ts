// The flags every component uses to reach the API: --kubeconfig F or --server URL.
import type { FlagSpec, ParsedFlags } from '../util/flags.js';
import { FlagError, flagValue } from '../util/flags.js';
import { KubeconfigError, loadKubeconfig } from './kubeconfig.js';

export const connectionFlags: readonly FlagSpec[] = [
  { name: 'kubeconfig', default: '', help: 'kubeconfig file with the API server to use (its current context)' },
  { name: 'server', default: '', help: 'API server URL, e.g. http://127.0.0.1:6443 (instead of --kubeconfig)' },
];

/** The API server URL from --server, or from --kubeconfig's current context. */
export function apiServerFrom(flags: ParsedFlags): string {
  const server = flagValue(flags, 'server');
  const kubeconfig = flagValue(flags, 'kubeconfig');
  if (server !== '' && kubeconfig !== '') throw new FlagError('give either --server or --kubeconfig, not both');
  if (server !== '') {
    let u: URL;
    try { u = new URL(server); } catch { throw new FlagError(`flag --server: ${JSON.stringify(server)} is not a URL`); }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new FlagError(`flag --server: ${JSON.stringify(server)} must be an http:// or https:// URL`);
    return server.replace(/\/+$/, '');
  }
  if (kubeconfig === '') throw new FlagError('say where the API server is: --server URL or --kubeconfig FILE');
  try {
    return loadKubeconfig(kubeconfig).server.replace(/\/+$/, '');
  } catch (err) {
    if (err instanceof KubeconfigError) throw new FlagError(`flag --kubeconfig: ${err.message}`);
    throw new FlagError(`flag --kubeconfig: ${err instanceof Error ? err.message : String(err)}`);
  }
}
