// Kubernetes' defaulting for core/v1 (pkg/apis/core/v1/defaults.go), one function per kind.
// Each runs in place on every write and is idempotent; a field of the wrong JSON type is
// left alone for validation to report.
export { defaultContainer, defaultProbe } from './defaults/container.js';
export { defaultPod, defaultPodSpec, defaultPodTemplateSpec } from './defaults/pod.js';
export { defaultVolume } from './defaults/volume.js';
