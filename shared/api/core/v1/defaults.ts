// Kubernetes' defaulting for core/v1 (pkg/apis/core/v1/defaults.go), one function per kind.
// Each runs in place on every write and is idempotent; a field of the wrong JSON type is
// left alone for validation to report.
export { defaultNamespace, defaultNode, namespaceNameLabel } from './defaults/cluster.js';
export { defaultContainer, defaultProbe } from './defaults/container.js';
export { defaultPersistentVolume, defaultPersistentVolumeClaim } from './defaults/persistentvolume.js';
export { defaultPod, defaultPodSpec, defaultPodTemplateSpec } from './defaults/pod.js';
export { defaultReplicationController } from './defaults/replicationcontroller.js';
export { defaultSecret } from './defaults/secret.js';
export { defaultEndpoints, defaultService } from './defaults/service.js';
export { defaultVolume } from './defaults/volume.js';
