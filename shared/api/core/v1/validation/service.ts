// Services (pkg/apis/core/validation: ValidateService, validateServicePort,
// validateServiceExternalTrafficPolicy, validateServiceInternalTrafficFieldsValue,
// ValidateServiceUpdate). NodePort ranges and IP allocation are the apiserver's admission.
import { type FieldError, duplicate, forbidden, invalid, notSupported, required } from '../../../validation/field-error.js';
import {
  isDNS1035Label, isValidCIDR, isValidIP, isValidPortNum, validateLabels, validateObjectMeta, validateObjectMetaUpdate,
} from '../../../validation/names.js';
import type { Service, ServicePort, ServiceSpec } from '../service.js';
import { protocols } from './container.js';
import { isHeadless, validateClusterIPs, validateClusterIPsUpdate, validateExternalNameIPs, validateIPFamiliesUpdate } from './service-ips.js';
import { validateNonSpecialIP } from './special-ip.js';
import {
  dns1123Label, dns1123Subdomain, isSet, listOf, messages, portNumOrName, qualifiedName, recordOf, stringMapOf, stringsOf,
  textOf,
} from './values.js';

const serviceTypes = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const maxAffinitySeconds = 86400;

/** LoadBalancer, NodePort, or ClusterIP with external IPs (apiservice.ExternallyAccessible). */
export const externallyAccessible = (spec: ServiceSpec): boolean =>
  spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && stringsOf(spec.externalIPs).length > 0);

function validatePort(sp: ServicePort, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = textOf(sp.name);
  if (requireName && name === '') errs.push(required(`${path}.name`));
  else if (name !== '') {
    errs.push(...dns1123Label(name, `${path}.name`));
    if (names.has(name)) errs.push(duplicate(`${path}.name`, name));
    else names.add(name);
  }
  errs.push(...isValidPortNum(Number(sp.port ?? 0)).map((m) => invalid(`${path}.port`, sp.port ?? 0, m)));
  const protocol = textOf(sp.protocol);
  if (protocol === '') errs.push(required(`${path}.protocol`));
  else if (!protocols.includes(protocol)) errs.push(notSupported(`${path}.protocol`, protocol, protocols));
  errs.push(...portNumOrName(sp.targetPort, `${path}.targetPort`));
  if (isSet(sp.appProtocol)) errs.push(...qualifiedName(textOf(sp.appProtocol), `${path}.appProtocol`));
  return errs;
}

function validatePorts(spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const ports = listOf<ServicePort>(spec.ports);
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validatePort(p, ports.length > 1, names, `spec.ports[${i}]`)));
  if (spec.type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (isSet(p.nodePort) && p.nodePort !== 0) errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  const servicePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (isSet(p.nodePort) && p.nodePort !== 0) {
      const key = `${textOf(p.protocol)}/${String(p.nodePort)}`;
      if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
      nodePorts.add(key);
    }
    const key = `${textOf(p.protocol)}/${String(p.port)}`;
    if (servicePorts.has(key)) errs.push(duplicate(`spec.ports[${i}]`, { port: p.port, protocol: p.protocol }));
    servicePorts.add(key);
  });
  return errs;
}

function validateTypeRules(spec: ServiceSpec): FieldError[] {
  const headless = isHeadless(spec);
  switch (spec.type) {
    case 'LoadBalancer':
    case 'NodePort':
      return headless ? [invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${spec.type} services`)] : [];
    case 'ExternalName': {
      const errs = validateExternalNameIPs(spec);
      const cname = textOf(spec.externalName).replace(/\.$/, '');
      if (cname === '') errs.push(required('spec.externalName'));
      else errs.push(...dns1123Subdomain(cname, 'spec.externalName'));
      return errs;
    }
    default:
      return [];
  }
}

function validateSessionAffinity(spec: ServiceSpec): FieldError[] {
  const affinity = textOf(spec.sessionAffinity);
  if (affinity === '') return [required('spec.sessionAffinity')];
  if (affinity !== 'ClientIP' && affinity !== 'None') return [notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None'])];
  const path = 'spec.sessionAffinityConfig';
  if (affinity === 'None') {
    return isSet(spec.sessionAffinityConfig) ? [forbidden(path, 'must not be set when session affinity is None')] : [];
  }
  const why = 'when session affinity type is ClientIP';
  const config = recordOf<{ clientIP?: unknown }>(spec.sessionAffinityConfig);
  if (config === undefined) return [required(path, why)];
  const clientIP = recordOf<{ timeoutSeconds?: unknown }>(config.clientIP);
  if (clientIP === undefined) return [required(`${path}.clientIP`, why)];
  const timeout = clientIP.timeoutSeconds;
  if (!isSet(timeout)) return [required(`${path}.clientIP.timeoutSeconds`, why)];
  return typeof timeout === 'number' && timeout > 0 && timeout <= maxAffinitySeconds ? []
    : [invalid(`${path}.clientIP.timeoutSeconds`, timeout, `must be greater than 0 and less than ${maxAffinitySeconds}`)];
}

function validateTrafficPolicies(spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const external = textOf(spec.externalTrafficPolicy);
  if (!externallyAccessible(spec)) {
    if (external !== '') errs.push(invalid('spec.externalTrafficPolicy', external, 'may only be set for externally-accessible services'));
  } else if (external === '') {
    errs.push(required('spec.externalTrafficPolicy'));
  } else if (external !== 'Cluster' && external !== 'Local') {
    errs.push(notSupported('spec.externalTrafficPolicy', external, ['Cluster', 'Local']));
  }
  const needsHealthCheck = spec.type === 'LoadBalancer' && external === 'Local';
  const hc = spec.healthCheckNodePort ?? 0;
  if (!needsHealthCheck && hc !== 0) {
    errs.push(invalid('spec.healthCheckNodePort', hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  }
  if (needsHealthCheck && hc !== 0) {
    errs.push(...isValidPortNum(Number(hc)).map((m) => invalid('spec.healthCheckNodePort', hc, m)));
  }
  const internal = spec.internalTrafficPolicy;
  if (!isSet(internal) && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(textOf(spec.type))) {
    errs.push(required('spec.internalTrafficPolicy'));
  }
  if (isSet(internal) && internal !== 'Cluster' && internal !== 'Local') {
    errs.push(notSupported('spec.internalTrafficPolicy', internal, ['Cluster', 'Local']));
  }
  return errs;
}

function validateLoadBalancerFields(spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const lb = spec.type === 'LoadBalancer';
  const ranges = stringsOf(spec.loadBalancerSourceRanges);
  if (ranges.length > 0) {
    if (!lb) errs.push(forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => errs.push(...messages(isValidCIDR, r.trim(), `spec.LoadBalancerSourceRanges[${i}]`)));
  }
  if (isSet(spec.allocateLoadBalancerNodePorts) && !lb) {
    errs.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (lb && !isSet(spec.allocateLoadBalancerNodePorts)) errs.push(required('allocateLoadBalancerNodePorts'));
  if (isSet(spec.loadBalancerClass)) {
    if (lb) errs.push(...qualifiedName(textOf(spec.loadBalancerClass), 'spec.loadBalancerClass'));
    else errs.push(forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  }
  return errs;
}

/** ValidateService. */
export function validateService(svc: Service): FieldError[] {
  const errs = validateObjectMeta(svc.metadata, { namespaced: true, nameValidator: isDNS1035Label });
  const spec = recordOf<ServiceSpec>(svc.spec) ?? {};
  if (listOf(spec.ports).length === 0 && !isHeadless(spec) && spec.type !== 'ExternalName') errs.push(required('spec.ports'));
  errs.push(...validateTypeRules(spec));
  errs.push(...validatePorts(spec));
  if (isSet(spec.selector)) errs.push(...validateLabels(stringMapOf(spec.selector, 'spec.selector', errs), 'spec.selector'));
  errs.push(...validateSessionAffinity(spec));
  errs.push(...validateClusterIPs(spec));
  stringsOf(spec.externalIPs).forEach((ip, i) => {
    const bad = messages(isValidIP, ip, `spec.externalIPs[${i}]`);
    errs.push(...(bad.length > 0 ? bad : validateNonSpecialIP(ip, `spec.externalIPs[${i}]`)));
  });
  const type = textOf(spec.type);
  if (type === '') errs.push(required('spec.type'));
  else if (!serviceTypes.includes(type)) errs.push(notSupported('spec.type', type, serviceTypes));
  errs.push(...validateLoadBalancerFields(spec));
  errs.push(...validateTrafficPolicies(spec));
  if (isSet(spec.trafficDistribution) && spec.trafficDistribution !== 'PreferClose') {
    errs.push(notSupported('spec.trafficDistribution', spec.trafficDistribution, ['PreferClose']));
  }
  return errs;
}

/** ValidateServiceUpdate's own rules (validateService runs as well). */
export function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  const spec = recordOf<ServiceSpec>(svc.spec) ?? {};
  const before = recordOf<ServiceSpec>(old.spec) ?? {};
  const errs = [
    ...validateObjectMetaUpdate(svc.metadata, old.metadata),
    ...validateClusterIPsUpdate(spec, before),
    ...validateIPFamiliesUpdate(spec, before),
  ];
  if (spec.type === 'LoadBalancer' && before.type === 'LoadBalancer' && (spec.loadBalancerClass ?? null) !== (before.loadBalancerClass ?? null)) {
    errs.push(invalid('spec.loadBalancerClass', spec.loadBalancerClass ?? null, 'may not change once set'));
  }
  const needsHealthCheck = (s: ServiceSpec): boolean => s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
  if (needsHealthCheck(spec) && needsHealthCheck(before) && spec.healthCheckNodePort !== before.healthCheckNodePort) {
    errs.push(forbidden('spec.healthCheckNodePort', 'field is immutable'));
  }
  return errs;
}
