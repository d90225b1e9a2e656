// A Service's cluster IPs and IP families (pkg/apis/core/validation:
// ValidateServiceClusterIPsRelatedFields, validateUpgradeDowngradeClusterIPs,
// validateUpgradeDowngradeIPFamilies).
import { type FieldError, duplicate, forbidden, invalid, notSupported, required } from '../../../validation/field-error.js';
import { ipFamily } from '../../../validation/ip.js';
import { isValidIP } from '../../../validation/names.js';
import type { ServiceSpec } from '../service.js';
import { isSet, messages, stringsOf, textOf } from './values.js';

export const isHeadless = (spec: ServiceSpec): boolean => {
  const ips = stringsOf(spec.clusterIPs);
  return ips.length === 1 && ips[0] === 'None';
};

const families = ['IPv4', 'IPv6'];
const policies = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

function validateFamilies(spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  stringsOf(spec.ipFamilies).forEach((f, i) => {
    if (!families.includes(f)) errs.push(notSupported(`spec.ipFamilies[${i}]`, f, families));
    if (seen.has(f)) errs.push(duplicate(`spec.ipFamilies[${i}]`, f));
    seen.add(f);
  });
  if (isSet(spec.ipFamilyPolicy) && !policies.includes(textOf(spec.ipFamilyPolicy))) {
    errs.push(notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, policies));
  }
  return errs;
}

/** ValidateServiceClusterIPsRelatedFields (ExternalName services are checked elsewhere). */
export function validateClusterIPs(spec: ServiceSpec): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const clusterIP = textOf(spec.clusterIP);
  const ips = stringsOf(spec.clusterIPs);
  if (clusterIP !== '') {
    if (ips.length === 0) errs.push(required('spec.clusterIPs'));
    else if (ips[0] !== clusterIP) errs.push(invalid('spec.clusterIPs', ips, 'first value must match `clusterIP`'));
  } else if (ips.length !== 0) {
    errs.push(invalid('spec.clusterIPs', ips, 'must be empty when `clusterIP` is not specified'));
  }
  errs.push(...validateFamilies(spec));
  let badIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        badIPs = true;
        errs.push(invalid('spec.clusterIPs', ips, "'None' must be the first and only value"));
      }
      return;
    }
    const bad = messages(isValidIP, ip, `spec.clusterIPs[${i}]`);
    badIPs ||= bad.length > 0;
    errs.push(...bad);
  });
  if (ips.length > 2) errs.push(invalid('spec.clusterIPs', ips, 'may only hold up to 2 values'));
  if (badIPs) return errs;
  if (ips.length > 1 && new Set(ips.map(ipFamily)).size !== ips.length) {
    errs.push(invalid('spec.clusterIPs', ips, 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadless(spec)) {
    const fams = stringsOf(spec.ipFamilies);
    ips.forEach((ip, i) => {
      const want = fams[i];
      if (want === 'IPv4' && ipFamily(ip) === 6) {
        errs.push(invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      }
      if (want === 'IPv6' && ipFamily(ip) !== 6) {
        errs.push(invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
      }
    });
  }
  return errs;
}

/** Fields an ExternalName service may not have. */
export function validateExternalNameIPs(spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  if (stringsOf(spec.clusterIPs).length > 0) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
  if (stringsOf(spec.ipFamilies).length > 0) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
  if (isSet(spec.ipFamilyPolicy)) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
  return errs;
}

/** Cluster IPs may be added or the secondary dropped, never changed (unless ExternalName). */
export function validateClusterIPsUpdate(spec: ServiceSpec, old: ServiceSpec): FieldError[] {
  if (spec.type === 'ExternalName' || old.type === 'ExternalName') return [];
  if (isHeadless(spec) && isHeadless(old)) return [];
  const ips = stringsOf(spec.clusterIPs);
  const before = stringsOf(old.clusterIPs);
  const errs: FieldError[] = [];
  if (before.length === ips.length) {
    before.forEach((ip, i) => {
      if (ip !== ips[i]) errs.push(invalid(`spec.clusterIPs[${i}]`, ips, 'may not change once set'));
    });
  } else if (before.length > ips.length) {
    if (ips.length === 0) errs.push(invalid('spec.clusterIPs[0]', ips, 'primary clusterIP can not be unset'));
    if (ips.length > 0 && ips[0] !== before[0]) errs.push(invalid('spec.clusterIPs[0]', ips, 'may not change once set'));
    if (ips.length === 1 && spec.ipFamilyPolicy !== 'SingleStack') {
      errs.push(invalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy ?? null,
        "must be set to 'SingleStack' when releasing the secondary clusterIP"));
    }
  } else if (before.length > 0 && ips[0] !== before[0]) {
    errs.push(invalid('spec.clusterIPs[0]', ips, 'may not change once set'));
  }
  return errs;
}

export function validateIPFamiliesUpdate(spec: ServiceSpec, old: ServiceSpec): FieldError[] {
  if (spec.type === 'ExternalName' || old.type === 'ExternalName') return [];
  if (isHeadless(spec) !== isHeadless(old) || isHeadless(spec)) return [];
  const fams = stringsOf(spec.ipFamilies);
  const before = stringsOf(old.ipFamilies);
  const ips = stringsOf(spec.clusterIPs);
  const errs: FieldError[] = [];
  if (before.length === fams.length) {
    before.forEach((f, i) => {
      if (f !== fams[i]) errs.push(invalid('spec.ipFamilies[0]', fams, 'may not change once set'));
    });
  } else if (before.length > fams.length) {
    if (ips.length === 0) errs.push(invalid('spec.ipFamilies[0]', fams, 'primary ipFamily can not be unset'));
    if (fams.length > 0 && fams[0] !== before[0]) errs.push(invalid('spec.ipFamilies[0]', ips, 'may not change once set'));
    if (fams.length === 1 && spec.ipFamilyPolicy !== 'SingleStack') {
      errs.push(invalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy ?? null,
        "must be set to 'SingleStack' when releasing the secondary ipFamily"));
    }
  } else if (before.length > 0 && fams.length > 0 && fams[0] !== before[0]) {
    errs.push(invalid('spec.ipFamilies[0]', ips, 'may not change once set'));
  }
  return errs;
}
