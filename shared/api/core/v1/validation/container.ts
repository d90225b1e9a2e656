// Containers (pkg/apis/core/validation: validateContainers, validateInitContainers,
// validateContainerCommon, validateContainerPorts, ValidateVolumeMounts, ValidateSecurityContext).
import { type FieldError, duplicate, forbidden, invalid, notSupported, required } from '../../../validation/field-error.js';
import { isValidPortName, isValidPortNum } from '../../../validation/names.js';
import type { Container, ContainerPort, Lifecycle, Probe, SecurityContext, VolumeMount } from '../container.js';
import { validateEnv, validateEnvFrom } from './env.js';
import { type ProbeKind, validateLifecycle, validateProbe } from './probe.js';
import { validateContainerResources } from './resources.js';
import { localDescendingPath } from './volume.js';
import { dns1123Label, isSet, listOf, messages, recordOf, stringsOf, textOf, validID } from './values.js';

export const protocols = ['SCTP', 'TCP', 'UDP'];

function validatePorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  listOf<ContainerPort>(ports).forEach((port, i) => {
    const at = `${path}[${i}]`;
    const name = textOf(port.name);
    if (name !== '') {
      const bad = messages(isValidPortName, name, `${at}.name`);
      if (bad.length > 0) errs.push(...bad);
      else if (names.has(name)) errs.push(duplicate(`${at}.name`, name));
      else names.add(name);
    }
    const containerPort = port.containerPort;
    if (!isSet(containerPort) || containerPort === 0) errs.push(required(`${at}.containerPort`));
    else errs.push(...isValidPortNum(Number(containerPort)).map((m) => invalid(`${at}.containerPort`, containerPort, m)));
    if (isSet(port.hostPort) && port.hostPort !== 0) {
      errs.push(...isValidPortNum(Number(port.hostPort)).map((m) => invalid(`${at}.hostPort`, port.hostPort, m)));
    }
    const protocol = textOf(port.protocol);
    if (protocol === '') errs.push(required(`${at}.protocol`));
    else if (!protocols.includes(protocol)) errs.push(notSupported(`${at}.protocol`, protocol, protocols));
  });
  return errs;
}

function validateVolumeMounts(mounts: unknown, volumes: ReadonlySet<string>, privileged: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  listOf<VolumeMount>(mounts).forEach((m, i) => {
    const at = `${path}[${i}]`;
    const name = textOf(m.name);
    const mountPath = textOf(m.mountPath);
    if (name === '') errs.push(required(`${at}.name`));
    // field-error.ts has no NotFound constructor; this is field.NotFound.
    if (!volumes.has(name)) errs.push({ type: 'FieldValueNotFound', field: `${at}.name`, badValue: name });
    if (mountPath === '') errs.push(required(`${at}.mountPath`));
    if (mountPoints.has(mountPath)) errs.push(invalid(`${at}.mountPath`, mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    const subPath = textOf(m.subPath);
    const subPathExpr = textOf(m.subPathExpr);
    if (subPath !== '') errs.push(...localDescendingPath(subPath, `${path}.subPath`));
    if (subPathExpr !== '') {
      if (subPath !== '') errs.push(invalid(`${at}.subPathExpr`, subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...localDescendingPath(subPathExpr, `${path}.subPathExpr`));
    }
    if (isSet(m.mountPropagation)) {
      const modes = ['Bidirectional', 'HostToContainer', 'None'];
      if (!modes.includes(textOf(m.mountPropagation))) errs.push(notSupported(`${path}.mountPropagation`, m.mountPropagation, modes));
      else if (m.mountPropagation === 'Bidirectional' && !privileged) {
        errs.push(forbidden(`${path}.mountPropagation`, 'Bidirectional mount propagation is available only to privileged containers'));
      }
    }
  });
  return errs;
}

function validateSecurityContext(sc: SecurityContext | undefined, path: string): FieldError[] {
  if (sc === undefined) return [];
  const errs = [...validID(sc.runAsUser, `${path}.runAsUser`), ...validID(sc.runAsGroup, `${path}.runAsGroup`)];
  if (isSet(sc.procMount) && sc.procMount !== 'Default' && sc.procMount !== 'Unmasked') {
    errs.push(notSupported(`${path}.procMount`, sc.procMount, ['Default', 'Unmasked']));
  }
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) {
      errs.push(invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    }
    for (const cap of stringsOf(recordOf<{ add?: unknown }>(sc.capabilities)?.add)) {
      if (cap === 'CAP_SYS_ADMIN') {
        errs.push(invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
      }
    }
  }
  return errs;
}

export interface ContainerContext {
  /** Names of the pod's valid volumes. */
  readonly volumes: ReadonlySet<string>;
  readonly gracePeriod: unknown;
}

/** validateContainerCommon: what holds for every kind of container. */
function validateContainerCommon(c: Container, ctx: ContainerContext, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = textOf(c.name);
  if (name === '') errs.push(required(`${path}.name`));
  else errs.push(...dns1123Label(name, `${path}.name`));
  if (textOf(c.image) === '') errs.push(required(`${path}.image`));
  const tmp = textOf(c.terminationMessagePolicy);
  if (tmp === '') errs.push(required(`${path}.terminationMessagePolicy`));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(notSupported(`${path}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
  }
  const sc = recordOf<SecurityContext>(c.securityContext);
  errs.push(...validatePorts(c.ports, `${path}.ports`));
  errs.push(...validateEnv(c.env, `${path}.env`));
  errs.push(...validateEnvFrom(c.envFrom, `${path}.envFrom`));
  errs.push(...validateVolumeMounts(c.volumeMounts, ctx.volumes, sc?.privileged === true, `${path}.volumeMounts`));
  const pull = textOf(c.imagePullPolicy);
  if (pull === '') errs.push(required(`${path}.imagePullPolicy`));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pull)) {
    errs.push(notSupported(`${path}.imagePullPolicy`, pull, ['Always', 'IfNotPresent', 'Never']));
  }
  errs.push(...validateContainerResources(recordOf(c.resources), `${path}.resources`));
  errs.push(...validateSecurityContext(sc, `${path}.securityContext`));
  return errs;
}

const probeKinds: readonly ProbeKind[] = ['livenessProbe', 'readinessProbe', 'startupProbe'];

function validateProbesAndLifecycle(c: Container, gracePeriod: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const lifecycle = recordOf<Lifecycle>(c.lifecycle);
  if (lifecycle !== undefined) errs.push(...validateLifecycle(lifecycle, gracePeriod, `${path}.lifecycle`));
  for (const kind of probeKinds) {
    const probe = recordOf<Probe>(c[kind]);
    if (probe !== undefined) errs.push(...validateProbe(probe, kind, gracePeriod, `${path}.${kind}`));
  }
  return errs;
}

/** Ports with the same protocol, host IP and host port collide (AccumulateUniqueHostPorts). */
function hostPortConflicts(containers: readonly Container[], path: string, offset = 0): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, i) => {
    listOf<ContainerPort>(c.ports).forEach((p, j) => {
      if (!isSet(p.hostPort) || p.hostPort === 0) return;
      const key = `${textOf(p.protocol)}/${textOf(p.hostIP)}/${String(p.hostPort)}`;
      if (seen.has(key)) errs.push(duplicate(`${path}[${i + offset}].ports[${j}].hostPort`, key));
      seen.add(key);
    });
  });
  return errs;
}

/** The regular containers: at least one, names unique among them. */
export function validateContainers(list: unknown, ctx: ContainerContext, path: string): FieldError[] {
  const containers = listOf<Container>(list);
  if (containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const at = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, ctx, at));
    const name = textOf(c.name);
    if (names.has(name)) errs.push(duplicate(`${at}.name`, name));
    else names.add(name);
    errs.push(...validateProbesAndLifecycle(c, ctx.gracePeriod, at));
    if (isSet(c.restartPolicy)) errs.push(forbidden(`${at}.restartPolicy`, 'may not be set for non-init containers'));
  });
  errs.push(...hostPortConflicts(containers, path));
  return errs;
}

/** Init containers: names unique among all containers; hooks and probes only for sidecars. */
export function validateInitContainers(list: unknown, regular: unknown, ctx: ContainerContext, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(listOf<Container>(regular).map((c) => textOf(c.name)));
  listOf<Container>(list).forEach((c, i) => {
    const at = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, ctx, at));
    let sidecar = false;
    if (isSet(c.restartPolicy)) {
      if (c.restartPolicy !== 'Always') errs.push(notSupported(`${at}.restartPolicy`, c.restartPolicy, ['Always']));
      sidecar = c.restartPolicy === 'Always';
    }
    const name = textOf(c.name);
    if (names.has(name)) errs.push(duplicate(`${at}.name`, name));
    else if (name !== '') names.add(name);
    errs.push(...hostPortConflicts([c], path, i));
    if (sidecar) {
      errs.push(...validateProbesAndLifecycle(c, ctx.gracePeriod, at));
    } else {
      for (const field of ['lifecycle', ...probeKinds] as const) {
        if (isSet(c[field])) errs.push(forbidden(`${at}.${field}`, 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

/** validateContainerOnlyForPod: a pod's (not a template's) image has no surrounding spaces. */
export function validateContainersOnlyForPod(list: unknown, path: string): FieldError[] {
  return listOf<Container>(list).flatMap((c, i) => {
    const image = textOf(c.image);
    return image.trim() !== image ? [invalid(`${path}[${i}].image`, image, 'must not have leading or trailing whitespace')] : [];
  });
}
