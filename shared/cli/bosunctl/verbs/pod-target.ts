// Which pod and container logs/exec act on: POD, pod/POD, or a workload (deploy/web,
// rs/x, rc/x, svc/x: its first pod by selector); the container from -c, the
// kubectl.kubernetes.io/default-container annotation, or the first one (said on stderr).
import { labelSelectorToString } from '../../../api/labels/selector.js';
import { isRecord, type ApiObject, type LabelSelector } from '../../../api/meta.js';
import type { Cli } from '../context.js';
import { CliError } from '../errors.js';
import { getObject, listObjects } from '../objects.js';

export async function podFor(cli: Cli, arg: string): Promise<ApiObject> {
  const d = await cli.discovery();
  const pods = d.resolve('pods');
  if (!arg.includes('/')) return getObject(cli, pods, cli.namespace, arg);
  const [type, name] = arg.split('/', 2) as [string, string];
  const r = d.resolve(type);
  if (r === pods) return getObject(cli, pods, cli.namespace, name);
  const obj = await getObject(cli, r, cli.namespace, name);
  const spec = isRecord(obj['spec']) ? obj['spec'] : {};
  const sel = r.kind === 'Service' || r.kind === 'ReplicationController'
    ? Object.entries(isRecord(spec['selector']) ? spec['selector'] : {}).map(([k, v]) => `${k}=${String(v)}`).join(',')
    : labelSelectorToString((isRecord(spec['selector']) ? spec['selector'] : {}) as LabelSelector);
  if (sel === '') throw new CliError(`cannot attach to ${r.kind}: selector for ${arg} has no requirements`);
  const list = (await listObjects(cli, pods, cli.namespace, { labelSelector: sel })).items
    .sort((a, b) => String(a.metadata.creationTimestamp ?? '').localeCompare(String(b.metadata.creationTimestamp ?? '')));
  const running = list.find((p) => isRecord(p['status']) && p['status']['phase'] === 'Running') ?? list[0];
  if (running === undefined) throw new CliError(`no pods found for ${arg}`);
  return running;
}

export function containerFor(cli: Cli, pod: ApiObject, given: string): string {
  if (given !== '') return given;
  const spec = isRecord(pod['spec']) ? pod['spec'] : {};
  const names = (Array.isArray(spec['containers']) ? spec['containers'] : []).filter(isRecord).map((c) => String(c['name'] ?? ''));
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const chosen = annotated !== undefined && names.includes(annotated) ? annotated : names[0];
  if (chosen === undefined) throw new CliError(`pod ${pod.metadata.name ?? ''} has no containers`);
  if (names.length > 1 && annotated === undefined) cli.err(`Defaulted container "${chosen}" out of: ${names.join(', ')}\n`);
  return chosen;
}
