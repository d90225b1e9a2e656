import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFieldError } from '../../../validation/field-error.js';
import { isDNS1123Subdomain, isEnvVarName } from '../../../validation/names.js';
import type { Container } from '../container.js';
import { defaultPod, defaultPodTemplateSpec } from '../defaults.js';
import { examplePod } from '../examples.js';
import type { Pod, PodSpec } from '../pod.js';
import { validatePod, validatePodTemplateSpec } from './pod.js';

const quantityFormat = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** A valid, defaulted pod with one plain container and one volume. */
function basePod(): Pod {
  const pod: Pod = {
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }], volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      volumes: [{ name: 'data', emptyDir: {} }],
    },
  };
  defaultPod(pod);
  return pod;
}

const c0 = (spec: PodSpec): Container => spec.containers[0] as Container;
const plain = (name: string): Container =>
  ({ name, image: 'busybox', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' });

type Case = readonly [string, (spec: PodSpec) => void, readonly string[]];

const cases: readonly Case[] = [
  ['a duplicate container name', (s) => { s.containers.push(plain('web')); }, ['spec.containers[1].name: Duplicate value: "web"']],
  ['an init container named like a container', (s) => { s.initContainers = [plain('web')]; }, ['spec.initContainers[0].name: Duplicate value: "web"']],
  ['no containers', (s) => { s.containers = []; }, ['spec.containers: Required value']],
  ['a container name that is not a label', (s) => { c0(s).name = 'Web'; }, [
    `spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
  ]],
  ['no image', (s) => { c0(s).image = ''; }, ['spec.containers[0].image: Required value']],
  ['an image with spaces around it', (s) => { c0(s).image = ' nginx'; }, [
    'spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace',
  ]],
  ['a port out of range', (s) => { c0(s).ports = [{ containerPort: 70000, protocol: 'TCP' }]; }, [
    'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
  ]],
  ['no container port', (s) => { c0(s).ports = [{ protocol: 'TCP' } as never]; }, ['spec.containers[0].ports[0].containerPort: Required value']],
  ['a duplicate port name', (s) => { c0(s).ports?.push({ name: 'http', containerPort: 81, protocol: 'TCP' }); }, [
    'spec.containers[0].ports[1].name: Duplicate value: "http"',
  ]],
  ['a port name that is not an IANA service name', (s) => { (c0(s).ports ?? [])[0]!.name = 'HTTP_1'; }, [
    'spec.containers[0].ports[0].name: Invalid value: "HTTP_1": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    'spec.containers[0].ports[0].name: Invalid value: "HTTP_1": must contain at least one letter (a-z)',
  ]],
  ['an unknown protocol', (s) => { (c0(s).ports ?? [])[0]!.protocol = 'ICMP' as never; }, [
    'spec.containers[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
  ]],
  ['a bad env name', (s) => { c0(s).env = [{ name: '1BAD', value: 'x' }]; }, [
    `spec.containers[0].env[0].name: Invalid value: "1BAD": ${isEnvVarName('1BAD')[0] ?? ''}`,
  ]],
  ['valueFrom with no source', (s) => { c0(s).env = [{ name: 'A', valueFrom: {} }]; }, [
    'spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
  ]],
  ['valueFrom beside a value', (s) => { c0(s).env = [{ name: 'A', value: 'x', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } }]; }, [
    'spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
  ]],
  ['valueFrom with two sources', (s) => {
    c0(s).env = [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' }, secretKeyRef: { name: 's', key: 'k' } } }];
  }, ['spec.containers[0].env[0].valueFrom: Invalid value: "": may not have more than one field specified at a time']],
  ['a field path env cannot use', (s) => { c0(s).env = [{ name: 'A', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.phase' } } }]; }, [
    'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "status.phase": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
  ]],
  ['a quantity that does not parse', (s) => { c0(s).resources = { limits: { cpu: 'lots' } }; }, [
    `spec.containers[0].resources.limits[cpu]: Invalid value: "lots": ${quantityFormat}`,
  ]],
  ['a request above its limit', (s) => { c0(s).resources = { requests: { cpu: '2' }, limits: { cpu: '1' } }; }, [
    'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
  ]],
  ['a negative quantity', (s) => { c0(s).resources = { limits: { memory: '-1' } }; }, [
    'spec.containers[0].resources.limits[memory]: Invalid value: "-1": must be greater than or equal to 0',
  ]],
  ['a resource that is not standard', (s) => { c0(s).resources = { limits: { gpu: '1' } }; }, [
    'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
    'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
  ]],
  ['an extended resource requested below its limit', (s) => {
    c0(s).resources = { requests: { 'example.com/gpu': '1' }, limits: { 'example.com/gpu': '2' } };
  }, ['spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2']],
  ['two volumes of one name', (s) => { s.volumes?.push({ name: 'data', emptyDir: {} }); }, ['spec.volumes[1].name: Duplicate value: "data"']],
  ['a volume with two sources', (s) => { s.volumes = [{ name: 'data', emptyDir: {}, hostPath: { path: '/x', type: '' } }]; }, [
    'spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type',
    // An invalid volume is not one a mount may name, in Kubernetes too.
    'spec.containers[0].volumeMounts[0].name: Not found: "data"',
  ]],
  ['a volume without a source', (s) => { s.volumes?.push({ name: 'empty' }); }, ['spec.volumes[1]: Required value: must specify a volume type']],
  ['a hostPath with ".."', (s) => { s.volumes?.push({ name: 'h', hostPath: { path: '/var/../etc', type: '' } }); }, [
    `spec.volumes[1].hostPath.path: Invalid value: "/var/../etc": must not contain '..'`,
  ]],
  ['a configMap volume without a name', (s) => { s.volumes?.push({ name: 'c', configMap: { defaultMode: 420 } }); }, [
    'spec.volumes[1].configMap.name: Required value',
  ]],
  ['a mode out of range', (s) => { s.volumes?.push({ name: 's', secret: { secretName: 's', defaultMode: 512 } }); }, [
    'spec.volumes[1].secret.defaultMode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive',
  ]],
  ['a mount of an unknown volume', (s) => { c0(s).volumeMounts = [{ name: 'nope', mountPath: '/x' }]; }, [
    'spec.containers[0].volumeMounts[0].name: Not found: "nope"',
  ]],
  ['two mounts at one path', (s) => { c0(s).volumeMounts?.push({ name: 'data', mountPath: '/data' }); }, [
    'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique',
  ]],
  ['an unknown restart policy', (s) => { s.restartPolicy = 'Sometimes' as never; }, [
    'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
  ]],
  ['no dns policy', (s) => { s.dnsPolicy = '' as never; }, ['spec.dnsPolicy: Required value']],
  ['dnsPolicy None without dnsConfig', (s) => { s.dnsPolicy = 'None'; }, [
    'spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None',
  ]],
  ['a probe with two handlers', (s) => {
    c0(s).livenessProbe = { exec: { command: ['true'] }, httpGet: { port: 80, path: '/', scheme: 'HTTP' }, successThreshold: 1 };
  }, ['spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type']],
  ['a probe with no handler', (s) => { c0(s).readinessProbe = { periodSeconds: 10 }; }, [
    'spec.containers[0].readinessProbe: Required value: must specify a handler type',
  ]],
  ['a liveness probe needing two successes', (s) => { c0(s).livenessProbe = { tcpSocket: { port: 80 }, successThreshold: 2 }; }, [
    'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
  ]],
  ['a negative probe period', (s) => { c0(s).readinessProbe = { tcpSocket: { port: 'http' }, periodSeconds: -1 }; }, [
    'spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
  ]],
  ['an exec hook with no command', (s) => { c0(s).lifecycle = { preStop: { exec: {} } }; }, [
    'spec.containers[0].lifecycle.preStop.exec.command: Required value',
  ]],
  ['a probe on a plain init container', (s) => { s.initContainers = [{ ...plain('init'), livenessProbe: { tcpSocket: { port: 1 } } }]; }, [
    'spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
  ]],
  ['a negative grace period', (s) => { s.terminationGracePeriodSeconds = -1; }, [
    'spec.terminationGracePeriodSeconds: Invalid value: -1: must be greater than or equal to 0',
  ]],
  ['a zero active deadline', (s) => { s.activeDeadlineSeconds = 0; }, [
    'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
  ]],
  ['a node name that is not a subdomain', (s) => { s.nodeName = 'Node_1'; }, [
    `spec.nodeName: Invalid value: "Node_1": ${isDNS1123Subdomain('Node_1')[0] ?? ''}`,
  ]],
  ['a toleration with no key and operator Equal', (s) => { s.tolerations = [{ operator: 'Equal', value: 'x' }]; }, [
    'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
  ]],
  ['tolerationSeconds without NoExecute', (s) => { s.tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }]; }, [
    "spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
  ]],
  ['node affinity with no terms', (s) => {
    s.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } };
  }, ['spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term']],
  ['a preferred term weighing 0', (s) => {
    s.affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: {} }] } };
  }, ['spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100']],
  ['a negative runAsUser', (s) => { c0(s).securityContext = { runAsUser: -1 }; }, [
    'spec.containers[0].securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive',
  ]],
  ['privileged without privilege escalation', (s) => { c0(s).securityContext = { privileged: true, allowPrivilegeEscalation: false }; }, [
    'spec.containers[0].securityContext: Invalid value: {"privileged":true,"allowPrivilegeEscalation":false}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
  ]],
  ['a host-network pod whose hostPort differs', (s) => { s.hostNetwork = true; (c0(s).ports ?? [])[0]!.hostPort = 8080; }, [
    'spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true',
  ]],
  ['an invalid nodeSelector label', (s) => { s.nodeSelector = { 'bad key!': 'x' }; }, [
    `spec.nodeSelector: Invalid value: "bad key!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
  ]],
];

test('each pod rule reports Kubernetes\' field path and wording', () => {
  for (const [name, mutate, want] of cases) {
    const pod = basePod();
    mutate(pod.spec as PodSpec);
    assert.deepEqual(validatePod(pod).map(formatFieldError), want, name);
  }
});

test('a valid full pod passes once defaulted', () => {
  const pod = examplePod();
  defaultPod(pod);
  assert.deepEqual(validatePod(pod).map(formatFieldError), []);
});

test('an undefaulted pod reports the fields defaulting would have filled', () => {
  const errs = validatePod({ metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
  assert.deepEqual(errs.map(formatFieldError), [
    'spec.terminationGracePeriodSeconds: Required value',
    'spec.containers[0].terminationMessagePolicy: Required value',
    'spec.containers[0].imagePullPolicy: Required value',
    'spec.restartPolicy: Required value',
    'spec.dnsPolicy: Required value',
  ]);
});

test('pod names are DNS subdomains and the namespace is required', () => {
  const pod = basePod();
  pod.metadata = { name: 'Web' };
  assert.deepEqual(validatePod(pod).map(formatFieldError), [
    `metadata.name: Invalid value: "Web": ${isDNS1123Subdomain('Web')[0] ?? ''}`,
    'metadata.namespace: Required value',
  ]);
});

test('a template reports its labels at <path>.labels and allows hostPort 0 with hostNetwork', () => {
  const template = { metadata: { labels: { app: 'bad value!' } }, spec: { hostNetwork: true, containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80 }] }] } };
  defaultPodTemplateSpec(template);
  const errs = validatePodTemplateSpec(template, 'spec.template').map(formatFieldError);
  assert.equal(errs.length, 1);
  assert.match(errs[0] ?? '', /^spec\.template\.labels: Invalid value: "bad value!": a valid label must be/);
});

test('values of the wrong JSON type are reported, not thrown on', () => {
  const pod = { metadata: { name: 'p', namespace: 'default' }, spec: { containers: 'x', volumes: [null], nodeSelector: { a: 1 } } } as unknown as Pod;
  defaultPod(pod);
  const errs = validatePod(pod).map(formatFieldError);
  assert.ok(errs.includes('spec.containers: Required value'), errs.join('\n'));
  assert.ok(errs.includes('spec.nodeSelector[a]: Invalid value: 1: must be a string'), errs.join('\n'));
});
