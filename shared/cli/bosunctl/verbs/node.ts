// bosunctl cordon|uncordon|drain NODE: mark the node (un)schedulable with a strategic merge
// patch; drain also evicts its pods through pods/eviction (retrying while a disruption budget
// forbids it) and waits until each is gone, with kubectl's checks for unmanaged pods,
// DaemonSet pods and emptyDir data.
import { isStatusError } from '../../../api/errors.js';
import { isRecord, type ApiObject } from '../../../api/meta.js';
import { parseDuration, type FlagDef } from '../args.js';
import type { Cli } from '../context.js';
import { pathOf, type ApiResource } from '../discovery.js';
import { CliError, statusErrorText } from '../errors.js';
import { getObject, listObjects, nonEmpty } from '../objects.js';

export const nodeFlags: readonly FlagDef[] = [
  { long: 'selector', short: 'l', kind: 'string' },
  { long: 'ignore-daemonsets', kind: 'bool' },
  { long: 'delete-emptydir-data', kind: 'bool' },
  { long: 'delete-local-data', kind: 'bool' },
  { long: 'force', kind: 'bool' },
  { long: 'grace-period', kind: 'int', default: '-1' },
  { long: 'timeout', kind: 'string', default: '0s' },
  { long: 'disable-eviction', kind: 'bool' },
  { long: 'pod-selector', kind: 'string' },
  { long: 'dry-run', kind: 'string', default: 'none' },
];

async function nodesOf(cli: Cli): Promise<{ r: ApiResource; names: string[] }> {
  const r = (await cli.discovery()).resolve('nodes');
  const sel = nonEmpty(cli.args.str('selector'));
  if (sel !== undefined) return { r, names: (await listObjects(cli, r, '', { labelSelector: sel })).items.map((n) => n.metadata.name ?? '') };
  if (cli.args.positionals.length === 0) throw new CliError('USAGE: bosunctl cordon|uncordon|drain NODE [flags]');
  return { r, names: [...cli.args.positionals] };
}

async function setUnschedulable(cli: Cli, r: ApiResource, name: string, on: boolean): Promise<void> {
  const node = await getObject(cli, r, '', name);
  const is = isRecord(node['spec']) && node['spec']['unschedulable'] === true;
  if (is === on) { cli.out(`node/${name} already ${on ? 'cordoned' : 'uncordoned'}\n`); return; }
  await cli.api.json({
    method: 'PATCH', path: pathOf(r, '', name), contentType: 'application/strategic-merge-patch+json',
    body: { spec: { unschedulable: on ? true : null } }, signal: cli.io.signal,
  });
  cli.out(`node/${name} ${on ? 'cordoned' : 'uncordoned'}\n`);
}

export const cordon = (on: boolean) => async (cli: Cli): Promise<number> => {
  const { r, names } = await nodesOf(cli);
  for (const n of names) await setUnschedulable(cli, r, n, on);
  return 0;
};

const sleep = (ms: number, signal: AbortSignal): Promise<void> => new Promise((resolve) => {
  const t = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
});

export async function drain(cli: Cli): Promise<number> {
  const a = cli.args;
  const { r, names } = await nodesOf(cli);
  const pods = (await cli.discovery()).resolve('pods');
  const timeoutMs = parseDuration(a.str('timeout'), 'timeout');
  for (const node of names) {
    await setUnschedulable(cli, r, node, true);
    const list = (await listObjects(cli, pods, '', { fieldSelector: `spec.nodeName=${node}`, labelSelector: nonEmpty(a.str('pod-selector')) })).items;
    const errors: string[] = [];
    const warnings: { what: string; pods: string[] }[] = [];
    const warn = (what: string, p: string): void => {
      const w = warnings.find((x) => x.what === what);
      if (w === undefined) warnings.push({ what, pods: [p] }); else w.pods.push(p);
    };
    const doomed: ApiObject[] = [];
    for (const p of list) {
      const id = `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`;
      const phase = isRecord(p['status']) ? p['status']['phase'] : undefined;
      if (p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) continue;
      if (phase === 'Succeeded' || phase === 'Failed') { doomed.push(p); continue; }
      const owner = (p.metadata.ownerReferences ?? []).find((o) => o.controller === true);
      if (owner?.kind === 'DaemonSet') {
        if (a.bool('ignore-daemonsets')) warn('ignoring DaemonSet-managed Pods', id);
        else errors.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${id}`);
        continue;
      }
      if (owner === undefined) {
        if (a.bool('force')) warn('deleting Pods that declare no controller', id);
        else { errors.push(`cannot delete Pods that declare no controller (use --force to override): ${id}`); continue; }
      }
      const vols = isRecord(p['spec']) && Array.isArray(p['spec']['volumes']) ? p['spec']['volumes'] : [];
      if (vols.some((v) => isRecord(v) && v['emptyDir'] !== undefined) && !a.bool('delete-emptydir-data') && !a.bool('delete-local-data')) {
        errors.push(`cannot delete Pods with local storage (use --delete-emptydir-data to override): ${id}`);
        continue;
      }
      doomed.push(p);
    }
    if (errors.length > 0) {
      cli.err(`error: unable to drain node "${node}" due to error: ${errors.join(', ')}, continuing command...\nThere are pending nodes to be drained:\n ${node}\n`);
      for (const e of errors) cli.err(`error: ${e}\n`);
      return 1;
    }
    for (const w of warnings) cli.err(`Warning: ${w.what}: ${w.pods.join(', ')}\n`);
    const grace = a.int('grace-period');
    const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Infinity;
    await Promise.all(doomed.map(async (p) => {
      const ns = p.metadata.namespace ?? '';
      const name = p.metadata.name ?? '';
      cli.out(`evicting pod ${ns}/${name}\n`);
      for (;;) {
        try {
          if (a.bool('disable-eviction')) {
            await cli.api.json({ method: 'DELETE', path: pathOf(pods, ns, name), body: grace >= 0 ? { gracePeriodSeconds: grace } : {}, signal: cli.io.signal });
          } else {
            await cli.api.json({
              method: 'POST', path: pathOf(pods, ns, name, 'eviction'), signal: cli.io.signal,
              body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ns }, deleteOptions: grace >= 0 ? { gracePeriodSeconds: grace } : {} },
            });
          }
          break;
        } catch (err) {
          if (isStatusError(err, 'NotFound')) break;
          if (!isStatusError(err, 'TooManyRequests') || Date.now() > deadline) throw err;
          cli.err(`error when evicting pods/"${name}" -n "${ns}" (will retry after 5s): ${err.message}\n`);
          await sleep(5000, cli.io.signal);
        }
      }
      for (;;) {
        try {
          const now = await getObject(cli, pods, ns, name);
          if (now.metadata.uid !== p.metadata.uid) break;
        } catch (err) {
          if (isStatusError(err, 'NotFound')) break;
          throw err;
        }
        if (Date.now() > deadline) throw new CliError(`error when waiting for pod "${name}" in namespace "${ns}" to terminate: global timeout reached: ${a.str('timeout')}`);
        await sleep(1000, cli.io.signal);
      }
      cli.out(`pod/${name} evicted\n`);
    })).catch((err: unknown) => {
      throw isStatusError(err) ? new CliError(statusErrorText(err), { bare: true }) : err;
    });
    cli.out(`node/${node} drained\n`);
  }
  return 0;
}
