// kubectl get endpointslices: NAME ADDRESSTYPE PORTS ENDPOINTS AGE, lists cut after three.
import type { EndpointSlice } from '../../../shared/api/discovery/v1/endpoint-slice.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { ageColumn, column, nameColumn } from './columns.js';
import { since } from './duration.js';
import type { TableCell, TableColumnDefinition } from './table.js';

export const columns: readonly TableColumnDefinition[] = [
  nameColumn,
  column('AddressType', 'string', 'addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name.'),
  column('Ports', 'string', 'ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. When ports is empty, it indicates that there are no defined ports. When a port is defined with a nil port value, it indicates "all ports". Each slice may include a maximum of 100 ports.'),
  column('Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints.'),
  ageColumn,
];

const MAX_SHOWN = 3;

export function rowCells(obj: ApiObject, now: Date): TableCell[] {
  const slice = obj as EndpointSlice;
  const ports = (slice.ports ?? []).map((p) => (p.port != null ? String(p.port) : p.name != null ? p.name : '*'));
  const addresses = (slice.endpoints ?? []).flatMap((e) => e.addresses ?? []);
  return [
    slice.metadata.name ?? '',
    slice.addressType ?? '',
    listWithMore(ports),
    listWithMore(addresses),
    since(slice.metadata.creationTimestamp, now),
  ];
}

/** "a,b,c + 2 more...", "<unset>" when empty. */
function listWithMore(items: readonly string[]): string {
  const shown = items.slice(0, MAX_SHOWN).join(',');
  if (items.length > MAX_SHOWN) return `${shown} + ${items.length - MAX_SHOWN} more...`;
  return shown === '' ? '<unset>' : shown;
}
