// Bindings (pkg/apis/core/validation: ValidatePodBinding).
import { type FieldError, notSupported, required } from '../../../validation/field-error.js';
import type { Binding } from '../binding.js';
import type { ObjectReference } from '../object-reference.js';
import { recordOf, textOf } from './values.js';

export function validateBinding(binding: Binding): FieldError[] {
  const target = recordOf<ObjectReference>(binding.target) ?? {};
  const errs: FieldError[] = [];
  const kind = textOf(target.kind);
  if (kind !== '' && kind !== 'Node') errs.push(notSupported('target.kind', kind, ['Node', '<empty>']));
  if (textOf(target.name) === '') errs.push(required('target.name'));
  return errs;
}
