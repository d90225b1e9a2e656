// Secret (k8s.io/api/core/v1 types.go).
import type { ApiObject } from '../../meta.js';

export type SecretType =
  | 'Opaque' | 'kubernetes.io/service-account-token' | 'kubernetes.io/dockercfg' | 'kubernetes.io/dockerconfigjson'
  | 'kubernetes.io/basic-auth' | 'kubernetes.io/ssh-auth' | 'kubernetes.io/tls' | 'bootstrap.kubernetes.io/token'
  | (string & {});

export interface Secret extends ApiObject {
  immutable?: boolean;
  /** Values are base64 on the wire. */
  data?: Record<string, string>;
  /** Write-only plain text: merged into data on write, never stored. */
  stringData?: Record<string, string>;
  type?: SecretType;
}
