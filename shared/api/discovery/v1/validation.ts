// EndpointSlice validation (pkg/apis/discovery/validation: ValidateEndpointSlice,
// validateEndpoints, validatePorts, validateAddressType, validateHints).
import { isRecord } from '../../meta.js';
import {
  type FieldError, duplicate, invalid, notSupported, required, tooMany,
} from '../../validation/field-error.js';
import {
  isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, validateLabels,
  validateObjectMeta, validateObjectMetaUpdate,
} from '../../validation/names.js';
import { deepEqual } from '../../../util/deep-equal.js';
import type { Endpoint, EndpointHints, EndpointPort, EndpointSlice } from './endpoint-slice.js';
import { validateEndpointIP, validateIPv4Address, validateIPv6Address } from './endpoint-ip.js';

const addressTypes = ['FQDN', 'IPv4', 'IPv6'];
const protocols = ['SCTP', 'TCP', 'UDP'];
const maxEndpoints = 1000;
const maxAddresses = 100;
const maxPorts = 20000;
const maxTopologyLabels = 16;
const maxZoneHints = 8;

const each = (path: string, value: string, messages: readonly string[]): FieldError[] =>
  messages.map((msg) => invalid(path, value, msg));

export function validateEndpointSlice(slice: EndpointSlice): FieldError[] {
  const addressType = slice.addressType ?? '';
  return [
    ...validateObjectMeta(slice.metadata, { namespaced: true, nameValidator: isDNS1123Subdomain }),
    ...validateAddressType(addressType),
    ...validateEndpoints(Array.isArray(slice.endpoints) ? slice.endpoints : [], addressType, 'endpoints'),
    ...validatePorts(Array.isArray(slice.ports) ? slice.ports : [], 'ports'),
  ];
}

export function validateEndpointSliceUpdate(slice: EndpointSlice, old: EndpointSlice): FieldError[] {
  const errs = validateObjectMetaUpdate(slice.metadata, old.metadata);
  if (!deepEqual(slice.addressType, old.addressType)) {
    errs.push(invalid('addressType', slice.addressType ?? '', 'field is immutable'));
  }
  return errs;
}

function validateAddressType(addressType: string): FieldError[] {
  if (addressType === '') return [required('addressType')];
  return addressTypes.includes(addressType) ? [] : [notSupported('addressType', addressType, addressTypes)];
}

function validateEndpoints(endpoints: readonly Endpoint[], addressType: string, path: string): FieldError[] {
  if (endpoints.length > maxEndpoints) return [tooMany(path, endpoints.length, maxEndpoints)];
  return endpoints.flatMap((endpoint, i) =>
    validateEndpoint(isRecord(endpoint) ? endpoint : { addresses: [] }, addressType, `${path}[${i}]`));
}

function validateEndpoint(endpoint: Endpoint, addressType: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const addresses = Array.isArray(endpoint.addresses) ? endpoint.addresses : [];
  if (addresses.length === 0) errs.push(required(`${path}.addresses`, 'must contain at least 1 address'));
  else if (addresses.length > maxAddresses) errs.push(tooMany(`${path}.addresses`, addresses.length, maxAddresses));
  addresses.forEach((address, i) => errs.push(...validateAddress(String(address), addressType, `${path}.addresses[${i}]`)));
  if (typeof endpoint.nodeName === 'string') {
    errs.push(...each(`${path}.nodeName`, endpoint.nodeName, isDNS1123Subdomain(endpoint.nodeName)));
  }
  const topology = isRecord(endpoint.deprecatedTopology) ? endpoint.deprecatedTopology : {};
  const topologyCount = Object.keys(topology).length;
  if (topologyCount > maxTopologyLabels) {
    errs.push(tooMany(`${path}.deprecatedTopology`, topologyCount, maxTopologyLabels));
  }
  errs.push(...validateLabels(topology, `${path}.deprecatedTopology`));
  if (typeof endpoint.hostname === 'string') {
    errs.push(...each(`${path}.hostname`, endpoint.hostname, isDNS1123Label(endpoint.hostname)));
  }
  if (isRecord(endpoint.hints)) errs.push(...validateHints(endpoint.hints, `${path}.hints`));
  return errs;
}

/** Addresses of an unknown type are not checked, as in Kubernetes. */
function validateAddress(address: string, addressType: string, path: string): FieldError[] {
  switch (addressType) {
    case 'IPv4': return [...validateIPv4Address(address, path), ...validateEndpointIP(address, path)];
    case 'IPv6': return [...validateIPv6Address(address, path), ...validateEndpointIP(address, path)];
    case 'FQDN': return validateFullyQualifiedDomainName(address, path);
    default: return [];
  }
}

/** IsFullyQualifiedDomainName: a DNS subdomain of two labels or more, a trailing dot allowed. */
function validateFullyQualifiedDomainName(value: string, path: string): FieldError[] {
  if (value === '') return [required(path)];
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const subdomain = isDNS1123Subdomain(name);
  if (subdomain.length > 0) return [invalid(path, name, subdomain.join(','))];
  const labels = name.split('.');
  if (labels.length < 2) return [invalid(path, name, 'should be a domain with at least two segments separated by dots')];
  for (const label of labels) {
    const errs = isDNS1123Label(label);
    if (errs.length > 0) return [invalid(path, label, errs.join(','))];
  }
  return [];
}

function validatePorts(ports: readonly EndpointPort[], path: string): FieldError[] {
  if (ports.length > maxPorts) return [tooMany(path, ports.length, maxPorts)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const port: EndpointPort = isRecord(p) ? p : {};
    const at = `${path}[${i}]`;
    const name = port.name ?? '';
    if (name !== '') errs.push(...each(`${at}.name`, name, isDNS1123Label(name)));
    if (names.has(name)) errs.push(duplicate(`${at}.name`, name));
    names.add(name);
    const protocol = port.protocol ?? undefined;
    if (protocol === undefined) errs.push(required(`${at}.protocol`));
    else if (!protocols.includes(protocol)) errs.push(notSupported(`${at}.protocol`, protocol, protocols));
    if (typeof port.appProtocol === 'string') {
      errs.push(...each(`${at}.appProtocol`, port.appProtocol, isQualifiedName(port.appProtocol)));
    }
  });
  return errs;
}

function validateHints(hints: EndpointHints, path: string): FieldError[] {
  const zones = Array.isArray(hints.forZones) ? hints.forZones : [];
  if (zones.length > maxZoneHints) return [tooMany(`${path}.forZones`, zones.length, maxZoneHints)];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  zones.forEach((zone, i) => {
    const name = isRecord(zone) && typeof zone.name === 'string' ? zone.name : '';
    const at = `${path}.forZones[${i}].name`;
    if (seen.has(name)) errs.push(duplicate(at, name));
    seen.add(name);
    errs.push(...each(at, name, isValidLabelValue(name)));
  });
  return errs;
}
