// The apiserver's per-kind contract for discovery.k8s.io/v1.
import type { KindStrategy } from '../../resource.js';
import { defaultEndpointSlice } from './defaults.js';
import type { EndpointSlice } from './endpoint-slice.js';
import { validateEndpointSlice, validateEndpointSliceUpdate } from './validation.js';

export const endpointSliceStrategy: KindStrategy = {
  defaults: (obj) => defaultEndpointSlice(obj as EndpointSlice),
  validate: (obj) => validateEndpointSlice(obj as EndpointSlice),
  validateUpdate: (obj, old) => validateEndpointSliceUpdate(obj as EndpointSlice, old as EndpointSlice),
};
