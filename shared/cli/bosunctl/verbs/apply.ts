// bosunctl apply -f FILE|DIR|- [-R]: client-side apply, as kubectl does by default. A missing
// object is created with the last-applied-configuration annotation; a present one gets a
// strategic merge patch from the three-way diff (last applied, manifest, live); an empty diff
// sends nothing ("unchanged"). --server-side sends the manifest as an apply patch instead.
// Nothing is pruned.
import { isStatusError, type StatusError } from '../../../api/errors.js';
import { isRecord, type ApiObject } from '../../../api/meta.js';
import type { FlagDef } from '../args.js';
import type { Cli } from '../context.js';
import { pathOf, type ApiResource } from '../discovery.js';
import { CliError, statusErrorText } from '../errors.js';
import { loadManifests, type Manifest } from '../manifests.js';
import { namespaceFor, objectName, withType } from '../objects.js';
import { threeWayPatch } from '../apply/three-way.js';

export const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';

export const applyFlags: readonly FlagDef[] = [
  { long: 'filename', short: 'f', kind: 'strings' },
  { long: 'recursive', short: 'R', kind: 'bool' },
  { long: 'server-side', kind: 'bool' },
  { long: 'force-conflicts', kind: 'bool' },
  { long: 'field-manager', kind: 'string' },
  { long: 'dry-run', kind: 'string', default: 'none' },
  { long: 'validate', kind: 'string', default: 'strict' },
  { long: 'output', short: 'o', kind: 'string' },
  { long: 'prune', kind: 'bool' },
];

/** Sorted keys, so the annotation reads like kubectl's (Go maps marshal sorted). */
function sortedJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (isRecord(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x));
}

/** The manifest with its own last-applied annotation, as kubectl stores it. */
export function withLastApplied(obj: ApiObject): ApiObject {
  const copy = structuredClone(obj);
  copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}) };
  delete copy.metadata.annotations[lastApplied];
  const text = `${sortedJson(copy)}\n`;
  const out = structuredClone(copy);
  out.metadata.annotations = { ...out.metadata.annotations, [lastApplied]: text };
  return out;
}

export function dryRunQuery(cli: Cli): { dryRun?: string; suffix: string; client: boolean } {
  const d = cli.args.str('dry-run');
  if (d === 'server') return { dryRun: 'All', suffix: ' (server dry run)', client: false };
  if (d === 'client' || d === 'true') return { suffix: ' (dry run)', client: true };
  if (d === 'none' || d === 'false' || d === '') return { suffix: '', client: false };
  throw new CliError(`Invalid dry-run value (${d}). Must be "none", "server", or "client".`);
}

export async function apply(cli: Cli): Promise<number> {
  const a = cli.args;
  if (a.bool('prune')) throw new CliError('--prune is not supported: bosunctl apply never deletes objects');
  if (a.strs('filename').length === 0) throw new CliError('must specify one of -f and -k');
  const manifests = loadManifests(a.strs('filename'), a.bool('recursive'), cli.io.stdin);
  const d = await cli.discovery();
  let failed = 0;
  for (const m of manifests) {
    try {
      const r = d.forKind(m.object.apiVersion ?? '', m.object.kind ?? '');
      const line = a.bool('server-side') ? await serverSide(cli, r, m) : await clientSide(cli, r, m);
      cli.out(`${line}\n`);
    } catch (err) {
      failed++;
      cli.err(`${describeFailure(err, `error when applying "${m.source}"`)}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}

/** One object's failure as kubectl prints it; `context` is e.g. 'error when creating "x.yaml"'. */
export function describeFailure(err: unknown, context?: string): string {
  if (isStatusError(err)) {
    return (err as StatusError).reason === 'Invalid' || context === undefined ? statusErrorText(err) : statusErrorText(err, context);
  }
  if (err instanceof CliError) return err.bare ? err.message : `error: ${err.message}`;
  return `error: ${err instanceof Error ? err.message : String(err)}`;
}

async function clientSide(cli: Cli, r: ApiResource, m: Manifest): Promise<string> {
  const ns = namespaceFor(cli, r, m.object);
  const obj: ApiObject = structuredClone(m.object);
  if (r.namespaced) obj.metadata.namespace = ns;
  const name = obj.metadata.name;
  if (name === undefined || name === '') throw new CliError(`error when retrieving current configuration of: ${m.source}: resource name may not be empty`);
  const dry = dryRunQuery(cli);
  const modified = withLastApplied(obj);
  const query = { fieldManager: cli.args.str('field-manager') || 'kubectl-client-side-apply', fieldValidation: 'Strict', dryRun: dry.dryRun };
  for (let attempt = 0; ; attempt++) {
    let live: ApiObject | undefined;
    try {
      live = withType(r, await cli.api.json({ path: pathOf(r, ns, name), signal: cli.io.signal }));
    } catch (err) {
      if (!isStatusError(err, 'NotFound')) throw err;
    }
    if (live === undefined) {
      if (!dry.client) {
        try {
          await cli.api.json({ method: 'POST', path: pathOf(r, ns), query, body: modified, signal: cli.io.signal });
        } catch (err) {
          if (isStatusError(err, 'AlreadyExists') && attempt < 3) continue;
          throw err;
        }
      }
      return `${objectName(r, name)} created${dry.suffix}`;
    }
    const annotation = live.metadata.annotations?.[lastApplied];
    if (annotation === undefined) {
      cli.err(`Warning: resource ${r.resource}/${name} is missing the ${lastApplied} annotation which is required by bosunctl apply. bosunctl apply should only be used on resources created declaratively by either bosunctl create --save-config or bosunctl apply. The missing annotation will be patched automatically.\n`);
    }
    let original: Record<string, unknown> | undefined;
    try { original = annotation !== undefined ? JSON.parse(annotation) as Record<string, unknown> : undefined; } catch { original = undefined; }
    const patch = threeWayPatch(r.kind, original, modified as Record<string, unknown>, live as Record<string, unknown>);
    if (Object.keys(patch).length === 0) return `${objectName(r, name)} unchanged${dry.suffix}`;
    if (!dry.client) {
      try {
        await cli.api.json({
          method: 'PATCH', path: pathOf(r, ns, name), query, body: patch,
          contentType: 'application/strategic-merge-patch+json', signal: cli.io.signal,
        });
      } catch (err) {
        if (isStatusError(err, 'Conflict') && attempt < 5) continue;
        throw err;
      }
    }
    return `${objectName(r, name)} configured${dry.suffix}`;
  }
}

async function serverSide(cli: Cli, r: ApiResource, m: Manifest): Promise<string> {
  const ns = namespaceFor(cli, r, m.object);
  const obj: ApiObject = structuredClone(m.object);
  if (r.namespaced) obj.metadata.namespace = ns;
  const name = obj.metadata.name ?? '';
  const dry = dryRunQuery(cli);
  if (!dry.client) {
    await cli.api.json({
      method: 'PATCH', path: pathOf(r, ns, name), body: obj, contentType: 'application/apply-patch+yaml', signal: cli.io.signal,
      query: { fieldManager: cli.args.str('field-manager') || 'kubectl', fieldValidation: 'Strict', force: cli.args.bool('force-conflicts'), dryRun: dry.dryRun },
    });
  }
  return `${objectName(r, name)} serverside-applied${dry.suffix}`;
}
