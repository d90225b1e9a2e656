// kubectl's Deployment, ReplicaSet and ReplicationController describers.
import type { ApiObject } from '../../../../api/meta.js';
import { labelSelectorToString } from '../../../../api/labels/selector.js';
import type { LabelSelector } from '../../../../api/meta.js';
import { annotationLines, arr, labelLines, mapSelector, num, rec, rfc1123z, str, type Json } from './format.js';
import { controllerOf } from './pod.js';
import { podTemplateLines } from './pod-template.js';

const conditionLines = (conds: readonly Json[]): string[] => (conds.length === 0 ? [] : [
  'Conditions:', '  Type\tStatus\tReason', '  ----\t------\t------',
  ...conds.map((c) => `  ${str(c['type'])} \t${str(c['status'])}\t${str(c['reason'])}`),
]);

export const selectorText = (sel: unknown): string => {
  const s = labelSelectorToString(rec(sel) as LabelSelector);
  return s === '' ? '<none>' : s;
};

/** The ReplicaSets a Deployment owns, split as kubectl splits them (new = the current template's). */
export function describeDeployment(d: ApiObject, owned: readonly ApiObject[]): string[] {
  const spec = rec(d['spec']);
  const st = rec(d['status']);
  const strategy = rec(spec['strategy']);
  const lines = [`Name:\t${d.metadata.name ?? ''}`, `Namespace:\t${d.metadata.namespace ?? ''}`,
    `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}`,
    ...labelLines('Labels', d.metadata.labels), ...annotationLines('Annotations', d.metadata.annotations),
    `Selector:\t${selectorText(spec['selector'])}`,
    `Replicas:\t${typeof spec['replicas'] === 'number' ? spec['replicas'] : 1} desired | ${num(st['updatedReplicas'])} updated | ${num(st['replicas'])} total | ${num(st['availableReplicas'])} available | ${num(st['unavailableReplicas'])} unavailable`,
    `StrategyType:\t${str(strategy['type'], 'RollingUpdate')}`, `MinReadySeconds:\t${num(spec['minReadySeconds'])}`];
  if (str(strategy['type'], 'RollingUpdate') === 'RollingUpdate') {
    const ru = rec(strategy['rollingUpdate']);
    lines.push(`RollingUpdateStrategy:\t${str(ru['maxUnavailable'], '25%')} max unavailable, ${str(ru['maxSurge'], '25%')} max surge`);
  }
  lines.push(...podTemplateLines(rec(spec['template'])), ...conditionLines(arr(st['conditions'])));
  const revision = d.metadata.annotations?.['deployment.kubernetes.io/revision'];
  const hash = (o: ApiObject): string => o.metadata.labels?.['pod-template-hash'] ?? '';
  const isNew = (o: ApiObject): boolean => o.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision && revision !== undefined;
  const newRs = owned.find(isNew);
  const old = owned.filter((o) => o !== newRs);
  const rsText = (list: readonly ApiObject[]): string => (list.length === 0 ? '<none>'
    : list.map((o) => `${o.metadata.name ?? hash(o)} (${num(rec(o['status'])['replicas'])}/${num(rec(o['spec'])['replicas'])} replicas created)`).join(', '));
  lines.push(`OldReplicaSets:\t${rsText(old)}`, `NewReplicaSet:\t${newRs === undefined ? '<none>' : rsText([newRs])}`);
  return lines;
}

export function describeReplicaSet(rs: ApiObject, pods: readonly ApiObject[]): string[] {
  const spec = rec(rs['spec']);
  const st = rec(rs['status']);
  const isRc = rs.kind === 'ReplicationController';
  const phase = (p: string): number => pods.filter((x) => str(rec(x['status'])['phase']) === p).length;
  const lines = [`Name:\t${rs.metadata.name ?? ''}`, `Namespace:\t${rs.metadata.namespace ?? ''}`,
    `Selector:\t${isRc ? mapSelector(spec['selector']) : selectorText(spec['selector'])}`,
    ...labelLines('Labels', rs.metadata.labels), ...annotationLines('Annotations', rs.metadata.annotations)];
  const ctl = controllerOf(rs);
  if (ctl !== undefined) lines.push(`Controlled By:\t${ctl}`);
  lines.push(`Replicas:\t${num(st['replicas'])} current / ${typeof spec['replicas'] === 'number' ? spec['replicas'] : 1} desired`,
    `Pods Status:\t${phase('Running')} Running / ${phase('Pending')} Waiting / ${phase('Succeeded')} Succeeded / ${phase('Failed')} Failed`,
    ...podTemplateLines(rec(spec['template'])), ...conditionLines(arr(st['conditions'])));
  return lines;
}
