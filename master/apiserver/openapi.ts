// OpenAPI for kubectl: apply, create -f and replace fail when neither /openapi/v3 nor
// /openapi/v2 answers. v3 lists every group-version and, per kind, a PATCH operation that
// accepts fieldValidation, so kubectl leaves validation to the server (reference §5).
import { createHash } from 'node:crypto';
import type { ResourceType } from '../../shared/api/resource.js';
import { groupsOf } from './discovery.js';

/** Protobuf Document{ swagger: "2.0" }: what kubectl 1.27–1.33 need from /openapi/v2. */
export const openapiV2Body = Buffer.from([0x0a, 0x03, 0x32, 0x2e, 0x30]);
export const openapiV2ContentType = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

const gvPath = (group: string, version: string): string => (group === '' ? `api/${version}` : `apis/${group}/${version}`);

export interface OpenApiV3 {
  readonly root: string;
  /** By "api/v1" / "apis/apps/v1": the document body. */
  readonly docs: ReadonlyMap<string, string>;
}

export function buildOpenApiV3(resources: readonly ResourceType[], gitVersion: string): OpenApiV3 {
  const docs = new Map<string, string>();
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const g of groupsOf(resources)) {
    for (const v of g.versions) {
      const key = gvPath(g.group, v);
      const ops: Record<string, unknown> = {};
      for (const rt of resources.filter((r) => r.group === g.group && r.version === v)) {
        const base = rt.namespaced ? `/${key}/namespaces/{namespace}/${rt.resource}` : `/${key}/${rt.resource}`;
        const gvk = { group: rt.group, version: rt.version, kind: rt.kind };
        const params = [
          { name: 'dryRun', in: 'query', schema: { type: 'string' } },
          { name: 'fieldManager', in: 'query', schema: { type: 'string' } },
          { name: 'fieldValidation', in: 'query', schema: { type: 'string' } },
        ];
        const op = (id: string) => ({
          operationId: `${id}${rt.kind}`, 'x-kubernetes-group-version-kind': gvk, parameters: params,
          responses: { 200: { description: 'OK' } },
        });
        ops[base] = { post: op('create') };
        ops[`${base}/{name}`] = { get: op('read'), put: op('replace'), patch: op('patch'), delete: op('delete') };
      }
      const body = JSON.stringify({
        openapi: '3.0.0', info: { title: 'Bosun', version: gitVersion },
        paths: ops, components: { schemas: {} },
      });
      docs.set(key, body);
      const hash = createHash('sha512').update(body).digest('hex').slice(0, 16).toUpperCase();
      paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
    }
  }
  return { root: JSON.stringify({ paths }), docs };
}

