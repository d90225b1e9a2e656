// kubectl get namespaces: NAME STATUS AGE.
import type { Namespace } from '../../../shared/api/core/v1/namespace.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { ageColumn, column, nameColumn } from './columns.js';
import { since } from './duration.js';
import type { TableCell, TableColumnDefinition } from './table.js';

export const columns: readonly TableColumnDefinition[] = [
  nameColumn,
  column('Status', 'string', 'The status of the namespace'),
  ageColumn,
];

export function rowCells(obj: ApiObject, now: Date): TableCell[] {
  const ns = obj as Namespace;
  return [ns.metadata.name ?? '', ns.status?.phase ?? '', since(ns.metadata.creationTimestamp, now)];
}
