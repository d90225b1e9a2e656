// autoscaling/v1 Scale, the body of the scale subresource (k8s.io/api/autoscaling/v1).
import { isRecord, type ObjectMeta } from '../api/meta.js';

export interface Scale {
  apiVersion?: 'autoscaling/v1';
  kind?: 'Scale';
  metadata: ObjectMeta;
  spec: { replicas?: number };
  status?: { replicas: number; selector?: string };
}

export function decodeScale(u: unknown): Scale {
  if (!isRecord(u) || u['kind'] !== 'Scale' || !isRecord(u['metadata']) || !isRecord(u['spec'])) {
    throw new Error('the answer is not an autoscaling/v1 Scale');
  }
  return u as unknown as Scale;
}
