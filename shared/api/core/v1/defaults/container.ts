// Kubernetes' defaults for a container and what it holds (pkg/apis/core/v1/defaults.go:
// SetDefaults_Container, _ContainerPort, _Probe, _HTTPGetAction, _ObjectFieldSelector,
// _ResourceList), applied in place and idempotent.
import type {
  Container, ContainerPort, EnvVar, EnvVarSource, HTTPGetAction, Lifecycle, LifecycleHandler, ObjectFieldSelector,
  Probe, ResourceFieldSelector,
} from '../container.js';
import { defaultPullPolicy } from '../image-name.js';
import { canonicalQuantity, canonicalResourceList, child, members, unsetNumber, unsetString } from './walk.js';

export function defaultHTTPGetAction(action: HTTPGetAction): void {
  if (unsetString(action.path)) action.path = '/';
  if (unsetString(action.scheme)) action.scheme = 'HTTP';
}

export function defaultProbe(probe: Probe): void {
  if (unsetNumber(probe.timeoutSeconds)) probe.timeoutSeconds = 1;
  if (unsetNumber(probe.periodSeconds)) probe.periodSeconds = 10;
  if (unsetNumber(probe.successThreshold)) probe.successThreshold = 1;
  if (unsetNumber(probe.failureThreshold)) probe.failureThreshold = 3;
  const httpGet = child<HTTPGetAction>(probe, 'httpGet');
  if (httpGet !== undefined) defaultHTTPGetAction(httpGet);
}

function defaultLifecycle(lifecycle: Lifecycle): void {
  for (const hook of ['postStart', 'preStop'] as const) {
    const handler = child<LifecycleHandler>(lifecycle, hook);
    const httpGet = handler === undefined ? undefined : child<HTTPGetAction>(handler, 'httpGet');
    if (httpGet !== undefined) defaultHTTPGetAction(httpGet);
  }
}

export function defaultObjectFieldSelector(selector: ObjectFieldSelector): void {
  if (unsetString(selector.apiVersion)) selector.apiVersion = 'v1';
}

/** A resourceFieldRef's divisor is a non-pointer Quantity: Kubernetes writes "0" when unset. */
export function defaultResourceFieldSelector(selector: ResourceFieldSelector): void {
  const s = selector as unknown as Record<string, unknown>;
  s['divisor'] = s['divisor'] === undefined || s['divisor'] === null ? '0' : canonicalQuantity(s['divisor'], false);
}

function defaultEnvVar(env: EnvVar): void {
  const from = child<EnvVarSource>(env, 'valueFrom');
  if (from === undefined) return;
  const fieldRef = child<ObjectFieldSelector>(from, 'fieldRef');
  if (fieldRef !== undefined) defaultObjectFieldSelector(fieldRef);
  const resourceFieldRef = child<ResourceFieldSelector>(from, 'resourceFieldRef');
  if (resourceFieldRef !== undefined) defaultResourceFieldSelector(resourceFieldRef);
}

export function defaultContainer(c: Container): void {
  if (unsetString(c.imagePullPolicy)) c.imagePullPolicy = defaultPullPolicy(c.image);
  if (unsetString(c.terminationMessagePath)) c.terminationMessagePath = '/dev/termination-log';
  if (unsetString(c.terminationMessagePolicy)) c.terminationMessagePolicy = 'File';
  for (const port of members<ContainerPort>(c.ports)) {
    if (unsetString(port.protocol)) port.protocol = 'TCP';
  }
  for (const env of members<EnvVar>(c.env)) defaultEnvVar(env);
  // resources is a struct, not a pointer: Kubernetes always writes it, `{}` when empty.
  const resources = child<object>(c, 'resources', true);
  if (resources !== undefined) {
    canonicalResourceList(resources, 'limits');
    canonicalResourceList(resources, 'requests');
  }
  for (const name of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const probe = child<Probe>(c, name);
    if (probe !== undefined) defaultProbe(probe);
  }
  const lifecycle = child<Lifecycle>(c, 'lifecycle');
  if (lifecycle !== undefined) defaultLifecycle(lifecycle);
}

/** SetDefaults_Pod only: requests default to limits for every resource that has none. */
export function defaultRequestsFromLimits(c: Container): void {
  const resources = child<object>(c, 'resources');
  if (resources === undefined) return;
  const limits = child<Record<string, unknown>>(resources, 'limits');
  if (limits === undefined) return;
  const requests = child<Record<string, unknown>>(resources, 'requests', true);
  if (requests === undefined) return;
  for (const [name, value] of Object.entries(limits)) {
    if (!(name in requests)) requests[name] = value;
  }
}

/** hostNetwork pods: a port's hostPort defaults to its containerPort. */
export function defaultHostNetworkPorts(c: Container): void {
  for (const port of members<ContainerPort>(c.ports)) {
    if (unsetNumber(port.hostPort)) port.hostPort = port.containerPort;
  }
}
