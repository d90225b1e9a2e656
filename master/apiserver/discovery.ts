// Discovery: legacy (/api, /apis, per group and group-version) and aggregated v2/v2beta1,
// which kubectl recognises only by the response Content-Type.
import type { ResourceType, Subresource } from '../../shared/api/resource.js';

const verbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const subVerbs: Record<Subresource, string[]> = {
  status: ['get', 'patch', 'update'],
  scale: ['get', 'patch', 'update'],
  binding: ['create'],
  eviction: ['create'],
  log: ['get'],
  exec: ['create', 'get'],
  attach: ['create', 'get'],
  portforward: ['create', 'get'],
};
const subKind = (rt: ResourceType, sub: Subresource): { group: string; version: string; kind: string } => {
  switch (sub) {
    case 'scale': return { group: 'autoscaling', version: 'v1', kind: 'Scale' };
    case 'binding': return { group: '', version: 'v1', kind: 'Binding' };
    case 'eviction': return { group: 'policy', version: 'v1', kind: 'Eviction' };
    case 'log': return { group: '', version: 'v1', kind: 'Pod' };
    case 'exec': return { group: '', version: 'v1', kind: 'PodExecOptions' };
    case 'attach': return { group: '', version: 'v1', kind: 'PodAttachOptions' };
    case 'portforward': return { group: '', version: 'v1', kind: 'PodPortForwardOptions' };
    case 'status': return { group: rt.group, version: rt.version, kind: rt.kind };
  }
};

export const aggregatedV2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
export const aggregatedV2beta1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

export interface GroupVersions {
  readonly group: string;
  /** Preferred first. */
  readonly versions: readonly string[];
}

/** Groups in the order the table lists them, core first, each with its versions in order. */
export function groupsOf(resources: readonly ResourceType[]): GroupVersions[] {
  const out: { group: string; versions: string[] }[] = [];
  for (const rt of resources) {
    let g = out.find((x) => x.group === rt.group);
    if (g === undefined) { g = { group: rt.group, versions: [] }; out.push(g); }
    if (!g.versions.includes(rt.version)) g.versions.push(rt.version);
  }
  return out;
}

const gv = (group: string, version: string): string => (group === '' ? version : `${group}/${version}`);

function versionEntry(group: string, version: string) {
  return { groupVersion: gv(group, version), version };
}

export function apiVersions(serverAddress: string) {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function apiGroup(g: GroupVersions) {
  return {
    name: g.group,
    versions: g.versions.map((v) => versionEntry(g.group, v)),
    preferredVersion: versionEntry(g.group, g.versions[0]!),
  };
}

export function apiGroupList(resources: readonly ResourceType[]) {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groupsOf(resources).filter((g) => g.group !== '').map(apiGroup) };
}

export function apiGroupObject(resources: readonly ResourceType[], group: string) {
  const g = groupsOf(resources).find((x) => x.group === group);
  return g === undefined ? undefined : { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g) };
}

export function apiResourceList(resources: readonly ResourceType[], group: string, version: string) {
  const rts = resources.filter((r) => r.group === group && r.version === version);
  if (rts.length === 0) return undefined;
  const list: Record<string, unknown>[] = [];
  for (const rt of rts) {
    list.push({
      name: rt.resource, singularName: rt.singular, namespaced: rt.namespaced, kind: rt.kind, verbs,
      ...(rt.shortNames.length > 0 ? { shortNames: rt.shortNames } : {}),
      ...(rt.categories.length > 0 ? { categories: rt.categories } : {}),
    });
    for (const sub of rt.subresources) {
      const k = subKind(rt, sub);
      list.push({
        name: `${rt.resource}/${sub}`, singularName: '', namespaced: rt.namespaced, kind: k.kind, verbs: subVerbs[sub],
        ...(k.group !== rt.group || k.version !== rt.version ? { group: k.group, version: k.version } : {}),
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv(group, version), resources: list };
}

/** Aggregated discovery for /api (core only) or /apis (every other group). */
export function aggregated(resources: readonly ResourceType[], core: boolean, apiVersion: 'v2' | 'v2beta1') {
  const groups = groupsOf(resources).filter((g) => (g.group === '') === core);
  return {
    kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${apiVersion}`, metadata: {},
    items: groups.map((g) => ({
      metadata: g.group === '' ? {} : { name: g.group },
      versions: g.versions.map((v) => ({
        version: v, freshness: 'Current',
        resources: resources.filter((r) => r.group === g.group && r.version === v).map((rt) => ({
          resource: rt.resource, singularResource: rt.singular,
          responseKind: { group: rt.group, version: rt.version, kind: rt.kind },
          scope: rt.namespaced ? 'Namespaced' : 'Cluster', verbs,
          ...(rt.shortNames.length > 0 ? { shortNames: rt.shortNames } : {}),
          ...(rt.categories.length > 0 ? { categories: rt.categories } : {}),
          ...(rt.subresources.length > 0 ? {
            subresources: rt.subresources.map((sub) => ({ subresource: sub, responseKind: subKind(rt, sub), verbs: subVerbs[sub] })),
          } : {}),
        })),
      })),
    })),
  };
}
