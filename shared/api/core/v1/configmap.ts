// ConfigMap (k8s.io/api/core/v1 types.go).
import type { ApiObject } from '../../meta.js';

export interface ConfigMap extends ApiObject {
  immutable?: boolean;
  data?: Record<string, string>;
  /** Values are base64 on the wire. */
  binaryData?: Record<string, string>;
}
