// What configMap, secret, downwardAPI and projected volumes hold (pure): file paths, contents
// and modes, as Kubernetes makes them — every key (or just the listed items), defaultMode
// 0644 unless an item names its own mode.
import type { ConfigMap } from '../../../shared/api/core/v1/configmap.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { Secret } from '../../../shared/api/core/v1/secret.js';
import type { DownwardAPIVolumeFile, KeyToPath, Volume } from '../../../shared/api/core/v1/volume.js';
import { fieldValue, resourceValue, type EnvSources } from '../env/env.js';
import type { FileContent, Payload } from './atomic-writer.js';

export const defaultFileMode = 0o644;

export class VolumeSourceError extends Error {
  override readonly name = 'VolumeSourceError';
}

export interface PayloadSources extends Pick<EnvSources, 'configMap' | 'secret' | 'podIP' | 'hostIP' | 'nodeAllocatable'> {}

type KeyValues = ReadonlyMap<string, Buffer>;

function configMapData(cm: ConfigMap): KeyValues {
  const out = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(cm.data ?? {})) out.set(k, Buffer.from(v));
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) out.set(k, Buffer.from(v, 'base64'));
  return out;
}

const secretData = (s: Secret): KeyValues => new Map(Object.entries(s.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]));

function fromKeys(what: 'configmap' | 'secret', data: KeyValues, items: readonly KeyToPath[] | undefined, mode: number, optional: boolean, into: Map<string, FileContent>): void {
  if (items === undefined || items.length === 0) {
    for (const [k, v] of data) into.set(k, { data: v, mode });
    return;
  }
  for (const it of items) {
    const v = data.get(it.key);
    if (v === undefined) {
      if (optional) continue;
      throw new VolumeSourceError(what === 'configmap' ? `configmap references non-existent config key: ${it.key}` : `references non-existent secret key: ${it.key}`);
    }
    into.set(it.path, { data: v, mode: it.mode ?? mode });
  }
}

function downward(pod: Pod, items: readonly DownwardAPIVolumeFile[], mode: number, src: PayloadSources, into: Map<string, FileContent>): void {
  for (const it of items) {
    let value: string;
    if (it.fieldRef !== undefined) value = fieldValue(pod, it.fieldRef, src);
    else if (it.resourceFieldRef !== undefined) {
      const c = pod.spec?.containers.find((x) => x.name === it.resourceFieldRef?.containerName) ?? pod.spec?.containers[0];
      if (c === undefined) throw new VolumeSourceError(`downwardAPI ${it.path}: the pod has no containers`);
      value = resourceValue(pod, c, it.resourceFieldRef, src);
    } else throw new VolumeSourceError(`downwardAPI ${it.path}: names neither fieldRef nor resourceFieldRef`);
    into.set(it.path, { data: Buffer.from(value), mode: it.mode ?? mode });
  }
}

/** The files of a configMap, secret, downwardAPI or projected volume; undefined for other kinds. */
export function volumePayload(pod: Pod, v: Volume, src: PayloadSources): Payload | undefined {
  const out = new Map<string, FileContent>();
  if (v.configMap !== undefined) {
    const name = v.configMap.name ?? '';
    const cm = src.configMap(name);
    if (cm === undefined) {
      if (v.configMap.optional === true) return out;
      throw new VolumeSourceError(`configmap "${name}" not found`);
    }
    fromKeys('configmap', configMapData(cm), v.configMap.items, v.configMap.defaultMode ?? defaultFileMode, v.configMap.optional === true, out);
    return out;
  }
  if (v.secret !== undefined) {
    const name = v.secret.secretName ?? '';
    const s = src.secret(name);
    if (s === undefined) {
      if (v.secret.optional === true) return out;
      throw new VolumeSourceError(`secret "${name}" not found`);
    }
    fromKeys('secret', secretData(s), v.secret.items, v.secret.defaultMode ?? defaultFileMode, v.secret.optional === true, out);
    return out;
  }
  if (v.downwardAPI !== undefined) {
    downward(pod, v.downwardAPI.items ?? [], v.downwardAPI.defaultMode ?? defaultFileMode, src, out);
    return out;
  }
  if (v.projected !== undefined) {
    const mode = v.projected.defaultMode ?? defaultFileMode;
    for (const p of v.projected.sources ?? []) {
      if (p.configMap !== undefined) {
        const cm = src.configMap(p.configMap.name ?? '');
        if (cm === undefined) { if (p.configMap.optional === true) continue; throw new VolumeSourceError(`configmap "${p.configMap.name ?? ''}" not found`); }
        fromKeys('configmap', configMapData(cm), p.configMap.items, mode, p.configMap.optional === true, out);
      } else if (p.secret !== undefined) {
        const s = src.secret(p.secret.name ?? '');
        if (s === undefined) { if (p.secret.optional === true) continue; throw new VolumeSourceError(`secret "${p.secret.name ?? ''}" not found`); }
        fromKeys('secret', secretData(s), p.secret.items, mode, p.secret.optional === true, out);
      } else if (p.downwardAPI !== undefined) {
        downward(pod, p.downwardAPI.items ?? [], mode, src, out);
      } else if (p.serviceAccountToken !== undefined) {
        throw new VolumeSourceError('serviceAccountToken projections need the security work (tokens), which Bosun does not have yet');
      }
    }
    return out;
  }
  return undefined;
}
