// Reading objects and naming them: the resource arguments of get/delete/describe/label
// ("pods", "deploy,svc", "pods/web", "svc web db"), GET/LIST helpers that fill in kind and
// apiVersion, and how kubectl names an object in its messages ("deployment.apps/web").
import { isRecord, type ApiObject } from '../../api/meta.js';
import type { Cli } from './context.js';
import { groupVersion, kindPrefix, pathOf, type ApiResource } from './discovery.js';
import { CliError } from './errors.js';

export interface Target {
  readonly resource: ApiResource;
  /** Empty: the whole collection. */
  readonly names: readonly string[];
  /** Set for objects named by a manifest. */
  readonly namespace?: string;
}

/** Expands the positional resource arguments; `all` and other categories expand to their members. */
export async function resolveTargets(cli: Cli, args: readonly string[], verb: string): Promise<Target[]> {
  if (args.length === 0) {
    throw new CliError(`You must specify the type of resource to ${verb}. Use "bosunctl api-resources" for a complete list of supported resources.`);
  }
  const d = await cli.discovery();
  const expand = (typed: string): ApiResource[] => {
    const byCategory = d.preferred().filter((r) => r.categories.includes(typed.toLowerCase()));
    return d.find(typed) === undefined && byCategory.length > 0 ? byCategory : [d.resolve(typed)];
  };
  if (args.every((a) => a.includes('/'))) {
    const out: Target[] = [];
    for (const a of args) {
      const [type, name] = a.split('/', 2) as [string, string];
      if (name === '') throw new CliError(`arguments in resource/name form must have a single resource and name`);
      const r = d.resolve(type);
      const same = out.find((t) => t.resource === r);
      if (same !== undefined) (same.names as string[]).push(name);
      else out.push({ resource: r, names: [name] });
    }
    return out;
  }
  if (args.some((a) => a.includes('/'))) {
    throw new CliError('there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. \'bosunctl get resource/<resource_name>\' instead of \'bosunctl get resource resource/<resource_name>\')');
  }
  const [types, ...names] = args as [string, ...string[]];
  const resources = types.split(',').filter((t) => t !== '').flatMap(expand);
  if (names.length > 0 && resources.length > 1 && types.split(',').length > 1) {
    return resources.map((r) => ({ resource: r, names }));
  }
  return resources.map((r) => ({ resource: r, names }));
}

/** The object with kind and apiVersion set (lists leave them out of items). */
export function withType(r: ApiResource, o: unknown): ApiObject {
  if (!isRecord(o) || !isRecord(o['metadata'])) throw new CliError(`the server sent a ${r.kind} without metadata`);
  return { apiVersion: groupVersion(r), kind: r.kind, ...o } as ApiObject;
}

export async function getObject(cli: Cli, r: ApiResource, namespace: string, name: string): Promise<ApiObject> {
  return withType(r, await cli.api.json({ path: pathOf(r, namespace, name), signal: cli.io.signal }));
}

export interface Selectors {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

export async function listObjects(cli: Cli, r: ApiResource, namespace: string, sel: Selectors = {}, signal: AbortSignal = cli.io.signal): Promise<{ items: ApiObject[]; resourceVersion: string }> {
  const items: ApiObject[] = [];
  let cont: string | undefined;
  let rv = '';
  do {
    const body = await cli.api.json({
      path: pathOf(r, namespace), signal,
      query: { labelSelector: nonEmpty(sel.labelSelector), fieldSelector: nonEmpty(sel.fieldSelector), limit: 500, continue: cont },
    });
    if (!isRecord(body) || !Array.isArray(body['items'])) throw new CliError(`the server's list of ${r.resource} has no items`);
    items.push(...body['items'].map((o) => withType(r, o)));
    const meta = isRecord(body['metadata']) ? body['metadata'] : {};
    cont = typeof meta['continue'] === 'string' && meta['continue'] !== '' ? meta['continue'] : undefined;
    rv = typeof meta['resourceVersion'] === 'string' ? meta['resourceVersion'] : rv;
  } while (cont !== undefined);
  return { items, resourceVersion: rv };
}

export const nonEmpty = (s: string | undefined): string | undefined => (s === undefined || s === '' ? undefined : s);

/** "deployment.apps/web", as kubectl names objects in "created" and "-o name" lines. */
export const objectName = (r: Pick<ApiResource, 'group' | 'kind'>, name: string): string => `${kindPrefix(r)}/${name}`;

/** The namespace an object goes to: its own, else the context's; -n must agree with it. */
export function namespaceFor(cli: Cli, r: ApiResource, obj: ApiObject): string {
  if (!r.namespaced) return '';
  const own = obj.metadata.namespace;
  if (own !== undefined && own !== '' && cli.namespaceExplicit && own !== cli.namespace) {
    throw new CliError(`the namespace from the provided object "${own}" does not match the namespace "${cli.namespace}". You must pass '--namespace=${own}' to perform this operation.`);
  }
  return own !== undefined && own !== '' ? own : cli.namespace;
}

export interface ObjectRef { readonly r: ApiResource; readonly ns: string; readonly name: string }

/** The objects a verb acts on: TYPE NAME…, TYPE/NAME…, or TYPE -l SEL / --all when `selector` is given. */
export async function objectRefs(cli: Cli, args: readonly string[], verb: string, selector?: { label?: string; all?: boolean }): Promise<ObjectRef[]> {
  const out: ObjectRef[] = [];
  for (const t of await resolveTargets(cli, args, verb)) {
    const ns = t.resource.namespaced ? t.namespace ?? cli.namespace : '';
    if (t.names.length > 0) { for (const name of t.names) out.push({ r: t.resource, ns, name }); continue; }
    if (selector !== undefined && (nonEmpty(selector.label) !== undefined || selector.all === true)) {
      const list = await listObjects(cli, t.resource, ns, { labelSelector: nonEmpty(selector.label) });
      for (const o of list.items) out.push({ r: t.resource, ns, name: o.metadata.name ?? '' });
      continue;
    }
    throw new CliError(`resource(s) were provided, but no name was specified`);
  }
  return out;
}
