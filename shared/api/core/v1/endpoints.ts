// Endpoints (k8s.io/api/core/v1 types.go): the addresses behind a service, by subset.
import type { ApiObject } from '../../meta.js';
import type { Protocol } from './container.js';
import type { ObjectReference } from './object-reference.js';

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: ObjectReference;
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol?: Protocol;
  appProtocol?: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

export interface Endpoints extends ApiObject {
  subsets?: EndpointSubset[];
}
