// Nodes (pkg/apis/core/validation: ValidateNode, validateNodeTaints, ValidateNodeResources,
// ValidateNodeUpdate). Kubernetes reports spec.taints at "metadata.taints", and capacity and
// allocatable entries as "status.capacity.<name>"; both are kept.
import { deepEqual } from '../../../../util/deep-equal.js';
import { type FieldError, duplicate, forbidden, invalid } from '../../../validation/field-error.js';
import { ipFamily } from '../../../validation/ip.js';
import {
  isDNS1123Subdomain, isValidCIDR, isValidLabelValue, validateObjectMeta, validateObjectMetaUpdate,
} from '../../../validation/names.js';
import type { Taint } from '../affinity.js';
import type { Node, NodeAddress, NodeSpec, NodeStatus } from '../node.js';
import { quantitiesOf, validateResourceQuantityValue } from './resources.js';
import { validateTaintEffect } from './scheduling.js';
import { listOf, messages, qualifiedName, recordOf, stringsOf, textOf } from './values.js';

function validateTaints(list: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  listOf<Taint>(list).forEach((t, i) => {
    const at = `${path}[${i}]`;
    errs.push(...qualifiedName(textOf(t.key), `${at}.key`));
    const bad = isValidLabelValue(textOf(t.value));
    if (bad.length > 0) errs.push(invalid(`${at}.value`, textOf(t.value), bad.join(';')));
    errs.push(...validateTaintEffect(t.effect, false, `${at}.effect`));
    const key = `${textOf(t.effect)}\u0000${textOf(t.key)}`;
    if (seen.has(key)) errs.push({ ...duplicate(at, t), detail: 'taints must be unique by key and effect pair' });
    else seen.add(key);
  });
  return errs;
}

function validateResources(status: NodeStatus | undefined): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of ['capacity', 'allocatable'] as const) {
    const list = quantitiesOf(status?.[field], (n) => `status.${field}.${n}`, errs);
    for (const [name, q] of list) errs.push(...validateResourceQuantityValue(name, q, `status.${field}.${name}`));
  }
  return errs;
}

function validatePodCIDRs(spec: NodeSpec): FieldError[] {
  const cidrs = stringsOf(spec.podCIDRs);
  const path = 'spec.podCIDRs';
  const errs = cidrs.flatMap((c, i) => messages(isValidCIDR, c, `${path}[${i}]`));
  if (cidrs.length > 1) {
    const families = cidrs.map((c) => ipFamily(c.split('/')[0] ?? ''));
    if (cidrs.length > 2 || families[0] === families[1]) {
      errs.push(invalid(path, cidrs, 'may specify no more than one CIDR for each IP family'));
    }
    const seen = new Set<string>();
    cidrs.forEach((c, i) => {
      if (seen.has(c)) errs.push(duplicate(`${path}[${i}]`, c));
      seen.add(c);
    });
  }
  return errs;
}

export function validateNode(node: Node): FieldError[] {
  const errs = validateObjectMeta(node.metadata, { namespaced: false, nameValidator: isDNS1123Subdomain });
  const spec = recordOf<NodeSpec>(node.spec) ?? {};
  errs.push(...validateTaints(spec.taints, 'metadata.taints'));
  errs.push(...validateResources(recordOf<NodeStatus>(node.status)));
  errs.push(...validatePodCIDRs(spec));
  return errs;
}

/** ValidateNodeUpdate's own rules (validateNode runs as well). */
export function validateNodeUpdate(node: Node, old: Node): FieldError[] {
  const errs = validateObjectMetaUpdate(node.metadata, old.metadata);
  const spec = recordOf<NodeSpec>(node.spec) ?? {};
  const before = recordOf<NodeSpec>(old.spec) ?? {};
  const seen: NodeAddress[] = [];
  listOf<NodeAddress>(recordOf<NodeStatus>(node.status)?.addresses).forEach((a, i) => {
    if (seen.some((s) => deepEqual(s, a))) errs.push(duplicate(`status.addresses[${i}]`, a));
    seen.push(a);
  });
  const cidrs = stringsOf(before.podCIDRs);
  if (cidrs.length > 0 && !deepEqual(cidrs, stringsOf(spec.podCIDRs))) {
    errs.push(forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
  }
  const providerID = textOf(before.providerID);
  if (providerID !== '' && providerID !== textOf(spec.providerID)) {
    errs.push(forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  return errs;
}
