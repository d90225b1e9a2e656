// meta.k8s.io/v1 Table: what `kubectl get` asks for (Accept: application/json;as=Table;…)
// and prints column by column. The server formats every cell; kubectl prints them verbatim.
import type { ApiObject, ListMeta, ObjectMeta } from '../../../shared/api/meta.js';
import { printerFor } from './printers.js';

export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date';

export interface TableColumnDefinition {
  name: string;
  type: ColumnType;
  /** "name" on the Name column: kubectl then prefixes "deployment.apps/" when printing several kinds. */
  format: string;
  description: string;
  /** 0: always printed; 1: only with -o wide. */
  priority: number;
}

export type TableCell = string | number | boolean;

/** Only the pod printer sets one: {type: Completed} on finished pods. */
export interface TableRowCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}

export interface TableRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  /** Metadata (kubectl's -A NAMESPACE column, --show-labels), the whole object (--sort-by), or absent. */
  object?: PartialObjectMetadata | ApiObject;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ListMeta;
  /** Empty in watch events after the first: kubectl keeps the columns it already has. */
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** The includeObject query parameter; kubectl sends Object for --sort-by, nothing otherwise. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** What a kind's printer provides: its columns, and the cells of one object's row. */
export interface Printer {
  readonly columns: readonly TableColumnDefinition[];
  /** One cell per column, wide ones included (the server always prints wide). */
  rowCells(obj: ApiObject, now: Date): TableCell[];
  rowConditions?(obj: ApiObject): TableRowCondition[] | undefined;
}

export interface BuildTableOptions {
  resource: { group: string; resource: string; kind: string };
  objects: readonly ApiObject[];
  includeObject: IncludeObject;
  /** The list's metadata; for a single object, its resourceVersion. */
  listMeta: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  now: Date;
  /** False for watch events after the first. Default true. */
  withColumns?: boolean;
}

export function buildTable(opts: BuildTableOptions): Table {
  const printer = printerFor(opts.resource.group, opts.resource.resource);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: tableListMeta(opts.listMeta),
    columnDefinitions: opts.withColumns === false ? [] : printer.columns.map((c) => ({ ...c })),
    rows: opts.objects.map((obj) => buildRow(printer, obj, opts.includeObject, opts.now)),
  };
}

function buildRow(printer: Printer, obj: ApiObject, includeObject: IncludeObject, now: Date): TableRow {
  const row: TableRow = { cells: printer.rowCells(obj, now) };
  const conditions = printer.rowConditions?.(obj);
  if (conditions !== undefined) row.conditions = conditions;
  switch (includeObject) {
    case 'None':
      break;
    case 'Metadata':
      row.object = partialObjectMetadata(obj);
      break;
    case 'Object':
      row.object = obj;
      break;
    default: {
      const never: never = includeObject;
      throw new Error(`unknown includeObject ${String(never)}`);
    }
  }
  return row;
}

export function partialObjectMetadata(obj: ApiObject): PartialObjectMetadata {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

/** ListMeta fields are omitempty on the wire. */
function tableListMeta(m: BuildTableOptions['listMeta']): ListMeta {
  const out: ListMeta = {};
  if (m.resourceVersion) out.resourceVersion = m.resourceVersion;
  if (m.continue) out.continue = m.continue;
  if (m.remainingItemCount !== undefined) out.remainingItemCount = m.remainingItemCount;
  return out;
}
