// Printing the server's meta/v1 Table the way kubectl's human-readable printer does: upper-case
// headers, priority-1 columns only with -o wide, a NAMESPACE column first with -A, names
// prefixed "kind.group/" when several types are printed, LABELS with --show-labels, one column
// per -L key; rows aligned by tabwriter (minwidth 6, padding 3).
import { isRecord } from '../../api/meta.js';
import { formatTabs, getTabs } from './tabwriter.js';

export interface TableColumn {
  readonly name: string;
  readonly type: string;
  readonly format: string;
  readonly priority: number;
}

export interface TableRow {
  readonly cells: readonly unknown[];
  readonly object?: { metadata?: { name?: string; namespace?: string; labels?: Record<string, string> } };
}

export interface Table {
  readonly columnDefinitions: readonly TableColumn[];
  readonly rows: readonly TableRow[];
  readonly resourceVersion: string;
}

export function decodeTable(u: unknown): Table {
  if (!isRecord(u) || u['kind'] !== 'Table') throw new Error('the server did not answer with a Table');
  const cols = Array.isArray(u['columnDefinitions']) ? u['columnDefinitions'].filter(isRecord) : [];
  const rows = Array.isArray(u['rows']) ? u['rows'].filter(isRecord) : [];
  return {
    columnDefinitions: cols.map((c) => ({
      name: String(c['name'] ?? ''), type: String(c['type'] ?? ''), format: String(c['format'] ?? ''),
      priority: typeof c['priority'] === 'number' ? c['priority'] : 0,
    })),
    rows: rows.map((r) => ({
      cells: Array.isArray(r['cells']) ? r['cells'] : [],
      ...(isRecord(r['object']) ? { object: r['object'] as TableRow['object'] } : {}),
    })),
    resourceVersion: isRecord(u['metadata']) && typeof u['metadata']['resourceVersion'] === 'string' ? u['metadata']['resourceVersion'] : '',
  };
}

export interface TableOptions {
  readonly wide: boolean;
  readonly withNamespace: boolean;
  readonly noHeaders: boolean;
  /** "deployment.apps" when several resource types are printed. */
  readonly kindPrefix?: string;
  readonly showLabels: boolean;
  readonly labelColumns: readonly string[];
}

/** Go's %v for a JSON value. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(cellText).join(' ')}]`;
  if (isRecord(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${cellText(v[k])}`).join(' ')}]`;
  return String(v);
}

const labelsText = (l: Record<string, string> | undefined): string => {
  const keys = Object.keys(l ?? {}).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${l![k]}`).join(',');
};

/** The lines of one table (cells tab-separated), header first unless noHeaders. */
export function tableLines(t: Table, o: TableOptions, columns: readonly TableColumn[] = t.columnDefinitions): string[] {
  const shown = columns.map((c, i) => ({ c, i })).filter(({ c }) => o.wide || c.priority === 0);
  const lines: string[] = [];
  if (!o.noHeaders) {
    const head = [
      ...(o.withNamespace ? ['NAMESPACE'] : []),
      ...shown.map(({ c }) => c.name.toUpperCase()),
      ...o.labelColumns.map((k) => (k.split('/').at(-1) ?? k).toUpperCase()),
      ...(o.showLabels ? ['LABELS'] : []),
    ];
    lines.push(head.join('\t'));
  }
  for (const row of t.rows) {
    const meta = row.object?.metadata;
    const cells = [
      ...(o.withNamespace ? [meta?.namespace ?? ''] : []),
      ...shown.map(({ c, i }) => {
        const text = cellText(row.cells[i]);
        return c.format === 'name' && o.kindPrefix !== undefined ? `${o.kindPrefix}/${text}` : text;
      }),
      ...o.labelColumns.map((k) => meta?.labels?.[k] ?? ''),
      ...(o.showLabels ? [labelsText(meta?.labels)] : []),
    ];
    lines.push(cells.join('\t'));
  }
  return lines;
}

/** Aligns tab-separated lines as kubectl's get does. */
export function alignGet(lines: readonly string[]): string {
  return lines.length === 0 ? '' : formatTabs(lines.join('\n') + '\n', getTabs);
}

/**
 * Rows printed one event at a time (get -w): the widths of the first batch are remembered, as
 * Go's tabwriter with RememberWidths does, and grow only when a cell would not fit.
 */
export class WatchAligner {
  private widths: number[] = [];

  format(lines: readonly string[]): string {
    const rows = lines.map((l) => l.split('\t'));
    for (const r of rows) {
      r.slice(0, -1).forEach((c, j) => {
        this.widths[j] = Math.max(this.widths[j] ?? getTabs.minWidth, [...c].length + getTabs.padding);
      });
    }
    return rows.map((r) => r.map((c, j) => (j < r.length - 1 ? c.padEnd(this.widths[j]!) : c)).join('')).join('\n') + '\n';
  }
}
