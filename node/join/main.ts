// `bosun join --server URL --token T`: the step install-node.sh runs — presents the join
// token to the apiserver and writes the kubeconfig the node's components use.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { FlagError, flagValue, helpText, parseFlags, type FlagSpec, type ParsedFlags } from '../../shared/util/flags.js';

export const joinFlags: readonly FlagSpec[] = [
  { name: 'server', default: '', help: 'the apiserver URL, e.g. http://10.0.0.5:6443 (required)' },
  { name: 'token', default: '', help: 'the join token install-master.sh printed (or --token-file)' },
  { name: 'token-file', default: '', help: 'a file holding the join token' },
  { name: 'node-name', default: '', help: 'this node\'s name (default: the host name, lower case)' },
  { name: 'kubeconfig-out', default: '/etc/bosun/node.kubeconfig', help: 'where to write the node\'s kubeconfig' },
];

interface JoinOptions { server: string; token: string; nodeName: string; out: string }

async function optionsFrom(flags: ParsedFlags): Promise<JoinOptions> {
  if (flags.rest.length > 0) throw new FlagError(`unexpected argument ${JSON.stringify(flags.rest[0])}`);
  const server = flagValue(flags, 'server').replace(/\/+$/, '');
  if (server === '') throw new FlagError('flag --server is required: the apiserver URL install-master.sh printed');
  try { new URL(server); } catch { throw new FlagError(`flag --server: ${JSON.stringify(server)} is not a URL`); }
  let token = flagValue(flags, 'token');
  const tokenFile = flagValue(flags, 'token-file');
  if (token !== '' && tokenFile !== '') throw new FlagError('give either --token or --token-file, not both');
  if (tokenFile !== '') token = (await readFile(tokenFile, 'utf8').catch(() => { throw new FlagError(`flag --token-file: cannot read ${tokenFile}`); })).trim();
  if (token === '') throw new FlagError('flag --token (or --token-file) is required: the join token install-master.sh printed');
  const nodeName = flagValue(flags, 'node-name') || hostname().toLowerCase();
  return { server, token, nodeName, out: flagValue(flags, 'kubeconfig-out') };
}

export async function main(argv: readonly string[]): Promise<number> {
  let o: JoinOptions;
  try {
    const flags = parseFlags(joinFlags, argv);
    if (flags.help) {
      process.stdout.write(`${helpText('bosun join --server URL --token T [flags]', 'Joins this node to a Bosun cluster: writes the kubeconfig its kubelet, proxy and network agent use.', joinFlags)}\n`);
      return 0;
    }
    o = await optionsFrom(flags);
  } catch (err) {
    if (err instanceof FlagError) { process.stderr.write(`bosun join: ${err.message}\n`); return 2; }
    throw err;
  }
  let res: Response;
  try {
    res = await fetch(`${o.server}/bosun/v1/join`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: o.token, nodeName: o.nodeName }), signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err instanceof Error ? err.message : String(err));
    process.stderr.write(`bosun join: cannot reach ${o.server} (${cause})\n`);
    return 1;
  }
  const body = await res.json().catch(() => ({})) as { kubeconfig?: unknown; message?: unknown };
  if (!res.ok || typeof body.kubeconfig !== 'string') {
    const why = typeof body.message === 'string' ? body.message : `HTTP ${res.status}`;
    process.stderr.write(`bosun join: ${o.server} refused to join node ${o.nodeName}: ${why}\n`);
    return 1;
  }
  await mkdir(dirname(o.out), { recursive: true });
  await writeFile(`${o.out}.tmp`, body.kubeconfig, { mode: 0o600 });
  await rename(`${o.out}.tmp`, o.out);
  process.stdout.write(`Node ${o.nodeName} joined ${o.server}; its kubeconfig is ${o.out}\n`);
  return 0;
}
