// Endpoints (pkg/apis/core/validation: ValidateEndpoints, validateEndpointSubsets).
import { type FieldError, invalid, notSupported, required } from '../../../validation/field-error.js';
import {
  isDNS1123Subdomain, isValidIP, isValidPortNum, validateObjectMeta, validateObjectMetaUpdate,
} from '../../../validation/names.js';
import type { EndpointAddress, EndpointPort, EndpointSubset, Endpoints } from '../endpoints.js';
import { protocols } from './container.js';
import { validateNonSpecialIP } from './special-ip.js';
import { dns1123Label, isSet, listOf, messages, qualifiedName, textOf } from './values.js';

function validateAddress(a: EndpointAddress, path: string): FieldError[] {
  const ip = textOf(a.ip);
  const errs = messages(isValidIP, ip, `${path}.ip`);
  const hostname = textOf(a.hostname);
  if (hostname !== '') errs.push(...dns1123Label(hostname, `${path}.hostname`));
  if (isSet(a.nodeName)) errs.push(...messages(isDNS1123Subdomain, textOf(a.nodeName), `${path}.nodeName`));
  errs.push(...validateNonSpecialIP(ip, `${path}.ip`));
  return errs;
}

function validatePort(p: EndpointPort, requireName: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = textOf(p.name);
  if (requireName && name === '') errs.push(required(`${path}.name`));
  else if (name !== '') errs.push(...dns1123Label(name, `${path}.name`));
  errs.push(...isValidPortNum(Number(p.port ?? 0)).map((m) => invalid(`${path}.port`, p.port ?? 0, m)));
  const protocol = textOf(p.protocol);
  if (protocol === '') errs.push(required(`${path}.protocol`));
  else if (!protocols.includes(protocol)) errs.push(notSupported(`${path}.protocol`, protocol, protocols));
  if (isSet(p.appProtocol)) errs.push(...qualifiedName(textOf(p.appProtocol), `${path}.appProtocol`));
  return errs;
}

export function validateEndpoints(ep: Endpoints): FieldError[] {
  const errs = validateObjectMeta(ep.metadata, { namespaced: true, nameValidator: isDNS1123Subdomain });
  listOf<EndpointSubset>(ep.subsets).forEach((ss, i) => {
    const at = `subsets[${i}]`;
    const addresses = listOf<EndpointAddress>(ss.addresses);
    const notReady = listOf<EndpointAddress>(ss.notReadyAddresses);
    if (addresses.length === 0 && notReady.length === 0) errs.push(required(at, 'must specify `addresses` or `notReadyAddresses`'));
    addresses.forEach((a, j) => errs.push(...validateAddress(a, `${at}.addresses[${j}]`)));
    notReady.forEach((a, j) => errs.push(...validateAddress(a, `${at}.notReadyAddresses[${j}]`)));
    const ports = listOf<EndpointPort>(ss.ports);
    ports.forEach((p, j) => errs.push(...validatePort(p, ports.length > 1, `${at}.ports[${j}]`)));
  });
  return errs;
}

export const validateEndpointsUpdate = (ep: Endpoints, old: Endpoints): FieldError[] =>
  validateObjectMetaUpdate(ep.metadata, old.metadata);
