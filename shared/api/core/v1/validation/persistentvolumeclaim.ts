// PersistentVolumeClaims (pkg/apis/core/validation: ValidatePersistentVolumeClaimSpec,
// ValidatePersistentVolumeClaimUpdate). Kubernetes reports a missing storage request at
// "spec.resources[storage]"; so does this.
import type { LabelSelector } from '../../../meta.js';
import { type FieldError, forbidden, invalid, notSupported, required } from '../../../validation/field-error.js';
import { isDNS1123Subdomain, validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from '../../../validation/names.js';
import { deepEqual } from '../../../../util/deep-equal.js';
import type {
  PersistentVolumeClaim, PersistentVolumeClaimSpec, PersistentVolumeClaimStatus, VolumeResourceRequirements,
} from '../persistentvolumeclaim.js';
import { describeDiff } from './diff.js';
import { validateAccessModes, volumeModes } from './persistentvolume.js';
import { quantitiesOf, quantityAt, validatePositiveQuantity, validateResourceQuantityValue } from './resources.js';
import { isSet, messages, recordOf, stringsOf, textOf } from './values.js';

const storageRequest = (spec: PersistentVolumeClaimSpec): unknown =>
  recordOf<Record<string, unknown>>(recordOf<VolumeResourceRequirements>(spec.resources)?.requests)?.['storage'];

export function validatePersistentVolumeClaim(pvc: PersistentVolumeClaim): FieldError[] {
  const errs = validateObjectMeta(pvc.metadata, { namespaced: true, nameValidator: isDNS1123Subdomain });
  const spec = recordOf<PersistentVolumeClaimSpec>(pvc.spec) ?? {};
  const modes = stringsOf(spec.accessModes);
  if (modes.length === 0) errs.push(required('spec.accessModes', 'at least 1 access mode is required'));
  if (isSet(spec.selector)) errs.push(...validateLabelSelector(recordOf<LabelSelector>(spec.selector), 'spec.selector'));
  errs.push(...validateAccessModes(modes, 'spec.accessModes'));
  const storage = storageRequest(spec);
  const storagePath = 'spec.resources[storage]';
  if (!isSet(storage)) {
    errs.push(required(storagePath));
  } else {
    const q = quantityAt(storage, storagePath, errs);
    if (q !== undefined) {
      const positive = validatePositiveQuantity(q, storagePath);
      errs.push(...(positive.length > 0 ? positive : validateResourceQuantityValue('storage', q, storagePath)));
    }
  }
  // Every other quantity must at least parse (Kubernetes' decoder insists on it).
  const resources = recordOf<VolumeResourceRequirements>(spec.resources);
  const others = { ...recordOf<Record<string, unknown>>(resources?.requests) };
  delete others['storage'];
  quantitiesOf(others, (n) => `spec.resources.requests[${n}]`, errs);
  quantitiesOf(resources?.limits, (n) => `spec.resources.limits[${n}]`, errs);
  quantitiesOf(recordOf<PersistentVolumeClaimStatus>(pvc.status)?.capacity, (n) => `status.capacity[${n}]`, errs);
  const className = textOf(spec.storageClassName);
  if (className !== '') errs.push(...messages(isDNS1123Subdomain, className, 'spec.storageClassName'));
  if (isSet(spec.volumeMode) && !volumeModes.includes(textOf(spec.volumeMode))) {
    errs.push(notSupported('spec.volumeMode', spec.volumeMode, volumeModes));
  }
  return errs;
}

/** After creation only volumeName (once) and, for bound claims, the storage request may change. */
export function validatePersistentVolumeClaimUpdate(pvc: PersistentVolumeClaim, old: PersistentVolumeClaim): FieldError[] {
  const errs = validateObjectMetaUpdate(pvc.metadata, old.metadata);
  const spec = structuredClone(recordOf<PersistentVolumeClaimSpec>(pvc.spec) ?? {});
  const before = structuredClone(recordOf<PersistentVolumeClaimSpec>(old.spec) ?? {});
  if (textOf(before.volumeName) === '') {
    if (spec.volumeName === undefined) delete before.volumeName; else before.volumeName = spec.volumeName;
  }
  const bound = recordOf<PersistentVolumeClaimStatus>(pvc.status)?.phase === 'Bound';
  const requests = recordOf<Record<string, unknown>>(recordOf<VolumeResourceRequirements>(spec.resources)?.requests);
  if (bound && requests !== undefined) requests['storage'] = storageRequest(before);
  if (!deepEqual(spec, before)) {
    const why = 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';
    errs.push(forbidden('spec', `${why}\n${describeDiff(before, spec, 'spec')}`));
  }
  const scratch: FieldError[] = [];
  const newSize = quantityAt(storageRequest(recordOf<PersistentVolumeClaimSpec>(pvc.spec) ?? {}) ?? '0', 'storage', scratch);
  const oldSize = quantityAt(storageRequest(recordOf<PersistentVolumeClaimSpec>(old.spec) ?? {}) ?? '0', 'storage', scratch);
  if (newSize !== undefined && oldSize !== undefined && newSize.cmp(oldSize) < 0) {
    errs.push(forbidden('spec.resources.requests.storage', 'field can not be less than previous value'));
  }
  const volumeMode = recordOf<PersistentVolumeClaimSpec>(pvc.spec)?.volumeMode;
  const oldVolumeMode = recordOf<PersistentVolumeClaimSpec>(old.spec)?.volumeMode;
  if ((volumeMode ?? null) !== (oldVolumeMode ?? null)) errs.push(invalid('volumeMode', volumeMode ?? null, 'field is immutable'));
  return errs;
}
