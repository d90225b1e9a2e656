// bosunctl delete (-f FILE | TYPE NAME… | TYPE/NAME… | TYPE -l SEL | TYPE --all): one DELETE
// per object with kubectl's DeleteOptions (--cascade, --grace-period, --force), then, like
// kubectl, waits until each object is really gone (--wait=false skips that, --timeout bounds it).
import { isStatusError } from '../../../api/errors.js';
import type { ApiObject, DeleteOptions } from '../../../api/meta.js';
import { parseDuration, type FlagDef } from '../args.js';
import type { Cli } from '../context.js';
import { kindPrefix, pathOf, type ApiResource } from '../discovery.js';
import { CliError } from '../errors.js';
import { loadManifests } from '../manifests.js';
import { listObjects, namespaceFor, nonEmpty, resolveTargets } from '../objects.js';
import { waitOnObject } from '../wait.js';
import { describeFailure } from './apply.js';

export const deleteFlags: readonly FlagDef[] = [
  { long: 'filename', short: 'f', kind: 'strings' },
  { long: 'recursive', short: 'R', kind: 'bool' },
  { long: 'selector', short: 'l', kind: 'string' },
  { long: 'field-selector', kind: 'string' },
  { long: 'all', kind: 'bool' },
  { long: 'all-namespaces', short: 'A', kind: 'bool' },
  { long: 'cascade', kind: 'string', default: 'background' },
  { long: 'grace-period', kind: 'int', default: '-1' },
  { long: 'force', kind: 'bool' },
  { long: 'now', kind: 'bool' },
  { long: 'wait', kind: 'bool', default: 'true' },
  { long: 'timeout', kind: 'string', default: '0s' },
  { long: 'ignore-not-found', kind: 'bool' },
  { long: 'output', short: 'o', kind: 'string' },
];

interface Doomed { readonly r: ApiResource; readonly ns: string; readonly name: string; readonly source?: string }

export function deleteOptions(cli: Cli): DeleteOptions {
  const cascade = cli.args.str('cascade');
  const policy = cascade === 'background' || cascade === 'true' ? 'Background'
    : cascade === 'foreground' ? 'Foreground' : cascade === 'orphan' || cascade === 'false' ? 'Orphan' : undefined;
  if (policy === undefined) throw new CliError(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan".`);
  let grace = cli.args.int('grace-period');
  if (cli.args.bool('now')) grace = 1;
  if (cli.args.bool('force') && grace < 0) grace = 0;
  return { ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), propagationPolicy: policy };
}

export async function del(cli: Cli): Promise<number> {
  const a = cli.args;
  const opts = deleteOptions(cli);
  const timeoutMs = parseDuration(a.str('timeout'), 'timeout');
  const doomed: Doomed[] = [];
  if (a.strs('filename').length > 0) {
    const d = await cli.discovery();
    for (const m of loadManifests(a.strs('filename'), a.bool('recursive'), cli.io.stdin)) {
      const r = d.forKind(m.object.apiVersion ?? '', m.object.kind ?? '');
      doomed.push({ r, ns: namespaceFor(cli, r, m.object), name: m.object.metadata.name ?? '', source: m.source });
    }
  } else {
    const targets = await resolveTargets(cli, a.positionals, 'delete');
    const selector = nonEmpty(a.str('selector'));
    const fieldSelector = nonEmpty(a.str('field-selector'));
    for (const t of targets) {
      const ns = t.resource.namespaced ? (a.bool('all-namespaces') ? '' : cli.namespace) : '';
      if (t.names.length > 0) { for (const name of t.names) doomed.push({ r: t.resource, ns, name }); continue; }
      if (selector === undefined && fieldSelector === undefined && !a.bool('all')) {
        throw new CliError('resource(s) were provided, but no name was specified');
      }
      const list = await listObjects(cli, t.resource, ns, { labelSelector: selector, fieldSelector });
      for (const o of list.items) doomed.push({ r: t.resource, ns: o.metadata.namespace ?? ns, name: o.metadata.name ?? '' });
    }
    if (doomed.length === 0) { cli.err(targets.some((t) => t.resource.namespaced) && !a.bool('all-namespaces') ? `No resources found in ${cli.namespace} namespace.\n` : 'No resources found\n'); return 0; }
  }
  if (opts.gracePeriodSeconds === 0 && a.bool('force')) {
    cli.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  }
  let failed = 0;
  const deleted: { d: Doomed; uid: string | undefined }[] = [];
  for (const d of doomed) {
    try {
      const answer = await cli.api.json({ method: 'DELETE', path: pathOf(d.r, d.ns, d.name), body: opts, signal: cli.io.signal }) as ApiObject | undefined;
      const uid = answer?.kind !== 'Status' ? answer?.metadata?.uid : undefined;
      deleted.push({ d, uid });
      const how = opts.gracePeriodSeconds === 0 && a.bool('force') ? 'force deleted' : 'deleted';
      cli.out(a.str('output') === 'name' ? `${kindPrefix(d.r)}/${d.name}\n` : `${kindPrefix(d.r)} "${d.name}" ${how}\n`);
    } catch (err) {
      if (isStatusError(err, 'NotFound') && a.bool('ignore-not-found')) continue;
      failed++;
      cli.err(`${describeFailure(err, d.source !== undefined ? `error when deleting "${d.source}"` : undefined)}\n`);
    }
  }
  if (a.bool('wait')) {
    for (const { d, uid } of deleted) {
      try {
        await waitOnObject(cli, d.r, d.ns, d.name, timeoutMs,
          (o) => (o === undefined || (uid !== undefined && o.metadata.uid !== uid) ? { done: true, value: undefined } : { done: false }),
          () => new CliError(`timed out waiting for the condition on ${d.r.resource}/${d.name}`));
      } catch (err) {
        failed++;
        cli.err(`${describeFailure(err)}\n`);
      }
    }
  }
  return failed > 0 ? 1 : 0;
}
