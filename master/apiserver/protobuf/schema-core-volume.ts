// core/v1 Volume and the volume sources Bosun serves: hostPath, emptyDir, secret, nfs,
// persistentVolumeClaim, downwardAPI, configMap, projected. Other sources (cloud disks,
// CSI, ephemeral, image, …) are left out: their fields are skipped when decoding.
// Field numbers from k8s.io/api core/v1 generated.proto; options as described in proto-root.ts.

export const coreVolumeProto = `
syntax = "proto2";
package core;

message Volume {
  optional string name = 1 [(keep) = true];
  optional VolumeSource volumeSource = 2 [(inline) = true];
}

message VolumeSource {
  optional HostPathVolumeSource hostPath = 1 [(ptr) = true];
  optional EmptyDirVolumeSource emptyDir = 2 [(ptr) = true];
  optional SecretVolumeSource secret = 6 [(ptr) = true];
  optional NFSVolumeSource nfs = 7 [(ptr) = true];
  optional PersistentVolumeClaimVolumeSource persistentVolumeClaim = 10 [(ptr) = true];
  optional DownwardAPIVolumeSource downwardAPI = 16 [(ptr) = true];
  optional ConfigMapVolumeSource configMap = 19 [(ptr) = true];
  optional ProjectedVolumeSource projected = 26 [(ptr) = true];
}

message HostPathVolumeSource {
  optional string path = 1 [(keep) = true];
  optional string type = 2 [(ptr) = true];
}

message EmptyDirVolumeSource {
  optional string medium = 1;
  optional resource.Quantity sizeLimit = 2 [(ptr) = true];
  optional int32 mode = 3 [(ptr) = true];
}

message SecretVolumeSource {
  optional string secretName = 1;
  repeated KeyToPath items = 2;
  optional int32 defaultMode = 3 [(ptr) = true];
  optional bool optional = 4 [(ptr) = true];
  optional int64 defaultUser = 5 [(ptr) = true];
}

message KeyToPath {
  optional string key = 1 [(keep) = true];
  optional string path = 2 [(keep) = true];
  optional int32 mode = 3 [(ptr) = true];
  optional int64 user = 4 [(ptr) = true];
}

message NFSVolumeSource {
  optional string server = 1 [(keep) = true];
  optional string path = 2 [(keep) = true];
  optional bool readOnly = 3;
}

message PersistentVolumeClaimVolumeSource {
  optional string claimName = 1 [(keep) = true];
  optional bool readOnly = 2;
}

message DownwardAPIVolumeSource {
  repeated DownwardAPIVolumeFile items = 1;
  optional int32 defaultMode = 2 [(ptr) = true];
  optional int64 defaultUser = 3 [(ptr) = true];
}

message DownwardAPIVolumeFile {
  optional string path = 1 [(keep) = true];
  optional ObjectFieldSelector fieldRef = 2 [(ptr) = true];
  optional ResourceFieldSelector resourceFieldRef = 3 [(ptr) = true];
  optional int32 mode = 4 [(ptr) = true];
  optional int64 user = 5 [(ptr) = true];
}

message ConfigMapVolumeSource {
  optional LocalObjectReference localObjectReference = 1 [(inline) = true];
  repeated KeyToPath items = 2;
  optional int32 defaultMode = 3 [(ptr) = true];
  optional bool optional = 4 [(ptr) = true];
  optional int64 defaultUser = 5 [(ptr) = true];
}

message ProjectedVolumeSource {
  repeated VolumeProjection sources = 1 [(keep) = true];
  optional int32 defaultMode = 2 [(ptr) = true];
  optional int64 defaultUser = 3 [(ptr) = true];
}

message VolumeProjection {
  optional SecretProjection secret = 1 [(ptr) = true];
  optional DownwardAPIProjection downwardAPI = 2 [(ptr) = true];
  optional ConfigMapProjection configMap = 3 [(ptr) = true];
  optional ServiceAccountTokenProjection serviceAccountToken = 4 [(ptr) = true];
}

message SecretProjection {
  optional LocalObjectReference localObjectReference = 1 [(inline) = true];
  repeated KeyToPath items = 2;
  optional bool optional = 4 [(ptr) = true];
}

message DownwardAPIProjection {
  repeated DownwardAPIVolumeFile items = 1;
}

message ConfigMapProjection {
  optional LocalObjectReference localObjectReference = 1 [(inline) = true];
  repeated KeyToPath items = 2;
  optional bool optional = 4 [(ptr) = true];
}

message ServiceAccountTokenProjection {
  optional string audience = 1;
  optional int64 expirationSeconds = 2 [(ptr) = true];
  optional string path = 3 [(keep) = true];
  optional int64 user = 4 [(ptr) = true];
}
`;
