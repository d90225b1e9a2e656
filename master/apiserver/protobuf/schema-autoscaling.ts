// autoscaling/v1 and autoscaling/v2 HorizontalPodAutoscaler, the bodies of `kubectl autoscale`
// (1.32 sends v1, 1.33 sends v2).
// Field numbers from k8s.io/api autoscaling/v1 and autoscaling/v2 generated.proto; options as
// described in proto-root.ts.

export const autoscalingV1Proto = `
syntax = "proto2";
package autoscalingv1;

message HorizontalPodAutoscaler {
  optional meta.ObjectMeta metadata = 1;
  optional HorizontalPodAutoscalerSpec spec = 2;
  optional HorizontalPodAutoscalerStatus status = 3;
}

message HorizontalPodAutoscalerSpec {
  optional CrossVersionObjectReference scaleTargetRef = 1;
  optional int32 minReplicas = 2 [(ptr) = true];
  optional int32 maxReplicas = 3 [(keep) = true];
  optional int32 targetCPUUtilizationPercentage = 4 [(ptr) = true];
}

message CrossVersionObjectReference {
  optional string kind = 1 [(keep) = true];
  optional string name = 2 [(keep) = true];
  optional string apiVersion = 3;
}

message HorizontalPodAutoscalerStatus {
  optional int64 observedGeneration = 1 [(ptr) = true];
  optional meta.Time lastScaleTime = 2 [(ptr) = true];
  optional int32 currentReplicas = 3 [(keep) = true];
  optional int32 desiredReplicas = 4 [(keep) = true];
  optional int32 currentCPUUtilizationPercentage = 5 [(ptr) = true];
}
`;

export const autoscalingV2Proto = `
syntax = "proto2";
package autoscalingv2;

message HorizontalPodAutoscaler {
  optional meta.ObjectMeta metadata = 1;
  optional HorizontalPodAutoscalerSpec spec = 2;
  optional HorizontalPodAutoscalerStatus status = 3;
}

message HorizontalPodAutoscalerSpec {
  optional CrossVersionObjectReference scaleTargetRef = 1;
  optional int32 minReplicas = 2 [(ptr) = true];
  optional int32 maxReplicas = 3 [(keep) = true];
  repeated MetricSpec metrics = 4;
  optional HorizontalPodAutoscalerBehavior behavior = 5 [(ptr) = true];
}

message CrossVersionObjectReference {
  optional string kind = 1 [(keep) = true];
  optional string name = 2 [(keep) = true];
  optional string apiVersion = 3;
}

message MetricSpec {
  optional string type = 1 [(keep) = true];
  optional ObjectMetricSource object = 2 [(ptr) = true];
  optional PodsMetricSource pods = 3 [(ptr) = true];
  optional ResourceMetricSource resource = 4 [(ptr) = true];
  optional ContainerResourceMetricSource containerResource = 7 [(ptr) = true];
  optional ExternalMetricSource external = 5 [(ptr) = true];
}

message ObjectMetricSource {
  optional CrossVersionObjectReference describedObject = 1;
  optional MetricTarget target = 2;
  optional MetricIdentifier metric = 3;
}

message MetricTarget {
  optional string type = 1 [(keep) = true];
  optional resource.Quantity value = 2 [(ptr) = true];
  optional resource.Quantity averageValue = 3 [(ptr) = true];
  optional int32 averageUtilization = 4 [(ptr) = true];
}

message MetricIdentifier {
  optional string name = 1 [(keep) = true];
  optional meta.LabelSelector selector = 2 [(ptr) = true];
}

message PodsMetricSource {
  optional MetricIdentifier metric = 1;
  optional MetricTarget target = 2;
}

message ResourceMetricSource {
  optional string name = 1 [(keep) = true];
  optional MetricTarget target = 2;
}

message ContainerResourceMetricSource {
  optional string name = 1 [(keep) = true];
  optional MetricTarget target = 2;
  optional string container = 3 [(keep) = true];
}

message ExternalMetricSource {
  optional MetricIdentifier metric = 1;
  optional MetricTarget target = 2;
}

message HorizontalPodAutoscalerBehavior {
  optional HPAScalingRules scaleUp = 1 [(ptr) = true];
  optional HPAScalingRules scaleDown = 2 [(ptr) = true];
}

message HPAScalingRules {
  optional int32 stabilizationWindowSeconds = 3 [(ptr) = true];
  optional string selectPolicy = 1 [(ptr) = true];
  repeated HPAScalingPolicy policies = 2;
  optional resource.Quantity tolerance = 4 [(ptr) = true];
}

message HPAScalingPolicy {
  optional string type = 1 [(keep) = true];
  optional int32 value = 2 [(keep) = true];
  optional int32 periodSeconds = 3 [(keep) = true];
}

message HorizontalPodAutoscalerStatus {
  optional int64 observedGeneration = 1 [(ptr) = true];
  optional meta.Time lastScaleTime = 2 [(ptr) = true];
  optional int32 currentReplicas = 3;
  optional int32 desiredReplicas = 4 [(keep) = true];
  repeated MetricStatus currentMetrics = 5 [(keep) = true];
  repeated HorizontalPodAutoscalerCondition conditions = 6;
}

message MetricStatus {
  optional string type = 1 [(keep) = true];
  optional ObjectMetricStatus object = 2 [(ptr) = true];
  optional PodsMetricStatus pods = 3 [(ptr) = true];
  optional ResourceMetricStatus resource = 4 [(ptr) = true];
  optional ContainerResourceMetricStatus containerResource = 7 [(ptr) = true];
  optional ExternalMetricStatus external = 5 [(ptr) = true];
}

message ObjectMetricStatus {
  optional MetricIdentifier metric = 1;
  optional MetricValueStatus current = 2;
  optional CrossVersionObjectReference describedObject = 3;
}

message MetricValueStatus {
  optional resource.Quantity value = 1 [(ptr) = true];
  optional resource.Quantity averageValue = 2 [(ptr) = true];
  optional int32 averageUtilization = 3 [(ptr) = true];
}

message PodsMetricStatus {
  optional MetricIdentifier metric = 1;
  optional MetricValueStatus current = 2;
}

message ResourceMetricStatus {
  optional string name = 1 [(keep) = true];
  optional MetricValueStatus current = 2;
}

message ContainerResourceMetricStatus {
  optional string name = 1 [(keep) = true];
  optional MetricValueStatus current = 2;
  optional string container = 3 [(keep) = true];
}

message ExternalMetricStatus {
  optional MetricIdentifier metric = 1;
  optional MetricValueStatus current = 2;
}

message HorizontalPodAutoscalerCondition {
  optional string type = 1 [(keep) = true];
  optional string status = 2 [(keep) = true];
  optional meta.Time lastTransitionTime = 3;
  optional string reason = 4;
  optional string message = 5;
  optional int64 observedGeneration = 6 [(ptr) = true];
}
`;
