import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFieldError } from '../../../validation/field-error.js';
import { defaultPersistentVolume, defaultPersistentVolumeClaim } from '../defaults.js';
import { examplePersistentVolume, examplePersistentVolumeClaim } from '../examples.js';
import type { PersistentVolume } from '../persistentvolume.js';
import type { PersistentVolumeClaim } from '../persistentvolumeclaim.js';
import { validatePersistentVolume, validatePersistentVolumeUpdate } from './persistentvolume.js';
import { validatePersistentVolumeClaim, validatePersistentVolumeClaimUpdate } from './persistentvolumeclaim.js';

function pv(mutate: (p: PersistentVolume) => void): PersistentVolume {
  const p = examplePersistentVolume();
  mutate(p);
  defaultPersistentVolume(p);
  return p;
}

function pvc(mutate: (p: PersistentVolumeClaim) => void): PersistentVolumeClaim {
  const p = examplePersistentVolumeClaim();
  mutate(p);
  defaultPersistentVolumeClaim(p);
  return p;
}

test('each persistent volume rule reports Kubernetes\' field path and wording', () => {
  const cases: Array<[string, PersistentVolume, string[]]> = [
    ['a valid volume', pv(() => undefined), []],
    ['no capacity', pv((p) => { delete p.spec!.capacity; }), [
      'spec.capacity: Required value', 'spec.capacity: Unsupported value: {}: supported values: "storage"',
    ]],
    ['a capacity that does not parse', pv((p) => { p.spec!.capacity = { storage: 'ten' }; }), [
      "spec.capacity[storage]: Invalid value: \"ten\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ]],
    ['a zero capacity', pv((p) => { p.spec!.capacity = { storage: '0' }; }), ['spec.capacity[storage]: Invalid value: "0": must be greater than zero']],
    ['no access modes', pv((p) => { delete p.spec!.accessModes; }), ['spec.accessModes: Required value']],
    ['an unknown access mode', pv((p) => { p.spec!.accessModes = ['ReadEverything' as never]; }), [
      'spec.accessModes: Unsupported value: "ReadEverything": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    ]],
    ['no source', pv((p) => { delete p.spec!.hostPath; }), ['spec: Required value: must specify a volume type']],
    ['two sources', pv((p) => { p.spec!.nfs = { server: 'nfs', path: '/x' }; }), ['spec.nfs: Forbidden: may not specify more than 1 volume type']],
    ['a local volume without node affinity', pv((p) => { delete p.spec!.hostPath; p.spec!.local = { path: '/mnt/disk' }; }), [
      'spec.nodeAffinity: Required value: Local volume requires node affinity',
    ]],
  ];
  for (const [name, p, want] of cases) assert.deepEqual(validatePersistentVolume(p).map(formatFieldError), want, name);
});

test('a persistent volume\'s source is fixed at creation', () => {
  const old = pv(() => undefined);
  const changed = structuredClone(old);
  changed.spec!.hostPath = { path: '/mnt/other', type: '' };
  assert.deepEqual(validatePersistentVolumeUpdate(changed, old).map(formatFieldError), [
    'spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation\n  spec.hostPath.path: "/mnt/data" -> "/mnt/other"',
  ]);
});

test('each claim rule reports Kubernetes\' field path and wording', () => {
  const cases: Array<[string, PersistentVolumeClaim, string[]]> = [
    ['a valid claim', pvc(() => undefined), []],
    ['no access modes', pvc((p) => { delete p.spec!.accessModes; }), ['spec.accessModes: Required value: at least 1 access mode is required']],
    ['no storage request', pvc((p) => { p.spec!.resources = {}; }), ['spec.resources[storage]: Required value']],
    ['a zero storage request', pvc((p) => { p.spec!.resources = { requests: { storage: '0' } }; }), [
      'spec.resources[storage]: Invalid value: "0": must be greater than zero',
    ]],
  ];
  for (const [name, p, want] of cases) assert.deepEqual(validatePersistentVolumeClaim(p).map(formatFieldError), want, name);
});

test('a claim\'s spec is fixed except the volume name (once) and a bound claim\'s storage', () => {
  const old = pvc(() => undefined);
  const binding = structuredClone(old);
  binding.spec!.volumeName = 'pv-1';
  assert.deepEqual(validatePersistentVolumeClaimUpdate(binding, old), []);

  const bound = structuredClone(binding);
  bound.status = { phase: 'Bound' };
  const grown = structuredClone(bound);
  grown.spec!.resources = { requests: { storage: '8Gi' } };
  assert.deepEqual(validatePersistentVolumeClaimUpdate(grown, bound), []);

  const shrunk = structuredClone(bound);
  shrunk.spec!.resources = { requests: { storage: '1Gi' } };
  assert.deepEqual(validatePersistentVolumeClaimUpdate(shrunk, bound).map(formatFieldError), [
    'spec.resources.requests.storage: Forbidden: field can not be less than previous value',
  ]);

  const reclassed = structuredClone(bound);
  reclassed.spec!.storageClassName = 'fast';
  assert.deepEqual(validatePersistentVolumeClaimUpdate(reclassed, bound).map(formatFieldError), [
    'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n  spec.storageClassName: "manual" -> "fast"',
  ]);
});
