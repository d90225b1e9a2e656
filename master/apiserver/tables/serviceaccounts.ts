// kubectl get serviceaccounts: NAME SECRETS AGE.
import type { ServiceAccount } from '../../../shared/api/core/v1/serviceaccount.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { ageColumn, column, nameColumn } from './columns.js';
import { since } from './duration.js';
import type { TableCell, TableColumnDefinition } from './table.js';

export const columns: readonly TableColumnDefinition[] = [
  nameColumn,
  column('Secrets', 'string', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a "kubernetes.io/enforce-mountable-secrets" annotation set to "true". The "kubernetes.io/enforce-mountable-secrets" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret'),
  ageColumn,
];

export function rowCells(obj: ApiObject, now: Date): TableCell[] {
  const sa = obj as ServiceAccount;
  return [sa.metadata.name ?? '', sa.secrets?.length ?? 0, since(sa.metadata.creationTimestamp, now)];
}
