// ServiceAccounts (pkg/apis/core/validation: ValidateServiceAccount): metadata only.
import type { FieldError } from '../../../validation/field-error.js';
import { isDNS1123Subdomain, validateObjectMeta, validateObjectMetaUpdate } from '../../../validation/names.js';
import type { ServiceAccount } from '../serviceaccount.js';

export const validateServiceAccount = (sa: ServiceAccount): FieldError[] =>
  validateObjectMeta(sa.metadata, { namespaced: true, nameValidator: isDNS1123Subdomain });

export const validateServiceAccountUpdate = (sa: ServiceAccount, old: ServiceAccount): FieldError[] =>
  validateObjectMetaUpdate(sa.metadata, old.metadata);
