// bosunctl describe TYPE [NAME_PREFIX | -l SEL] | TYPE/NAME | -f FILE: kubectl's describers for
// pods, deployments, replicasets, replicationcontrollers, services and nodes (a generic one for
// the rest), each followed by the object's Events.
import { isStatusError } from '../../../../api/errors.js';
import type { ApiObject } from '../../../../api/meta.js';
import type { FlagDef } from '../../args.js';
import type { Cli } from '../../context.js';
import { type ApiResource } from '../../discovery.js';
import { loadManifests } from '../../manifests.js';
import { getObject, listObjects, nonEmpty, resolveTargets } from '../../objects.js';
import { toYaml } from '../../output.js';
import { describeTabs, formatTabs } from '../../tabwriter.js';
import { annotationLines, labelLines, mapSelector, rec, type Json, eventLines } from './format.js';
import { describeConfigMap, describeNamespace, describeSecret } from './config.js';
import { describeNode } from './node.js';
import { describePod } from './pod.js';
import { describeService } from './service.js';
import { describeDeployment, describeReplicaSet, selectorText } from './workloads.js';

export const describeFlags: readonly FlagDef[] = [
  { long: 'selector', short: 'l', kind: 'string' },
  { long: 'all-namespaces', short: 'A', kind: 'bool' },
  { long: 'filename', short: 'f', kind: 'strings' },
  { long: 'recursive', short: 'R', kind: 'bool' },
  { long: 'show-events', kind: 'bool', default: 'true' },
];

export async function describe(cli: Cli): Promise<number> {
  const a = cli.args;
  const found: { r: ApiResource; o: ApiObject }[] = [];
  if (a.strs('filename').length > 0) {
    const d = await cli.discovery();
    for (const m of loadManifests(a.strs('filename'), a.bool('recursive'), cli.io.stdin)) {
      const r = d.forKind(m.object.apiVersion ?? '', m.object.kind ?? '');
      found.push({ r, o: await getObject(cli, r, r.namespaced ? m.object.metadata.namespace ?? cli.namespace : '', m.object.metadata.name ?? '') });
    }
  } else {
    for (const t of await resolveTargets(cli, a.positionals, 'describe')) {
      const ns = t.resource.namespaced ? (a.bool('all-namespaces') ? '' : cli.namespace) : '';
      if (t.names.length === 0) {
        const list = await listObjects(cli, t.resource, ns, { labelSelector: nonEmpty(a.str('selector')) });
        found.push(...list.items.map((o) => ({ r: t.resource, o })));
        continue;
      }
      for (const name of t.names) {
        try {
          found.push({ r: t.resource, o: await getObject(cli, t.resource, ns, name) });
        } catch (err) {
          if (!isStatusError(err, 'NotFound')) throw err;
          // kubectl falls back to every object whose name starts with the argument.
          const prefixed = (await listObjects(cli, t.resource, ns)).items.filter((o) => (o.metadata.name ?? '').startsWith(name));
          if (prefixed.length === 0) throw err;
          found.push(...prefixed.map((o) => ({ r: t.resource, o })));
        }
      }
    }
  }
  if (found.length === 0) {
    cli.err(a.bool('all-namespaces') ? 'No resources found\n' : `No resources found in ${cli.namespace} namespace.\n`);
    return 0;
  }
  const texts: string[] = [];
  for (const { r, o } of found) texts.push(formatTabs(`${(await describeOne(cli, r, o)).join('\n')}\n`, describeTabs));
  cli.out(texts.join('\n\n'));
  return 0;
}

async function describeOne(cli: Cli, r: ApiResource, o: ApiObject): Promise<string[]> {
  const ns = o.metadata.namespace ?? '';
  const now = Date.now();
  const d = await cli.discovery();
  const list = async (typed: string, namespace: string, sel: { labelSelector?: string; fieldSelector?: string }): Promise<ApiObject[]> => {
    const res = d.find(typed);
    if (res === undefined) return [];
    try { return (await listObjects(cli, res, namespace, sel)).items; } catch { return []; }
  };
  let lines: string[];
  const key = `${r.group}/${r.kind}`;
  switch (key) {
    case '/Pod': lines = describePod(o, now); break;
    case 'apps/Deployment': {
      const sel = selectorText(rec(o['spec'])['selector']);
      const owned = (await list('replicasets.apps', ns, { labelSelector: sel === '<none>' ? undefined : sel }))
        .filter((x) => (x.metadata.ownerReferences ?? []).some((ref) => ref.uid === o.metadata.uid));
      lines = describeDeployment(o, owned);
      break;
    }
    case 'apps/ReplicaSet': case '/ReplicationController': {
      const spec = rec(o['spec']);
      const sel = key === 'apps/ReplicaSet' ? selectorText(spec['selector']) : mapSelector(spec['selector']);
      const pods = (await list('pods', ns, { labelSelector: sel === '<none>' ? undefined : sel }))
        .filter((p) => (p.metadata.ownerReferences ?? []).some((ref) => ref.uid === o.metadata.uid));
      lines = describeReplicaSet(o, pods);
      break;
    }
    case '/Service':
      lines = describeService(o, await list('endpointslices.discovery.k8s.io', ns, { labelSelector: `kubernetes.io/service-name=${o.metadata.name ?? ''}` }));
      break;
    case '/Node': {
      const pods = await list('pods', '', { fieldSelector: `spec.nodeName=${o.metadata.name ?? ''},status.phase!=Succeeded,status.phase!=Failed` });
      let lease: ApiObject | undefined;
      const leases = d.find('leases.coordination.k8s.io');
      if (leases !== undefined) { try { lease = await getObject(cli, leases, 'kube-node-lease', o.metadata.name ?? ''); } catch { lease = undefined; } }
      lines = describeNode(o, pods, lease, now);
      break;
    }
    case '/Namespace': lines = describeNamespace(o); break;
    case '/ConfigMap': lines = describeConfigMap(o); break;
    case '/Secret': lines = describeSecret(o); break;
    default: lines = genericLines(o);
  }
  if (cli.args.bool('show-events') && key !== '/Namespace' && key !== '/Secret') lines.push(...eventLines(await eventsFor(cli, o, r), now));
  return lines;
}

async function eventsFor(cli: Cli, o: ApiObject, r: ApiResource): Promise<Json[] | undefined> {
  const d = await cli.discovery();
  const events = d.find('events') ?? d.find('events.events.k8s.io');
  if (events === undefined) return undefined;
  const ns = o.metadata.namespace ?? '';
  const fields = [`involvedObject.name=${o.metadata.name ?? ''}`, `involvedObject.namespace=${ns}`];
  if (r.kind !== 'Pod') fields.push(`involvedObject.kind=${r.kind}`);
  try {
    const uids = r.kind === 'Node' ? [o.metadata.uid ?? '', o.metadata.name ?? ''] : [o.metadata.uid ?? ''];
    const out: Json[] = [];
    for (const uid of uids) {
      const list = await listObjects(cli, events, ns, { fieldSelector: [...fields, `involvedObject.uid=${uid}`].join(',') });
      out.push(...list.items as unknown as Json[]);
    }
    return out;
  } catch (err) {
    if (isStatusError(err)) return [];
    throw err;
  }
}

/** Objects without a describer of their own: metadata, then the rest of the object as YAML. */
function genericLines(o: ApiObject): string[] {
  const lines = [`Name:\t${o.metadata.name ?? ''}`];
  if (o.metadata.namespace !== undefined) lines.push(`Namespace:\t${o.metadata.namespace}`);
  lines.push(...labelLines('Labels', o.metadata.labels), ...annotationLines('Annotations', o.metadata.annotations));
  const { metadata: _m, apiVersion, kind, ...rest } = o;
  lines.push(`API Version:\t${apiVersion ?? ''}`, `Kind:\t${kind ?? ''}`);
  const yaml = toYaml(rest).trimEnd();
  if (yaml !== '{}') for (const l of yaml.split('\n')) lines.push(capitalizeKey(l));
  return lines;
}

const capitalizeKey = (l: string): string => l.replace(/^(\s*-?\s*)([a-z])([A-Za-z0-9]*):/, (_m, pre: string, c: string, rest: string) => `${pre}${c.toUpperCase()}${rest}:`);

