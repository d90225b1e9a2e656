// The apiserver's per-kind contract for autoscaling/v2, the storage form of every HPA.
import type { KindStrategy } from '../../resource.js';
import { defaultHorizontalPodAutoscaler } from './defaults.js';
import type { HorizontalPodAutoscaler } from './hpa.js';
import { validateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerUpdate } from './validation/hpa.js';

export const horizontalPodAutoscalerStrategy: KindStrategy = {
  defaults: (obj) => defaultHorizontalPodAutoscaler(obj as HorizontalPodAutoscaler),
  validate: (obj) => validateHorizontalPodAutoscaler(obj as HorizontalPodAutoscaler),
  validateUpdate: (obj, old) =>
    validateHorizontalPodAutoscalerUpdate(obj as HorizontalPodAutoscaler, old as HorizontalPodAutoscaler),
  prepareForCreate: (obj) => {
    obj.status = { desiredReplicas: 0, currentMetrics: null };   // neither is ever omitted
  },
};
