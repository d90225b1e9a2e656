// kubectl get endpoints: NAME ENDPOINTS AGE, at most three "ip:port" then "+ N more...".
import type { Endpoints } from '../../../shared/api/core/v1/endpoints.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { ageColumn, column, nameColumn } from './columns.js';
import { since } from './duration.js';
import type { TableCell, TableColumnDefinition } from './table.js';

export const columns: readonly TableColumnDefinition[] = [
  nameColumn,
  column('Endpoints', 'string', 'The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports. No address will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that comprise a service.'),
  ageColumn,
];

const MAX_SHOWN = 3;

export function rowCells(obj: ApiObject, now: Date): TableCell[] {
  const ep = obj as Endpoints;
  return [ep.metadata.name ?? '', endpointsCell(ep), since(ep.metadata.creationTimestamp, now)];
}

/**
 * Ready addresses only, each with every port of its subset ("10.244.1.5:80"), or bare IPs
 * for a subset without ports (headless services). "<none>" without subsets.
 */
function endpointsCell(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const shown: string[] = [];
  let count = 0;
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    const ports = subset.ports ?? [];
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses.slice(0, MAX_SHOWN - shown.length)) shown.push(a.ip);
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses.slice(0, MAX_SHOWN - shown.length)) shown.push(joinHostPort(a.ip, port.port));
    }
  }
  const list = shown.join(',');
  return count > MAX_SHOWN ? `${list} + ${count - MAX_SHOWN} more...` : list;
}

/** Go's net.JoinHostPort: IPv6 addresses in brackets. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
