// The fields a field selector may name on pods and events, beyond metadata.name and
// metadata.namespace (pkg/registry/core/pod/strategy.go and event/strategy.go ToSelectableFields).
import { isRecord } from '../../meta.js';
import type { Event } from './event.js';
import type { ObjectReference } from './object-reference.js';
import type { Pod, PodSpec, PodStatus } from './pod.js';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export function podSelectableFields(pod: Pod): Record<string, string> {
  const spec: Partial<PodSpec> = isRecord(pod.spec) ? pod.spec : {};
  const status: PodStatus = isRecord(pod.status) ? pod.status : {};
  const podIPs = Array.isArray(status.podIPs) ? status.podIPs : [];
  const first = podIPs[0];
  return {
    'spec.nodeName': text(spec.nodeName),
    'spec.restartPolicy': text(spec.restartPolicy),
    'spec.schedulerName': text(spec.schedulerName),
    'spec.serviceAccountName': text(spec.serviceAccountName),
    'spec.hostNetwork': String(spec.hostNetwork === true),
    'status.phase': text(status.phase),
    'status.podIP': isRecord(first) ? text(first['ip']) : '',
    'status.nominatedNodeName': text(status.nominatedNodeName),
  };
}

export function eventSelectableFields(event: Event): Record<string, string> {
  const involved: ObjectReference = isRecord(event.involvedObject) ? event.involvedObject : {};
  const source = isRecord(event.source) ? text(event.source['component']) : '';
  return {
    'involvedObject.kind': text(involved.kind),
    'involvedObject.namespace': text(involved.namespace),
    'involvedObject.name': text(involved.name),
    'involvedObject.uid': text(involved.uid),
    'involvedObject.apiVersion': text(involved.apiVersion),
    'involvedObject.resourceVersion': text(involved.resourceVersion),
    'involvedObject.fieldPath': text(involved.fieldPath),
    reason: text(event.reason),
    reportingComponent: text(event.reportingComponent),
    source: source !== '' ? source : text(event.reportingComponent),
    type: text(event.type),
  };
}
