// bosunctl rollout status|history|undo|pause|resume|restart for Deployments: status prints
// kubectl's progress lines as the Deployment changes and fails on ProgressDeadlineExceeded or
// --timeout; history and undo read the Deployment's ReplicaSets and their revision annotations.
import { isRecord, type ApiObject } from '../../../api/meta.js';
import { labelSelectorToString } from '../../../api/labels/selector.js';
import type { LabelSelector } from '../../../api/meta.js';
import { parseDuration, type FlagDef } from '../args.js';
import type { Cli } from '../context.js';
import { pathOf, type ApiResource } from '../discovery.js';
import { CliError } from '../errors.js';
import { getObject, listObjects, objectName, objectRefs } from '../objects.js';
import { describeTabs, formatTabs } from '../tabwriter.js';
import { waitOnObject } from '../wait.js';
import { podTemplateLines } from './describe/pod-template.js';

export const rolloutFlags: readonly FlagDef[] = [
  { long: 'timeout', kind: 'string', default: '0s' },
  { long: 'watch', short: 'w', kind: 'bool', default: 'true' },
  { long: 'revision', kind: 'int', default: '0' },
  { long: 'to-revision', kind: 'int', default: '0' },
  { long: 'selector', short: 'l', kind: 'string' },
];

const revisionKey = 'deployment.kubernetes.io/revision';

interface DeploymentView {
  readonly generation: number;
  readonly observedGeneration: number;
  readonly replicas: number;
  readonly statusReplicas: number;
  readonly updated: number;
  readonly available: number;
  readonly deadlineExceeded: boolean;
}

function view(o: ApiObject): DeploymentView {
  const spec = isRecord(o['spec']) ? o['spec'] : {};
  const st = isRecord(o['status']) ? o['status'] : {};
  const n = (v: unknown): number => (typeof v === 'number' ? v : 0);
  const conds = Array.isArray(st['conditions']) ? st['conditions'].filter(isRecord) : [];
  return {
    generation: n(o.metadata.generation), observedGeneration: n(st['observedGeneration']),
    replicas: typeof spec['replicas'] === 'number' ? spec['replicas'] : 1, statusReplicas: n(st['replicas']),
    updated: n(st['updatedReplicas']), available: n(st['availableReplicas']),
    deadlineExceeded: conds.some((c) => c['type'] === 'Progressing' && c['reason'] === 'ProgressDeadlineExceeded'),
  };
}

/** kubectl's DeploymentStatusViewer: the line to print and whether the rollout is done. */
export function deploymentStatus(name: string, v: DeploymentView): { line: string; done: boolean } {
  if (v.generation > v.observedGeneration) return { line: 'Waiting for deployment spec update to be observed...', done: false };
  if (v.deadlineExceeded) throw new CliError(`deployment "${name}" exceeded its progress deadline`);
  const w = `Waiting for deployment "${name}" rollout to finish: `;
  if (v.updated < v.replicas) return { line: `${w}${v.updated} out of ${v.replicas} new replicas have been updated...`, done: false };
  if (v.statusReplicas > v.updated) return { line: `${w}${v.statusReplicas - v.updated} old replicas are pending termination...`, done: false };
  if (v.available < v.updated) return { line: `${w}${v.available} of ${v.updated} updated replicas are available...`, done: false };
  return { line: `deployment "${name}" successfully rolled out`, done: true };
}

export async function rollout(cli: Cli): Promise<number> {
  const [sub, ...rest] = cli.args.positionals;
  const refs = await objectRefs(cli, rest, `rollout ${sub ?? ''}`.trim(), { label: cli.args.str('selector') });
  for (const ref of refs) {
    if (ref.r.kind !== 'Deployment') throw new CliError(`no ${sub ?? 'rollout'} has been implemented for ${ref.r.kind === '' ? ref.r.resource : `{${ref.r.group} ${ref.r.kind}}`}`);
    switch (sub) {
      case 'status': await status(cli, ref.r, ref.ns, ref.name); break;
      case 'history': await history(cli, ref.r, ref.ns, ref.name); break;
      case 'undo': await undo(cli, ref.r, ref.ns, ref.name); break;
      case 'pause': case 'resume': await pauseResume(cli, ref.r, ref.ns, ref.name, sub === 'pause'); break;
      case 'restart': await restart(cli, ref.r, ref.ns, ref.name); break;
      default: throw new CliError(sub === undefined ? 'rollout needs a subcommand: status, history, undo, pause, resume, restart' : `unknown command "${sub}" for "bosunctl rollout"`);
    }
  }
  return 0;
}

async function status(cli: Cli, r: ApiResource, ns: string, name: string): Promise<void> {
  const timeoutMs = parseDuration(cli.args.str('timeout'), 'timeout');
  await getObject(cli, r, ns, name);   // NotFound is reported as kubectl reports it
  await waitOnObject(cli, r, ns, name, timeoutMs, (o) => {
    if (o === undefined) throw new CliError(`object has been deleted`);
    const s = deploymentStatus(name, view(o));
    cli.out(`${s.line}\n`);
    return s.done || !cli.args.bool('watch') ? { done: true, value: undefined } : { done: false };
  }, () => new CliError('timed out waiting for the condition'));
}

/** The ReplicaSets the Deployment controls, by selector and owner UID. */
async function ownedReplicaSets(cli: Cli, dep: ApiObject, ns: string): Promise<ApiObject[]> {
  const d = await cli.discovery();
  const rs = d.resolve('replicasets.apps');
  const spec = isRecord(dep['spec']) ? dep['spec'] : {};
  const selector = isRecord(spec['selector']) ? labelSelectorToString(spec['selector'] as LabelSelector) : '';
  const list = await listObjects(cli, rs, ns, { labelSelector: selector });
  return list.items.filter((x) => (x.metadata.ownerReferences ?? []).some((o) => o.controller === true && o.uid === dep.metadata.uid));
}

const revisionOf = (o: ApiObject): number => Number(o.metadata.annotations?.[revisionKey] ?? '0') || 0;

async function history(cli: Cli, r: ApiResource, ns: string, name: string): Promise<void> {
  const dep = await getObject(cli, r, ns, name);
  const sets = (await ownedReplicaSets(cli, dep, ns)).filter((x) => revisionOf(x) > 0).sort((a, b) => revisionOf(a) - revisionOf(b));
  const wanted = cli.args.int('revision');
  if (wanted > 0) {
    const one = sets.find((x) => revisionOf(x) === wanted);
    if (one === undefined) throw new CliError(`unable to find the specified revision`);
    const tpl = isRecord(one['spec']) && isRecord(one['spec']['template']) ? one['spec']['template'] : {};
    cli.out(`${objectName(r, name)} with revision #${wanted}\n${podTemplateLines(tpl).join('\n')}\n\n`);
    return;
  }
  if (sets.length === 0) { cli.out(`No rollout history found.\n`); return; }
  const lines = ['REVISION\tCHANGE-CAUSE', ...sets.map((x) => `${revisionOf(x)}\t${x.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>'}`)];
  cli.out(`${objectName(r, name)} \n${formatTabs(lines.join('\n') + '\n', describeTabs)}\n`);
}

async function undo(cli: Cli, r: ApiResource, ns: string, name: string): Promise<void> {
  const dep = await getObject(cli, r, ns, name);
  const spec = isRecord(dep['spec']) ? dep['spec'] : {};
  if (spec['paused'] === true) throw new CliError(`you cannot rollback a paused deployment; resume it first with 'bosunctl rollout resume' and try again`);
  const sets = (await ownedReplicaSets(cli, dep, ns)).sort((a, b) => revisionOf(a) - revisionOf(b));
  const to = cli.args.int('to-revision');
  let target: ApiObject | undefined;
  if (to > 0) {
    target = sets.find((x) => revisionOf(x) === to);
    if (target === undefined) throw new CliError(`unable to find specified revision ${to} in history`);
  } else {
    const current = revisionOf(dep);
    target = sets.filter((x) => revisionOf(x) !== current && revisionOf(x) > 0).at(-1);
    if (target === undefined) throw new CliError(`no rollout history found for deployment "${name}"`);
  }
  const tpl = structuredClone(isRecord(target['spec']) && isRecord(target['spec']['template']) ? target['spec']['template'] : {});
  const meta = isRecord(tpl['metadata']) ? tpl['metadata'] : {};
  if (isRecord(meta['labels'])) delete meta['labels']['pod-template-hash'];
  if (JSON.stringify(sortKeys(tpl)) === JSON.stringify(sortKeys(spec['template']))) {
    cli.out(`${objectName(r, name)} skipped rollback (current template already matches revision ${revisionOf(target)})\n`);
    return;
  }
  const keep = ['kubectl.kubernetes.io/last-applied-configuration', revisionKey, 'deployment.kubernetes.io/revision-history',
    'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas'];
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(dep.metadata.annotations ?? {})) if (keep.includes(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(target.metadata.annotations ?? {})) if (!keep.includes(k)) annotations[k] = v;
  await cli.api.json({
    method: 'PATCH', path: pathOf(r, ns, name), contentType: 'application/json-patch+json', signal: cli.io.signal,
    body: [{ op: 'replace', path: '/spec/template', value: tpl }, { op: 'replace', path: '/metadata/annotations', value: annotations }],
  });
  cli.out(`${objectName(r, name)} rolled back\n`);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isRecord(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

async function pauseResume(cli: Cli, r: ApiResource, ns: string, name: string, pause: boolean): Promise<void> {
  const dep = await getObject(cli, r, ns, name);
  const paused = isRecord(dep['spec']) && dep['spec']['paused'] === true;
  if (paused === pause) throw new CliError(`${objectName(r, name)} is ${pause ? 'already paused' : 'not paused'}`);
  await cli.api.json({
    method: 'PATCH', path: pathOf(r, ns, name), contentType: 'application/strategic-merge-patch+json', signal: cli.io.signal,
    query: { fieldManager: 'kubectl-rollout' }, body: { spec: { paused: pause ? true : null } },
  });
  cli.out(`${objectName(r, name)} ${pause ? 'paused' : 'resumed'}\n`);
}

async function restart(cli: Cli, r: ApiResource, ns: string, name: string): Promise<void> {
  const dep = await getObject(cli, r, ns, name);
  if (isRecord(dep['spec']) && dep['spec']['paused'] === true) throw new CliError(`can't restart paused deployment (run rollout resume first)`);
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  await cli.api.json({
    method: 'PATCH', path: pathOf(r, ns, name), contentType: 'application/strategic-merge-patch+json', signal: cli.io.signal,
    query: { fieldManager: 'kubectl-rollout' },
    body: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': now } } } } },
  });
  cli.out(`${objectName(r, name)} restarted\n`);
}
