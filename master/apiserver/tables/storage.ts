// What the PersistentVolume and PersistentVolumeClaim printers share: access modes in short
// form, the storage class (beta annotation first) and quantities in canonical form.
import { QuantityError, parseQuantity } from '../../../shared/api/quantity.js';

const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

const SHORT_ACCESS_MODES: readonly (readonly [string, string])[] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** "RWO,RWX", always in this order, each once. */
export function accessModesCell(modes: readonly string[] | undefined): string {
  const present = new Set(modes ?? []);
  return SHORT_ACCESS_MODES.filter(([mode]) => present.has(mode))
    .map(([, short]) => short)
    .join(',');
}

export function storageClassOf(annotations: Readonly<Record<string, string>> | undefined, className: string | undefined): string {
  if (annotations && Object.hasOwn(annotations, BETA_STORAGE_CLASS_ANNOTATION)) {
    return annotations[BETA_STORAGE_CLASS_ANNOTATION] ?? '';
  }
  return className ?? '';
}

/** Quantity.String(), canonical ("1536Mi" for "1.5Gi"); "0" when absent; unreadable text as it is. */
export function quantityCell(q: string | number | undefined): string {
  if (q === undefined || q === '') return '0';
  const text = String(q);
  try {
    return parseQuantity(text).toString();
  } catch (err) {
    if (err instanceof QuantityError) return text;
    throw err;
  }
}
