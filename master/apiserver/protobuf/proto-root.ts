// The protobuf schema Bosun decodes request bodies with: Kubernetes' field numbers for the
// kinds kubectl's typed clients create, parsed once into a protobufjs Root.
//
// Field options carry what the wire cannot say but Go's JSON encoding needs (from the Go
// struct's type and json tag):
//   (ptr)    a Go pointer: written only when set, and then shown in JSON even when zero.
//   (keep)   no `omitempty`: JSON shows the zero value ("" / 0 / false; null for a nil
//            pointer, slice or map).
//   (inline) an embedded struct whose fields JSON writes into the enclosing object.
//   (json)   the JSON name, where it differs from the protobuf field name.
// Unmarked scalars, lists and maps are omitted from JSON when zero or empty; unmarked
// messages are Go value structs and always present.
import protobuf from 'protobufjs';
import type { Root, Type } from 'protobufjs';
import { appsProto } from './schema-apps.js';
import { authenticationProto } from './schema-authentication.js';
import { autoscalingV1Proto, autoscalingV2Proto } from './schema-autoscaling.js';
import { coreContainerProto } from './schema-core-container.js';
import { corePodProto } from './schema-core-pod.js';
import { coreVolumeProto } from './schema-core-volume.js';
import { coreProto } from './schema-core.js';
import { intstrProto, metaProto, resourceProto, runtimeProto } from './schema-meta.js';

function buildRoot(): Root {
  const root = new protobuf.Root();
  const sources = [metaProto, runtimeProto, intstrProto, resourceProto, coreContainerProto,
    coreVolumeProto, corePodProto, coreProto, appsProto, autoscalingV1Proto, autoscalingV2Proto,
    authenticationProto];
  for (const source of sources) protobuf.parse(source, root, { keepCase: true });
  root.resolveAll();
  return root;
}

const root = buildRoot();

/** runtime.Unknown: the envelope after the "k8s\0" magic. */
export const envelopeType: Type = root.lookupType('runtime.Unknown');

/** The message for each "apiVersion/kind" Bosun decodes. */
const messageNames: ReadonlyMap<string, string> = new Map([
  ['v1/Namespace', 'core.Namespace'],
  ['v1/ConfigMap', 'core.ConfigMap'],
  ['v1/Secret', 'core.Secret'],
  ['v1/Service', 'core.Service'],
  ['v1/ServiceAccount', 'core.ServiceAccount'],
  ['v1/Pod', 'core.Pod'],
  ['v1/ReplicationController', 'core.ReplicationController'],
  ['apps/v1/Deployment', 'apps.Deployment'],
  ['apps/v1/ReplicaSet', 'apps.ReplicaSet'],
  ['autoscaling/v1/HorizontalPodAutoscaler', 'autoscalingv1.HorizontalPodAutoscaler'],
  ['autoscaling/v2/HorizontalPodAutoscaler', 'autoscalingv2.HorizontalPodAutoscaler'],
  ['authentication.k8s.io/v1/TokenRequest', 'authenticationv1.TokenRequest'],
]);

/** The message type of an object of this apiVersion and kind, or undefined if not decoded. */
export function objectMessageType(apiVersion: string, kind: string): Type | undefined {
  const name = messageNames.get(`${apiVersion}/${kind}`);
  return name === undefined ? undefined : root.lookupType(name);
}

/** Every message type by its full name (".core.Pod"); tests encode with these. */
export function messageType(name: string): Type {
  return root.lookupType(name);
}
