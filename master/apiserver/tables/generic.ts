// Any resource without a printer of its own: Name and Created At, as the apiserver's
// default table convertor prints them (k8s.io/apiserver/pkg/registry/rest/table.go).
import type { ApiObject } from '../../../shared/api/meta.js';
import { rfc3339 } from '../../../shared/util/time.js';
import { CREATION_TIMESTAMP_DESCRIPTION, nameColumn } from './columns.js';
import type { TableCell, TableColumnDefinition } from './table.js';

export const columns: readonly TableColumnDefinition[] = [
  nameColumn,
  { name: 'Created At', type: 'date', format: '', description: CREATION_TIMESTAMP_DESCRIPTION, priority: 0 },
];

/** Go's zero time, printed when creationTimestamp is missing. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

export function rowCells(obj: ApiObject, _now: Date): TableCell[] {
  return [obj.metadata.name ?? '', createdAt(obj.metadata.creationTimestamp)];
}

function createdAt(ts: string | null | undefined): string {
  if (!ts) return ZERO_TIME;
  const t = new Date(ts);
  return Number.isNaN(t.getTime()) ? ZERO_TIME : rfc3339(t);
}
