// discovery.k8s.io/v1 EndpointSlice (k8s.io/api/discovery/v1 types.go): a subset of a
// service's endpoints, all of one address type, with the ports they serve.
import type { ApiObject } from '../../meta.js';
import type { ObjectReference } from '../../core/v1/object-reference.js';

export type AddressType = 'IPv4' | 'IPv6' | 'FQDN';
export type EndpointProtocol = 'TCP' | 'UDP' | 'SCTP';

export interface EndpointConditions {
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}

export interface ForZone {
  name: string;
}

export interface EndpointHints {
  forZones?: ForZone[];
}

export interface Endpoint {
  /** 1 to 100 addresses of the slice's addressType; consumers use the first. */
  addresses: string[];
  conditions?: EndpointConditions;
  hostname?: string;
  targetRef?: ObjectReference;
  deprecatedTopology?: Record<string, string>;
  nodeName?: string;
  zone?: string;
  hints?: EndpointHints;
}

export interface EndpointPort {
  /** Defaulted to "": the one unnamed port. */
  name?: string;
  /** Defaulted to TCP. */
  protocol?: EndpointProtocol;
  port?: number;
  appProtocol?: string;
}

/** `endpoints` and `ports` are never omitted: null when there are none. */
export interface EndpointSlice extends ApiObject {
  addressType?: AddressType;
  endpoints?: Endpoint[] | null;
  ports?: EndpointPort[] | null;
}
