// What a request's path and method point at, parsed as Kubernetes' RequestInfoFactory does.

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface ResourceRequest {
  readonly group: string;
  readonly version: string;
  readonly namespace: string;
  readonly resource: string;
  readonly name: string;
  readonly subresource: string;
  readonly verb: Verb;
}

const namespaceSubresources: ReadonlySet<string> = new Set(['status', 'finalize']);

/** Returns undefined for paths that are not resource requests (discovery, /version, …). */
export function parseResourceRequest(method: string, pathname: string, query: URLSearchParams): ResourceRequest | undefined {
  const parts = pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 2) {
    group = ''; version = parts[1]!; rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1]!; version = parts[2]!; rest = parts.slice(3);
  } else {
    return undefined;
  }
  if (rest.length === 0) return undefined;
  let watchPath = false;
  if (rest[0] === 'watch') { watchPath = true; rest = rest.slice(1); }
  let namespace = '';
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1]!;
    if (rest.length > 2 && !namespaceSubresources.has(rest[2]!)) rest = rest.slice(2);
    else { rest = ['namespaces', ...rest.slice(1)]; namespace = ''; }
  }
  const [resource = '', name = '', subresource = '', ...extra] = rest;
  if (extra.length > 0 || resource === '') return undefined;
  const watch = watchPath || query.get('watch') === 'true' || query.get('watch') === '1';
  let verb: Verb;
  switch (method) {
    case 'GET': case 'HEAD': verb = name !== '' && subresource === '' && !watch ? 'get' : watch ? 'watch' : name !== '' ? 'get' : 'list'; break;
    case 'POST': verb = 'create'; break;
    case 'PUT': verb = 'update'; break;
    case 'PATCH': verb = 'patch'; break;
    case 'DELETE': verb = name !== '' ? 'delete' : 'deletecollection'; break;
    default: return undefined;
  }
  // A namespace itself: /api/v1/namespaces/{name}[/status|/finalize].
  if (resource === 'namespaces' && namespace === '' && rest[0] === 'namespaces') {
    return { group, version, namespace: '', resource, name, subresource, verb };
  }
  return { group, version, namespace, resource, name, subresource, verb };
}
