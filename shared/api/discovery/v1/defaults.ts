// Kubernetes' defaults for discovery.k8s.io/v1 (pkg/apis/discovery/v1/defaults.go): each port
// gets name "" and protocol TCP. Absent endpoints and ports become null, as Go writes them.
import { isRecord } from '../../meta.js';
import type { EndpointSlice } from './endpoint-slice.js';

export function defaultEndpointSlice(slice: EndpointSlice): void {
  slice.endpoints ??= null;
  slice.ports ??= null;
  if (!Array.isArray(slice.ports)) return;
  for (const port of slice.ports) {
    if (!isRecord(port)) continue;
    port.name ??= '';
    port.protocol ??= 'TCP';
  }
}
