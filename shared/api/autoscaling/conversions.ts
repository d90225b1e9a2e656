// The conversions the apiserver's codec applies to HPAs: autoscaling/v1 is served, v2 stored.
import type { ApiObject } from '../meta.js';
import { hpaV1ToV2, hpaV2ToV1 } from './v1/conversion.js';
import type { HorizontalPodAutoscalerV1 } from './v1/hpa.js';
import type { HorizontalPodAutoscaler } from './v2/hpa.js';

export interface StorageConversion {
  /** "group/version/resource" of the served version that is converted. */
  readonly served: string;
  toStorage(obj: ApiObject): ApiObject;
  fromStorage(obj: ApiObject): ApiObject;
}

export const hpaConversions: readonly StorageConversion[] = [{
  served: 'autoscaling/v1/horizontalpodautoscalers',
  toStorage: (obj) => hpaV1ToV2(obj as HorizontalPodAutoscalerV1),
  fromStorage: (obj) => hpaV2ToV1(obj as HorizontalPodAutoscaler),
}];
