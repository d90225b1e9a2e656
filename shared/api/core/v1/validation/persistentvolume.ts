// PersistentVolumes (pkg/apis/core/validation: ValidatePersistentVolumeSpec,
// ValidatePersistentVolumeUpdate). Bosun knows the hostPath, nfs, local and csi sources.
import { type FieldError, forbidden, invalid, notSupported, required } from '../../../validation/field-error.js';
import { isDNS1123Subdomain, validateObjectMeta, validateObjectMetaUpdate } from '../../../validation/names.js';
import { deepEqual } from '../../../../util/deep-equal.js';
import type { NodeSelector } from '../affinity.js';
import {
  type PersistentVolume, type PersistentVolumeSpec, type VolumeNodeAffinity, persistentVolumeSourceKeys,
} from '../persistentvolume.js';
import type { HostPathVolumeSource, NFSVolumeSource } from '../volume.js';
import { describeDiff } from './diff.js';
import { quantitiesOf, validateBasicResource, validatePositiveQuantity } from './resources.js';
import { validateNodeSelector } from './scheduling.js';
import { pathNoBacksteps, validateHostPath, validateNFS } from './volume.js';
import { isSet, messages, recordOf, stringsOf, textOf } from './values.js';

export const accessModes = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
export const volumeModes = ['Block', 'Filesystem'];
const reclaimPolicies = ['Delete', 'Recycle', 'Retain'];

/** Supported modes, and ReadWriteOncePod alone (shared with claims). */
export function validateAccessModes(modes: readonly string[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  let oncePod = false;
  let others = false;
  for (const mode of modes) {
    if (!accessModes.includes(mode)) errs.push(notSupported(path, mode, accessModes));
    if (mode === 'ReadWriteOncePod') oncePod = true;
    else if (accessModes.includes(mode)) others = true;
  }
  if (oncePod && others) errs.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

type SourceCheck = (source: Record<string, unknown>, path: string) => FieldError[];

const sourceChecks: Record<(typeof persistentVolumeSourceKeys)[number], SourceCheck> = {
  hostPath: (s, p) => validateHostPath(s as unknown as HostPathVolumeSource, p),
  nfs: (s, p) => validateNFS(s as unknown as NFSVolumeSource, p),
  local: (s, p) => (textOf(s['path']) === '' ? [required(`${p}.path`)] : pathNoBacksteps(textOf(s['path']), `${p}.path`)),
  csi: (s, p) => [
    ...(textOf(s['driver']) === '' ? [required(`${p}.driver`)] : []),
    ...messages(isDNS1123Subdomain, textOf(s['driver']).toLowerCase(), `${p}.driver`),
    ...(textOf(s['volumeHandle']) === '' ? [required(`${p}.volumeHandle`)] : []),
  ],
};

function validateSource(spec: PersistentVolumeSpec, hasNodeAffinity: boolean): FieldError[] {
  const errs: FieldError[] = [];
  let found = 0;
  for (const key of persistentVolumeSourceKeys) {
    const source = recordOf<Record<string, unknown>>(spec[key]);
    if (source === undefined) continue;
    if (found > 0) {
      errs.push(forbidden(`spec.${key}`, 'may not specify more than 1 volume type'));
      continue;
    }
    found++;
    errs.push(...sourceChecks[key](source, `spec.${key}`));
    if (key === 'local' && !hasNodeAffinity) errs.push(required('spec.nodeAffinity', 'Local volume requires node affinity'));
  }
  if (found === 0) errs.push(required('spec', 'must specify a volume type'));
  return errs;
}

function validateCapacity(spec: PersistentVolumeSpec): FieldError[] {
  const errs: FieldError[] = [];
  const capacity = recordOf<Record<string, unknown>>(spec.capacity) ?? {};
  const names = Object.keys(capacity);
  if (names.length === 0) errs.push(required('spec.capacity'));
  if (!names.includes('storage') || names.length > 1) errs.push(notSupported('spec.capacity', capacity, ['storage']));
  for (const [name, q] of quantitiesOf(capacity, (n) => `spec.capacity[${n}]`, errs)) {
    errs.push(...validateBasicResource(q, `spec.capacity[${name}]`));
    errs.push(...validatePositiveQuantity(q, `spec.capacity[${name}]`));
  }
  return errs;
}

export function validatePersistentVolume(pv: PersistentVolume): FieldError[] {
  const errs = validateObjectMeta(pv.metadata, { namespaced: false, nameValidator: isDNS1123Subdomain });
  const spec = recordOf<PersistentVolumeSpec>(pv.spec) ?? {};
  const modes = stringsOf(spec.accessModes);
  if (modes.length === 0) errs.push(required('spec.accessModes'));
  errs.push(...validateAccessModes(modes, 'spec.accessModes'));
  errs.push(...validateCapacity(spec));
  const policy = textOf(spec.persistentVolumeReclaimPolicy);
  if (policy !== '' && !reclaimPolicies.includes(policy)) {
    errs.push(notSupported('spec.persistentVolumeReclaimPolicy', policy, reclaimPolicies));
  }
  const affinity = recordOf<VolumeNodeAffinity>(spec.nodeAffinity);
  if (affinity !== undefined) {
    const requiredTerms = recordOf<NodeSelector>(affinity.required);
    if (requiredTerms === undefined) errs.push(required('spec.nodeAffinity.required', 'must specify required node constraints'));
    else errs.push(...validateNodeSelector(requiredTerms, 'spec.nodeAffinity.required'));
  }
  errs.push(...validateSource(spec, affinity !== undefined));
  const hostPath = textOf(recordOf<HostPathVolumeSource>(spec.hostPath)?.path);
  if (hostPath.replace(/\/+$/, '') === '' && hostPath !== '' && policy === 'Recycle') {
    errs.push(forbidden('spec.persistentVolumeReclaimPolicy', "may not be 'recycle' for a hostPath mount of '/'"));
  }
  const className = textOf(spec.storageClassName);
  if (className !== '') errs.push(...messages(isDNS1123Subdomain, className, 'spec.storageClassName'));
  if (isSet(spec.volumeMode) && !volumeModes.includes(textOf(spec.volumeMode))) {
    errs.push(notSupported('spec.volumeMode', spec.volumeMode, volumeModes));
  }
  return errs;
}

/** The source and volume mode are fixed at creation; node affinity once set. */
export function validatePersistentVolumeUpdate(pv: PersistentVolume, old: PersistentVolume): FieldError[] {
  const errs = validateObjectMetaUpdate(pv.metadata, old.metadata);
  const spec = recordOf<PersistentVolumeSpec>(pv.spec) ?? {};
  const before = recordOf<PersistentVolumeSpec>(old.spec) ?? {};
  const source = (s: PersistentVolumeSpec): Record<string, unknown> =>
    Object.fromEntries(persistentVolumeSourceKeys.filter((k) => s[k] !== undefined).map((k) => [k, s[k]]));
  if (!deepEqual(source(spec), source(before))) {
    errs.push(forbidden('spec.persistentvolumesource',
      `spec.persistentvolumesource is immutable after creation\n${describeDiff(source(before), source(spec), 'spec')}`));
  }
  if ((spec.volumeMode ?? null) !== (before.volumeMode ?? null)) {
    errs.push(invalid('volumeMode', spec.volumeMode ?? null, 'field is immutable'));
  }
  if (isSet(before.nodeAffinity) && !deepEqual(spec.nodeAffinity, before.nodeAffinity)) {
    errs.push(invalid('nodeAffinity', spec.nodeAffinity ?? null, 'field is immutable, except for updating from beta label to GA'));
  }
  return errs;
}
