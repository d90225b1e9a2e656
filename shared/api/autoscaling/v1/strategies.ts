// The apiserver's per-kind contract for autoscaling/v1. It works on v1 objects and validates
// their v2 form, as Kubernetes validates the internal one, so field paths name v2 fields
// (spec.metrics[0].resource.target.averageUtilization for targetCPUUtilizationPercentage).
// Storage holds the v2 form: the apiserver converts with hpaV1ToV2 / hpaV2ToV1.
import type { KindStrategy } from '../../resource.js';
import {
  validateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerUpdate,
} from '../v2/validation/hpa.js';
import { hpaV1ToV2 } from './conversion.js';
import { defaultHorizontalPodAutoscalerV1 } from './defaults.js';
import type { HorizontalPodAutoscalerV1 } from './hpa.js';

const toV2 = (obj: unknown) => hpaV1ToV2(obj as HorizontalPodAutoscalerV1);

export const horizontalPodAutoscalerV1Strategy: KindStrategy = {
  defaults: (obj) => defaultHorizontalPodAutoscalerV1(obj as HorizontalPodAutoscalerV1),
  validate: (obj) => validateHorizontalPodAutoscaler(toV2(obj)),
  validateUpdate: (obj, old) => validateHorizontalPodAutoscalerUpdate(toV2(obj), toV2(old)),
  prepareForCreate: (obj) => {
    obj.status = { currentReplicas: 0, desiredReplicas: 0 };  // neither is ever omitted in v1
  },
};
