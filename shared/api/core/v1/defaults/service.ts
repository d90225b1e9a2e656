// Kubernetes' defaults for Services and Endpoints (pkg/apis/core/v1/defaults.go:
// SetDefaults_Service, _Endpoints), with the clusterIP → clusterIPs step of the service
// strategy (NormalizeClusterIPs) and single-stack IP families. Allocating IPs and node
// ports is the apiserver's admission. In place and idempotent.
import { ipFamily } from '../../../validation/ip.js';
import type { EndpointPort, EndpointSubset, Endpoints } from '../endpoints.js';
import type { IPFamily, Service, ServicePort, ServiceSpec } from '../service.js';
import { child, members, unsetString } from './walk.js';

function defaultPorts(spec: ServiceSpec): void {
  for (const port of members<ServicePort>(spec.ports)) {
    if (unsetString(port.protocol)) port.protocol = 'TCP';
    if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '') {
      port.targetPort = port.port;
    }
  }
}

function defaultSessionAffinity(spec: ServiceSpec): void {
  if (unsetString(spec.sessionAffinity)) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    if (timeout === undefined || timeout === null) spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
}

/** Cluster IPs: the plural follows the singular; families follow the IPs (IPv4 when none). */
function defaultIPFields(spec: ServiceSpec): void {
  if (spec.type === 'ExternalName') return;
  const clusterIP = typeof spec.clusterIP === 'string' ? spec.clusterIP : '';
  if (clusterIP !== '' && (spec.clusterIPs === undefined || spec.clusterIPs === null || spec.clusterIPs.length === 0)) {
    spec.clusterIPs = [clusterIP];
  }
  if (spec.ipFamilies === undefined || spec.ipFamilies === null || spec.ipFamilies.length === 0) {
    const ips = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
    const families = ips.map((ip) => (typeof ip === 'string' ? ipFamily(ip) : undefined))
      .filter((f) => f !== undefined)
      .map((f): IPFamily => (f === 6 ? 'IPv6' : 'IPv4'));
    spec.ipFamilies = families.length > 0 ? families : ['IPv4'];
  }
  if (unsetString(spec.ipFamilyPolicy)) {
    const ips = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
    const selector = spec.selector;
    const headlessWithoutSelector = ips.length === 1 && ips[0] === 'None' &&
      (selector === undefined || selector === null || Object.keys(selector).length === 0);
    // A headless service without a selector prefers every family the cluster has.
    spec.ipFamilyPolicy = spec.ipFamilies.length > 1 ? 'RequireDualStack' : headlessWithoutSelector ? 'PreferDualStack' : 'SingleStack';
  }
}

export function defaultService(svc: Service): void {
  const spec = child<ServiceSpec>(svc, 'spec', true);
  if (spec === undefined) return;
  defaultSessionAffinity(spec);
  if (unsetString(spec.type)) spec.type = 'ClusterIP';
  defaultPorts(spec);
  const external = spec.type === 'LoadBalancer' || spec.type === 'NodePort' ||
    (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
  if (external && unsetString(spec.externalTrafficPolicy)) spec.externalTrafficPolicy = 'Cluster';
  if ((spec.internalTrafficPolicy === undefined || spec.internalTrafficPolicy === null) &&
    (spec.type === 'ClusterIP' || spec.type === 'NodePort' || spec.type === 'LoadBalancer')) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer' && (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null)) {
    spec.allocateLoadBalancerNodePorts = true;
  }
  defaultIPFields(spec);
  if (spec.type === 'LoadBalancer') {
    for (const ing of members<{ ip?: string; ipMode?: string }>(svc.status?.loadBalancer?.ingress)) {
      if (!unsetString(ing.ip) && unsetString(ing.ipMode)) ing.ipMode = 'VIP';
    }
  }
}

export function defaultEndpoints(ep: Endpoints): void {
  for (const subset of members<EndpointSubset>(ep.subsets)) {
    for (const port of members<EndpointPort>(subset.ports)) {
      if (unsetString(port.protocol)) port.protocol = 'TCP';
    }
  }
}
