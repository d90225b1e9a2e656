// Pods from a controller's template (Kubernetes' GetPodFromTemplate) and the template hash
// a Deployment names its ReplicaSets by (controller.ComputeHash).
//
// The hash is FNV-32a over a canonical JSON of the template (object keys sorted, undefined
// members left out), then, when given, the collision count as 8 little-endian bytes; its
// decimal digits are written in Kubernetes' SafeEncodeString alphabet. It is deterministic —
// the same template gives the same hash in every process and after every restart — but not
// byte-identical to Kubernetes', which hashes a spew dump of the Go struct.
import type { Pod, PodTemplateSpec } from '../../../shared/api/core/v1/pod.js';
import type { ApiObject, ObjectMeta, OwnerReference } from '../../../shared/api/meta.js';

/** Longest DNS subdomain, the longest pod name. */
const maxNameLength = 253;

/** `<owner>-` when that still fits a name, else the owner's name (getPodsPrefix). */
export function podNamePrefix(ownerName: string): string {
  return ownerName.length + 1 <= maxNameLength ? `${ownerName}-` : ownerName;
}

/** A pod to create from `template` for `owner`: labels, annotations, finalizers, the controller reference, the spec. */
export function podFromTemplate(template: PodTemplateSpec, owner: ApiObject, controllerRef?: OwnerReference): Pod {
  const t = template.metadata ?? {};
  const metadata: ObjectMeta = { generateName: podNamePrefix(owner.metadata.name ?? '') };
  if (owner.metadata.namespace !== undefined) metadata.namespace = owner.metadata.namespace;
  if (t.labels !== undefined) metadata.labels = { ...t.labels };
  if (t.annotations !== undefined) metadata.annotations = { ...t.annotations };
  if (t.finalizers !== undefined) metadata.finalizers = [...t.finalizers];
  if (controllerRef !== undefined) metadata.ownerReferences = [{ ...controllerRef }];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(template.spec ?? { containers: [] }) };
}

/** JSON with object keys sorted at every level and undefined members left out. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  const rec = v as Record<string, unknown>;
  const parts = Object.keys(rec).sort()
    .filter((k) => rec[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(rec[k])}`);
  return `{${parts.join(',')}}`;
}

/** FNV-1a, 32 bits, continuing from `hash` (hash/fnv New32a). */
export function fnv32a(bytes: Uint8Array, hash = 0x811c9dc5): number {
  let h = hash;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

/** Kubernetes' alphabet without vowels and look-alikes (util/rand.SafeEncodeString). */
const alphanums = 'bcdfghjklmnpqrstvwxz2456789';

export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += alphanums[ch.codePointAt(0)! % alphanums.length];
  return out;
}

/** The pod-template-hash of `template` (see the header); `collisionCount` from a Deployment's status. */
export function computePodTemplateHash(template: PodTemplateSpec, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(canonicalJson(template)));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(bytes, h);
  }
  return safeEncodeString(String(h));
}
