// authentication.k8s.io/v1 TokenRequest, the body of `kubectl create token` (POST
// serviceaccounts/{name}/token). Left out: spec.attestations.
// Field numbers from k8s.io/api authentication/v1 generated.proto; options as described in proto-root.ts.

export const authenticationProto = `
syntax = "proto2";
package authenticationv1;

message TokenRequest {
  optional meta.ObjectMeta metadata = 1;
  optional TokenRequestSpec spec = 2;
  optional TokenRequestStatus status = 3;
}

message TokenRequestSpec {
  repeated string audiences = 1 [(keep) = true];
  optional int64 expirationSeconds = 4 [(ptr) = true, (keep) = true];
  optional BoundObjectReference boundObjectRef = 3 [(ptr) = true, (keep) = true];
}

message BoundObjectReference {
  optional string kind = 1;
  optional string apiVersion = 2;
  optional string name = 3;
  optional string uID = 4 [(json) = "uid"];
}

message TokenRequestStatus {
  optional string token = 1 [(keep) = true];
  optional meta.Time expirationTimestamp = 2;
}
`;
