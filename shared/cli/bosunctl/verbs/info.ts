// bosunctl version, cluster-info, api-resources, api-versions.
import { isRecord } from '../../../api/meta.js';
import type { FlagDef } from '../args.js';
import type { Cli } from '../context.js';
import { groupVersion } from '../discovery.js';
import { alignGet } from '../table.js';
import { toJson, toYaml } from '../output.js';
import { CliError } from '../errors.js';

export const clientVersion = { major: '1', minor: '32', gitVersion: 'v1.32.0+bosunctl.0.1.0', platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}` };

export const versionFlags: readonly FlagDef[] = [
  { long: 'output', short: 'o', kind: 'string' },
  { long: 'client', kind: 'bool' },
];

export async function version(cli: Cli): Promise<number> {
  const o = cli.args.str('output');
  if (o !== '' && o !== 'json' && o !== 'yaml') throw new CliError(`--output must be 'yaml' or 'json'`);
  const client = { ...clientVersion, compiler: 'node', goVersion: process.version };
  let server: unknown;
  let failure: unknown;
  if (!cli.args.bool('client')) {
    try { server = await cli.api.json({ path: '/version', signal: cli.io.signal }); } catch (err) { failure = err; }
  }
  if (o === 'json' || o === 'yaml') {
    const doc = { clientVersion: client, ...(server !== undefined ? { serverVersion: server } : {}) };
    cli.out(o === 'json' ? toJson(doc) : toYaml(doc));
  } else {
    cli.out(`Client Version: ${client.gitVersion}\n`);
    if (isRecord(server)) cli.out(`Server Version: ${String(server['gitVersion'] ?? '')}\n`);
  }
  if (failure !== undefined) throw failure;
  return 0;
}

export async function clusterInfo(cli: Cli): Promise<number> {
  const d = await cli.discovery();
  void d;
  const server = cli.target.server;
  cli.out(`Kubernetes control plane is running at ${server}\n`);
  const body = await cli.api.json({ path: '/api/v1/namespaces/kube-system/services', query: { labelSelector: 'kubernetes.io/cluster-service=true' }, signal: cli.io.signal });
  const items = isRecord(body) && Array.isArray(body['items']) ? body['items'].filter(isRecord) : [];
  for (const svc of items) {
    const meta = isRecord(svc['metadata']) ? svc['metadata'] : {};
    const name = isRecord(meta['labels']) && typeof meta['labels']['kubernetes.io/name'] === 'string' ? meta['labels']['kubernetes.io/name'] : String(meta['name'] ?? '');
    cli.out(`${name} is running at ${server}/api/v1/namespaces/kube-system/services/${String(meta['name'] ?? '')}/proxy\n`);
  }
  cli.out(`\nTo further debug and diagnose cluster problems, use 'bosunctl cluster-info dump'.\n`);
  return 0;
}

export const apiResourcesFlags: readonly FlagDef[] = [
  { long: 'output', short: 'o', kind: 'string' },
  { long: 'namespaced', kind: 'string' },
  { long: 'api-group', kind: 'string' },
  { long: 'no-headers', kind: 'bool' },
];

export async function apiResources(cli: Cli): Promise<number> {
  const d = await cli.discovery();
  const a = cli.args;
  let list = d.preferred().filter((r) => r.verbs.length > 0);
  if (a.given.has('namespaced')) list = list.filter((r) => r.namespaced === (a.str('namespaced') !== 'false'));
  if (a.given.has('api-group')) list = list.filter((r) => r.group === a.str('api-group'));
  list.sort((x, y) => x.group.localeCompare(y.group) || x.resource.localeCompare(y.resource));
  if (a.str('output') === 'name') {
    cli.out(list.map((r) => (r.group === '' ? r.resource : `${r.resource}.${r.group}`) + '\n').join(''));
    return 0;
  }
  const wide = a.str('output') === 'wide';
  const lines = a.bool('no-headers') ? [] : [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])].join('\t')];
  for (const r of list) {
    lines.push([r.resource, r.shortNames.join(','), groupVersion(r), String(r.namespaced), r.kind,
      ...(wide ? [`[${r.verbs.join(' ')}]`, r.categories.join(',')] : [])].join('\t'));
  }
  cli.out(alignGet(lines));
  return 0;
}

export async function apiVersions(cli: Cli): Promise<number> {
  const d = await cli.discovery();
  const gvs = [...new Set(d.resources.map(groupVersion))].sort();
  cli.out(gvs.map((g) => `${g}\n`).join(''));
  return 0;
}
