// Pod volumes (pkg/apis/core/validation: ValidateVolumes, validateVolumeSource and the
// source validators) and the path rules volumes and mounts share.
import { type FieldError, duplicate, forbidden, invalid, notSupported, required } from '../../../validation/field-error.js';
import { isDNS1123Subdomain } from '../../../validation/names.js';
import type { ObjectFieldSelector, ResourceFieldSelector } from '../container.js';
import type {
  DownwardAPIVolumeFile, HostPathVolumeSource, KeyToPath, NFSVolumeSource, ProjectedVolumeSource, Volume,
  VolumeProjection,
} from '../volume.js';
import { validateObjectFieldSelector, validateResourceFieldSelector, volumeFieldPaths } from './env.js';
import { optionalQuantity } from './resources.js';
import { dns1123Label, fileMode, isSet, listOf, messages, recordOf, textOf } from './values.js';

/** validatePathNoBacksteps: no ".." element. */
export function pathNoBacksteps(target: string, path: string): FieldError[] {
  return target.split('/').includes('..') ? [invalid(path, target, "must not contain '..'")] : [];
}

/** validateLocalDescendingPath: relative, no "..". */
export function localDescendingPath(target: string, path: string): FieldError[] {
  const errs = target.startsWith('/') ? [invalid(path, target, 'must be a relative path')] : [];
  return [...errs, ...pathNoBacksteps(target, path)];
}

/** ValidateLocalNonReservedPath: also may not start with "..". */
function localNonReservedPath(target: string, path: string): FieldError[] {
  const errs = localDescendingPath(target, path);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(invalid(path, target, "must not start with '..'"));
  return errs;
}

const hostPathTypes = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

export function validateHostPath(source: HostPathVolumeSource, path: string): FieldError[] {
  const p = textOf(source.path);
  if (p === '') return [required(`${path}.path`)];
  const errs = pathNoBacksteps(p, `${path}.path`);
  if (isSet(source.type) && !hostPathTypes.includes(textOf(source.type))) {
    errs.push(notSupported(`${path}.type`, source.type, hostPathTypes));
  }
  return errs;
}

export function validateNFS(source: NFSVolumeSource, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const p = textOf(source.path);
  if (textOf(source.server) === '') errs.push(required(`${path}.server`));
  if (p === '') errs.push(required(`${path}.path`));
  if (!p.startsWith('/')) errs.push(invalid(`${path}.path`, p, 'must be an absolute path'));
  return errs;
}

function validateKeyToPath(kp: KeyToPath, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (textOf(kp.key) === '') errs.push(required(`${path}.key`));
  if (textOf(kp.path) === '') errs.push(required(`${path}.path`));
  errs.push(...localNonReservedPath(textOf(kp.path), `${path}.path`));
  errs.push(...fileMode(kp.mode, `${path}.mode`));
  return errs;
}

const keyToPaths = (items: unknown, path: string): FieldError[] =>
  listOf<KeyToPath>(items).flatMap((kp, i) => validateKeyToPath(kp, `${path}.items[${i}]`));

function validateDownwardAPIFile(file: DownwardAPIVolumeFile, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (textOf(file.path) === '') errs.push(required(`${path}.path`));
  errs.push(...localNonReservedPath(textOf(file.path), `${path}.path`));
  const fieldRef = recordOf<ObjectFieldSelector>(file.fieldRef);
  const resourceFieldRef = recordOf<ResourceFieldSelector>(file.resourceFieldRef);
  if (fieldRef !== undefined) {
    errs.push(...validateObjectFieldSelector(fieldRef, volumeFieldPaths, `${path}.fieldRef`));
    if (resourceFieldRef !== undefined) {
      errs.push(invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
    }
  } else if (resourceFieldRef !== undefined) {
    errs.push(...validateResourceFieldSelector(resourceFieldRef, `${path}.resourceFieldRef`, true));
  } else {
    errs.push(required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...fileMode(file.mode, `${path}.mode`));
  return errs;
}

function validateProjected(source: ProjectedVolumeSource, path: string): FieldError[] {
  const errs = fileMode(source.defaultMode, `${path}.defaultMode`);
  const paths = new Set<string>();
  const claim = (p: string, bad: unknown): void => {
    if (p === '') return;
    if (paths.has(p)) errs.push(invalid(path, bad, 'conflicting duplicate paths'));
    paths.add(p);
  };
  listOf<VolumeProjection>(source.sources).forEach((src, i) => {
    const at = `${path}.sources[${i}]`;
    let count = 0;
    for (const key of ['secret', 'configMap'] as const) {
      const ref = recordOf<{ name?: string; items?: unknown }>(src[key]);
      if (ref === undefined) continue;
      count++;
      if (textOf(ref.name) === '') errs.push(required(`${at}.${key}.name`));
      errs.push(...keyToPaths(ref.items, `${at}.${key}`));
      for (const kp of listOf<KeyToPath>(ref.items)) claim(textOf(kp.path), textOf(ref.name));
    }
    const downwardAPI = recordOf<{ items?: unknown }>(src.downwardAPI);
    if (downwardAPI !== undefined) {
      count++;
      for (const file of listOf<DownwardAPIVolumeFile>(downwardAPI.items)) {
        errs.push(...validateDownwardAPIFile(file, `${at}.downwardAPI`));
        claim(textOf(file.path), textOf(file.path));
      }
    }
    const token = recordOf<{ expirationSeconds?: number; path?: string }>(src.serviceAccountToken);
    if (token !== undefined) {
      count++;
      const seconds = token.expirationSeconds ?? 0;
      if (seconds < 600) errs.push(invalid(`${at}.serviceAccountToken.expirationSeconds`, seconds, 'may not specify a duration less than 10 minutes'));
      if (seconds > 2 ** 32) errs.push(invalid(`${at}.serviceAccountToken.expirationSeconds`, seconds, 'may not specify a duration larger than 2^32 seconds'));
      if (textOf(token.path) === '') errs.push(required(`${path}.path`));
      else errs.push(...localNonReservedPath(textOf(token.path), `${path}.path`));
    }
    if (count > 1) errs.push(forbidden(at, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

type SourceCheck = (source: Record<string, unknown>, path: string) => FieldError[];

/** Each source Bosun knows, in Kubernetes' order, with its checks. */
const sourceChecks: ReadonlyArray<readonly [keyof Volume, SourceCheck]> = [
  ['emptyDir', (s, p) => {
    const errs: FieldError[] = [];
    const limit = optionalQuantity(s['sizeLimit'], `${p}.sizeLimit`, errs);
    if (limit?.isNegative() === true) errs.push(forbidden(`${p}.sizeLimit`, 'SizeLimit field must be a valid resource quantity'));
    return errs;
  }],
  ['hostPath', (s, p) => validateHostPath(s as unknown as HostPathVolumeSource, p)],
  ['secret', (s, p) => [
    ...(textOf(s['secretName']) === '' ? [required(`${p}.secretName`)] : []),
    ...fileMode(s['defaultMode'], `${p}.defaultMode`),
    ...keyToPaths(s['items'], p),
  ]],
  ['nfs', (s, p) => validateNFS(s as unknown as NFSVolumeSource, p)],
  ['persistentVolumeClaim', (s, p) => (textOf(s['claimName']) === '' ? [required(`${p}.claimName`)] : [])],
  ['downwardAPI', (s, p) => [
    ...fileMode(s['defaultMode'], `${p}.defaultMode`),
    ...listOf<DownwardAPIVolumeFile>(s['items']).flatMap((f) => validateDownwardAPIFile(f, p)),
  ]],
  ['configMap', (s, p) => [
    ...(textOf(s['name']) === '' ? [required(`${p}.name`)] : []),
    ...fileMode(s['defaultMode'], `${p}.defaultMode`),
    ...keyToPaths(s['items'], p),
  ]],
  ['projected', (s, p) => validateProjected(s as unknown as ProjectedVolumeSource, p)],
  ['csi', (s, p) => {
    const driver = textOf(s['driver']);
    const errs: FieldError[] = driver === '' ? [required(`${p}.driver`)] : [];
    errs.push(...messages(isDNS1123Subdomain, driver.toLowerCase(), `${p}.driver`).map((e) => ({ ...e, badValue: driver })));
    return errs;
  }],
];

function validateVolumeSource(volume: Volume, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let found = 0;
  for (const [key, check] of sourceChecks) {
    const source = recordOf<Record<string, unknown>>(volume[key]);
    if (source === undefined) continue;
    // Kubernetes names the downwardAPI field "downwarAPI" in this one message.
    const named = key === 'downwardAPI' ? 'downwarAPI' : key;
    if (found > 0) {
      errs.push(forbidden(`${path}.${named}`, 'may not specify more than 1 volume type'));
      continue;
    }
    found++;
    errs.push(...check(source, `${path}.${key}`));
  }
  if (found === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

/** ValidateVolumes: the errors, and the names of the volumes that are valid. */
export function validateVolumes(volumes: unknown, path: string): { errs: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  listOf<Volume>(volumes).forEach((vol, i) => {
    const at = `${path}[${i}]`;
    const name = textOf(vol.name);
    const own = validateVolumeSource(vol, at);
    if (name === '') own.push(required(`${at}.name`));
    else own.push(...dns1123Label(name, `${at}.name`));
    if (names.has(name)) own.push(duplicate(`${at}.name`, name));
    if (own.length === 0) names.add(name);
    errs.push(...own);
  });
  return { errs, names };
}
