// What the server serves, from discovery (aggregated /api + /apis when the server offers it,
// the legacy per-group-version lists otherwise), and how a name the user types ("po",
// "deployments.apps", "Deployment", "deploy.v1.apps") maps to a resource.
import { isRecord } from '../../api/meta.js';
import type { Api } from './api.js';
import { CliError } from './errors.js';

export interface ApiResource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly singular: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly verbs: readonly string[];
  /** "scale", "status", "log", "eviction", … */
  readonly subresources: readonly string[];
  /** The group's preferred version. */
  readonly preferred: boolean;
}

export const groupVersion = (r: Pick<ApiResource, 'group' | 'version'>): string => (r.group === '' ? r.version : `${r.group}/${r.version}`);
/** "deployment.apps" or "pod", as kubectl prefixes names. */
export const kindPrefix = (r: Pick<ApiResource, 'group' | 'kind'>): string =>
  r.group === '' ? r.kind.toLowerCase() : `${r.kind.toLowerCase()}.${r.group}`;
/** "deployments.apps" or "pods", as the server names a resource in messages. */
export const qualified = (r: Pick<ApiResource, 'group' | 'resource'>): string => (r.group === '' ? r.resource : `${r.resource}.${r.group}`);

const aggregatedAccept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const s = (v: unknown): string => (typeof v === 'string' ? v : '');

export class Discovery {
  private constructor(readonly resources: readonly ApiResource[], readonly groups: readonly string[]) {}

  static async load(api: Api): Promise<Discovery> {
    const [core, apis] = await Promise.all([
      api.raw({ path: '/api', accept: aggregatedAccept }),
      api.raw({ path: '/apis', accept: aggregatedAccept }),
    ]);
    const aggregated = (ct: string): boolean => ct.includes('as=APIGroupDiscoveryList');
    if (aggregated(core.contentType) && aggregated(apis.contentType)) {
      const list = [...fromAggregated(JSON.parse(core.text)), ...fromAggregated(JSON.parse(apis.text))];
      return new Discovery(list, [...new Set(list.map((r) => r.group))]);
    }
    return Discovery.legacy(api, JSON.parse(core.text), JSON.parse(apis.text));
  }

  private static async legacy(api: Api, core: unknown, apis: unknown): Promise<Discovery> {
    const gvs: { group: string; version: string; preferred: boolean }[] = [];
    for (const v of isRecord(core) ? strs(core['versions']) : []) gvs.push({ group: '', version: v, preferred: gvs.length === 0 });
    for (const g of isRecord(apis) && Array.isArray(apis['groups']) ? apis['groups'] : []) {
      if (!isRecord(g)) continue;
      const pref = isRecord(g['preferredVersion']) ? s(g['preferredVersion']['version']) : '';
      for (const v of Array.isArray(g['versions']) ? g['versions'] : []) {
        if (isRecord(v)) gvs.push({ group: s(g['name']), version: s(v['version']), preferred: s(v['version']) === pref });
      }
    }
    const lists = await Promise.all(gvs.map(async (gv) => {
      const path = gv.group === '' ? `/api/${gv.version}` : `/apis/${gv.group}/${gv.version}`;
      try { return { gv, body: await api.json({ path }) }; } catch { return { gv, body: undefined }; }
    }));
    const out: ApiResource[] = [];
    for (const { gv, body } of lists) {
      const rs = isRecord(body) && Array.isArray(body['resources']) ? body['resources'].filter(isRecord) : [];
      const subs = new Map<string, string[]>();
      for (const r of rs) {
        const [parent, sub] = s(r['name']).split('/');
        if (parent !== undefined && sub !== undefined) subs.set(parent, [...(subs.get(parent) ?? []), sub]);
      }
      for (const r of rs) {
        const name = s(r['name']);
        if (name.includes('/')) continue;
        out.push({
          group: gv.group, version: gv.version, resource: name, singular: s(r['singularName']) || s(r['kind']).toLowerCase(),
          kind: s(r['kind']), namespaced: r['namespaced'] === true, shortNames: strs(r['shortNames']),
          categories: strs(r['categories']), verbs: strs(r['verbs']), subresources: subs.get(name) ?? [], preferred: gv.preferred,
        });
      }
    }
    // Preferred versions first, so a bare name resolves to them.
    out.sort((a, b) => Number(b.preferred) - Number(a.preferred));
    return new Discovery(out, [...new Set(gvs.map((g) => g.group))]);
  }

  /** The served versions of a group ('' is core). */
  hasGroup(group: string): boolean {
    return this.groups.includes(group);
  }

  /** A resource type as the user typed it; throws kubectl's error when nothing matches. */
  resolve(typed: string): ApiResource {
    const found = this.find(typed);
    if (found === undefined) throw new CliError(`the server doesn't have a resource type "${typed}"`);
    return found;
  }

  find(typed: string): ApiResource | undefined {
    const lower = typed.toLowerCase();
    const [name, ...rest] = lower.split('.');
    const qualifier = rest.join('.');
    const named = (r: ApiResource): boolean =>
      r.resource === name || r.singular === name || r.shortNames.includes(name ?? '') || r.kind.toLowerCase() === name;
    const candidates = this.resources.filter(named);
    if (qualifier === '') return candidates.find((r) => r.preferred) ?? candidates[0];
    // "deployments.apps" or "deployments.v1.apps"
    return candidates.find((r) => r.group === qualifier && r.preferred)
      ?? candidates.find((r) => r.group === qualifier)
      ?? candidates.find((r) => `${r.version}.${r.group}` === qualifier || (r.group === '' && r.version === qualifier));
  }

  /** The resource for an object's apiVersion and kind. */
  forKind(apiVersion: string, kind: string): ApiResource {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') as [string, string] : ['', apiVersion];
    const r = this.resources.find((x) => x.group === group && x.version === version && x.kind === kind);
    if (r === undefined) {
      throw new CliError(`resource mapping not found for name: "" namespace: "" from "": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`);
    }
    return r;
  }

  /** Preferred version of each resource, in discovery order (what api-resources lists). */
  preferred(): ApiResource[] {
    return this.resources.filter((r) => r.preferred);
  }
}

function fromAggregated(body: unknown): ApiResource[] {
  const out: ApiResource[] = [];
  const items = isRecord(body) && Array.isArray(body['items']) ? body['items'].filter(isRecord) : [];
  for (const g of items) {
    const group = isRecord(g['metadata']) ? s(g['metadata']['name']) : '';
    const versions = Array.isArray(g['versions']) ? g['versions'].filter(isRecord) : [];
    versions.forEach((v, i) => {
      for (const r of Array.isArray(v['resources']) ? v['resources'].filter(isRecord) : []) {
        const rk = isRecord(r['responseKind']) ? r['responseKind'] : {};
        if (s(rk['kind']) === '') continue;
        out.push({
          group, version: s(v['version']), resource: s(r['resource']),
          singular: s(r['singularResource']) || s(rk['kind']).toLowerCase(), kind: s(rk['kind']),
          namespaced: r['scope'] === 'Namespaced', shortNames: strs(r['shortNames']), categories: strs(r['categories']),
          verbs: strs(r['verbs']), preferred: i === 0,
          subresources: Array.isArray(r['subresources']) ? r['subresources'].filter(isRecord).map((x) => s(x['subresource'])) : [],
        });
      }
    });
  }
  return out;
}

/** The REST path of a resource's collection or object. */
export function pathOf(r: Pick<ApiResource, 'group' | 'version' | 'resource' | 'namespaced'>, namespace: string | undefined, name?: string, sub?: string): string {
  const root = r.group === '' ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
  const ns = r.namespaced && namespace !== undefined && namespace !== '' ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${root}${ns}/${r.resource}${name !== undefined ? `/${encodeURIComponent(name)}` : ''}${sub !== undefined ? `/${sub}` : ''}`;
}
