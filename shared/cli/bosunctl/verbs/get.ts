// bosunctl get: the server's Tables (kubectl's layout), -o yaml|json|name|jsonpath, -l,
// --field-selector, -A, several types at once, TYPE/NAME, -w.
import { isRecord, type ApiObject } from '../../../api/meta.js';
import { isStatusError, StatusError } from '../../../api/errors.js';
import { acceptTable } from '../api.js';
import type { FlagDef } from '../args.js';
import type { Cli } from '../context.js';
import { kindPrefix, pathOf, qualified, type ApiResource } from '../discovery.js';
import { CliError } from '../errors.js';
import { loadManifests } from '../manifests.js';
import { getObject, listObjects, nonEmpty, resolveTargets, type Target } from '../objects.js';
import { formatObjects, parseOutput, type Named } from '../output.js';
import { alignGet, decodeTable, tableLines, WatchAligner, type Table, type TableOptions } from '../table.js';
import { watchLines } from '../watch.js';

export const getFlags: readonly FlagDef[] = [
  { long: 'output', short: 'o', kind: 'string' },
  { long: 'selector', short: 'l', kind: 'string' },
  { long: 'field-selector', kind: 'string' },
  { long: 'all-namespaces', short: 'A', kind: 'bool' },
  { long: 'watch', short: 'w', kind: 'bool' },
  { long: 'watch-only', kind: 'bool' },
  { long: 'show-labels', kind: 'bool' },
  { long: 'label-columns', short: 'L', kind: 'strings' },
  { long: 'no-headers', kind: 'bool' },
  { long: 'ignore-not-found', kind: 'bool' },
  { long: 'filename', short: 'f', kind: 'strings' },
  { long: 'recursive', short: 'R', kind: 'bool' },
  { long: 'chunk-size', kind: 'int', default: '500' },
  { long: 'show-managed-fields', kind: 'bool' },
];

export async function get(cli: Cli): Promise<number> {
  const a = cli.args;
  const format = parseOutput(a.str('output'));
  const allNs = a.bool('all-namespaces');
  const sel = { labelSelector: nonEmpty(a.str('selector')), fieldSelector: nonEmpty(a.str('field-selector')) };
  const targets = a.strs('filename').length > 0 ? await fileTargets(cli) : await resolveTargets(cli, a.positionals, 'get');
  const ns = (r: ApiResource, given?: string): string => (!r.namespaced ? '' : given ?? (allNs ? '' : cli.namespace));
  if (a.bool('watch') || a.bool('watch-only')) {
    if (targets.length !== 1 || targets[0]!.names.length > 1) {
      throw new CliError(`watch is only supported on individual resources and resource collections, but ${targets.length} resources were found`);
    }
    return watch(cli, targets[0]!, ns(targets[0]!.resource, targets[0]!.namespace), format);
  }
  if (format.t !== 'table') {
    const objs: Named[] = [];
    for (const t of targets) {
      if (t.names.length === 0) {
        for (const o of (await listObjects(cli, t.resource, ns(t.resource), sel)).items) objs.push({ resource: t.resource, object: o });
        continue;
      }
      for (const name of t.names) {
        try { objs.push({ resource: t.resource, object: await getObject(cli, t.resource, ns(t.resource, t.namespace), name) }); } catch (err) {
          if (!(a.bool('ignore-not-found') && isStatusError(err, 'NotFound'))) throw err;
        }
      }
    }
    if (!a.bool('show-managed-fields')) for (const o of objs) delete o.object.metadata.managedFields;
    const single = targets.length === 1 && targets[0]!.names.length === 1;
    cli.out(formatObjects(format, objs, single, a.bool('no-headers')));
    return 0;
  }
  const types = new Set(targets.map((t) => t.resource));
  const opts: Omit<TableOptions, 'kindPrefix'> = {
    wide: format.wide, withNamespace: allNs, noHeaders: a.bool('no-headers'),
    showLabels: a.bool('show-labels'), labelColumns: a.strs('label-columns'),
  };
  const blocks: string[][] = [];
  let errors = 0;
  for (const t of targets) {
    const tables: Table[] = [];
    try {
      if (t.names.length === 0) tables.push(...await listTables(cli, t.resource, ns(t.resource), sel));
      for (const name of t.names) {
        try {
          tables.push(decodeTable(await cli.api.json({ path: pathOf(t.resource, ns(t.resource, t.namespace), name), accept: acceptTable, signal: cli.io.signal })));
        } catch (err) {
          if (a.bool('ignore-not-found') && isStatusError(err, 'NotFound')) continue;
          if (!isStatusError(err, 'NotFound') || t.names.length === 1 && targets.length === 1) throw err;
          // kubectl prints what it found and reports each missing name.
          printPending(cli, blocks); cli.err(`Error from server (NotFound): ${err.message}\n`); errors++;
        }
      }
    } catch (err) {
      printPending(cli, blocks);
      throw err;
    }
    const rows = tables.flatMap((x) => x.rows);
    if (rows.length === 0) continue;
    const merged: Table = { columnDefinitions: tables[0]!.columnDefinitions, rows, resourceVersion: '' };
    const lines = tableLines(merged, { ...opts, withNamespace: opts.withNamespace && t.resource.namespaced, ...(types.size > 1 ? { kindPrefix: kindPrefix(t.resource) } : {}) });
    blocks.push(lines);
  }
  if (blocks.length === 0 && errors === 0) {
    if (!a.bool('ignore-not-found') || targets.every((t) => t.names.length === 0)) noneFound(cli, targets, allNs);
    return 0;
  }
  printPending(cli, blocks);
  return errors > 0 ? 1 : 0;
}

function printPending(cli: Cli, blocks: string[][]): void {
  if (blocks.length === 0) return;
  const lines = blocks.flatMap((b, i) => (i === 0 ? b : ['', ...b]));
  cli.out(alignGet(lines));
  blocks.length = 0;
}

function noneFound(cli: Cli, targets: readonly Target[], allNs: boolean): void {
  const namespaced = targets.some((t) => t.resource.namespaced);
  cli.err(namespaced && !allNs ? `No resources found in ${cli.namespace} namespace.\n` : 'No resources found\n');
}

async function listTables(cli: Cli, r: ApiResource, namespace: string, sel: { labelSelector?: string; fieldSelector?: string }): Promise<Table[]> {
  const out: Table[] = [];
  let cont: string | undefined;
  do {
    const body = await cli.api.json({
      path: pathOf(r, namespace), accept: acceptTable, signal: cli.io.signal,
      query: { ...sel, limit: cli.args.int('chunk-size') || undefined, continue: cont },
    });
    out.push(decodeTable(body));
    const meta = isRecord(body) && isRecord(body['metadata']) ? body['metadata'] : {};
    cont = typeof meta['continue'] === 'string' && meta['continue'] !== '' ? meta['continue'] : undefined;
  } while (cont !== undefined);
  return out;
}

async function fileTargets(cli: Cli): Promise<Target[]> {
  const d = await cli.discovery();
  return loadManifests(cli.args.strs('filename'), cli.args.bool('recursive'), cli.io.stdin).map((m) => {
    const r = d.forKind(m.object.apiVersion ?? '', m.object.kind ?? '');
    const namespace = r.namespaced ? (m.object.metadata.namespace ?? cli.namespace) : '';
    return { resource: r, names: [m.object.metadata.name ?? ''], namespace };
  });
}

async function watch(cli: Cli, t: Target, namespace: string, format: ReturnType<typeof parseOutput>): Promise<number> {
  const a = cli.args;
  const name = t.names[0];
  const fieldSelector = [name !== undefined ? `metadata.name=${name}` : undefined, nonEmpty(a.str('field-selector'))].filter((x) => x !== undefined).join(',');
  const sel = { labelSelector: nonEmpty(a.str('selector')), fieldSelector: nonEmpty(fieldSelector) };
  const aligner = new WatchAligner();
  const opts: TableOptions = {
    wide: format.t === 'table' && format.wide, withNamespace: a.bool('all-namespaces') && t.resource.namespaced, noHeaders: a.bool('no-headers'),
    showLabels: a.bool('show-labels'), labelColumns: a.strs('label-columns'),
  };
  let rv: string;
  let columns: Table['columnDefinitions'] = [];
  let headerDone = a.bool('no-headers');
  if (format.t === 'table') {
    const tables = await listTables(cli, t.resource, namespace, sel);
    const first = tables[0]!;
    columns = first.columnDefinitions;
    rv = tables.at(-1)!.resourceVersion;
    const merged: Table = { columnDefinitions: columns, rows: tables.flatMap((x) => x.rows), resourceVersion: rv };
    if (name !== undefined && merged.rows.length === 0) throw notFound(t.resource, name);
    if (!a.bool('watch-only') && merged.rows.length > 0) { cli.out(aligner.format(tableLines(merged, opts))); headerDone = true; }
    else if (merged.rows.length === 0 && !a.bool('watch-only')) noneFound(cli, [t], a.bool('all-namespaces'));
  } else {
    const list = await listObjects(cli, t.resource, namespace, sel);
    rv = list.resourceVersion;
    if (name !== undefined && list.items.length === 0) throw notFound(t.resource, name);
    if (!a.bool('show-managed-fields')) for (const o of list.items) delete o.metadata.managedFields;
    if (!a.bool('watch-only')) for (const o of list.items) cli.out(formatObjects(format, [{ resource: t.resource, object: o }], true));
  }
  for await (const ev of watchLines(cli, { path: pathOf(t.resource, namespace), accept: format.t === 'table' ? acceptTable : 'application/json', query: { ...sel, resourceVersion: rv, watch: true } })) {
    if (format.t === 'table') {
      const table = decodeTable(ev.object);
      if (table.columnDefinitions.length > 0) columns = table.columnDefinitions;
      const lines = tableLines(table, { ...opts, noHeaders: headerDone }, columns);
      headerDone = true;
      cli.out(aligner.format(lines));
    } else if (isRecord(ev.object)) {
      if (!a.bool('show-managed-fields') && isRecord(ev.object['metadata'])) delete ev.object['metadata']['managedFields'];
      cli.out(formatObjects(format, [{ resource: t.resource, object: { apiVersion: '', kind: t.resource.kind, ...ev.object } as ApiObject }], true));
    }
  }
  return 0;
}

const notFound = (r: ApiResource, name: string): Error =>
  new StatusError(404, 'NotFound', `${qualified(r)} "${name}" not found`);
