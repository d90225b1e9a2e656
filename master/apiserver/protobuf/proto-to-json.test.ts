import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeProtobufObject, ProtobufDecodeError } from './decode.js';
import { envelopeType, messageType } from './proto-root.js';

/** A whole request body: "k8s\0" and the envelope around `fields` encoded as `message`. */
function protobufBody(apiVersion: string, kind: string, message: string, fields: Record<string, unknown>): Uint8Array {
  const type = messageType(message);
  const raw = type.encode(type.fromObject(fields)).finish();
  const envelope = envelopeType.encode(envelopeType.fromObject({ typeMeta: { apiVersion, kind }, raw })).finish();
  return new Uint8Array(Buffer.concat([Buffer.from('k8s\0'), envelope]));
}

const quantity = (s: string) => ({ string: s });
const intOrString = (v: number | string) => (typeof v === 'number' ? { type: 0, intVal: v } : { type: 1, strVal: v });

interface Case {
  name: string;
  apiVersion: string;
  kind: string;
  message: string;
  fields: Record<string, unknown>;
  json: Record<string, unknown>;
}

const cases: Case[] = [
  {
    name: 'a Deployment with two containers, env, ports, resources, a probe and a rolling update',
    apiVersion: 'apps/v1', kind: 'Deployment', message: 'apps.Deployment',
    fields: {
      metadata: { name: 'web', namespace: 'shop', labels: { tier: 'front', app: 'web' } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              {
                name: 'app', image: 'bosun/web:2', args: ['--listen', ':8080'],
                ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
                env: [
                  { name: 'MODE', value: 'prod' },
                  { name: 'TOKEN', valueFrom: { secretKeyRef: { localObjectReference: { name: 'web-secrets' }, key: 'token' } } },
                  { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
                ],
                resources: { limits: { memory: quantity('128Mi'), cpu: quantity('500m') }, requests: { cpu: quantity('100m') } },
                readinessProbe: { handler: { httpGet: { path: '/healthz', port: intOrString('http') } }, periodSeconds: 5 },
                imagePullPolicy: 'IfNotPresent',
              },
              { name: 'sidecar', image: 'bosun/toolbox:1', command: ['sleep', 'infinity'] },
            ],
          },
        },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: intOrString(0), maxSurge: intOrString('25%') } },
        revisionHistoryLimit: 0,
      },
    },
    json: {
      kind: 'Deployment', apiVersion: 'apps/v1',
      metadata: { name: 'web', namespace: 'shop', creationTimestamp: null, labels: { app: 'web', tier: 'front' } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'web' } },
          spec: {
            containers: [
              {
                name: 'app', image: 'bosun/web:2', args: ['--listen', ':8080'],
                ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
                env: [
                  { name: 'MODE', value: 'prod' },
                  { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'web-secrets', key: 'token' } } },
                  { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
                ],
                resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '100m' } },
                readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5 },
                imagePullPolicy: 'IfNotPresent',
              },
              { name: 'sidecar', image: 'bosun/toolbox:1', command: ['sleep', 'infinity'], resources: {} },
            ],
          },
        },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } },
        revisionHistoryLimit: 0,
      },
      status: {},
    },
  },
  {
    name: 'a NodePort Service whose targetPort is a port name',
    apiVersion: 'v1', kind: 'Service', message: 'core.Service',
    fields: {
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        type: 'NodePort', selector: { app: 'web' }, externalTrafficPolicy: 'Local', ipFamilyPolicy: 'SingleStack',
        ports: [
          { name: 'http', protocol: 'TCP', port: 80, targetPort: intOrString('http'), nodePort: 30080 },
          { name: 'metrics', protocol: 'TCP', port: 9090, targetPort: intOrString(9090) },
        ],
      },
    },
    json: {
      kind: 'Service', apiVersion: 'v1',
      metadata: { name: 'web', creationTimestamp: null, labels: { app: 'web' } },
      spec: {
        ports: [
          { name: 'http', protocol: 'TCP', port: 80, targetPort: 'http', nodePort: 30080 },
          { name: 'metrics', protocol: 'TCP', port: 9090, targetPort: 9090 },
        ],
        selector: { app: 'web' }, type: 'NodePort', externalTrafficPolicy: 'Local', ipFamilyPolicy: 'SingleStack',
      },
      status: { loadBalancer: {} },
    },
  },
  {
    name: 'a Secret with binary data, string data and immutable set',
    apiVersion: 'v1', kind: 'Secret', message: 'core.Secret',
    fields: {
      metadata: { name: 'blob' },
      immutable: true,
      data: { 'key.bin': Buffer.from([0x00, 0xff, 0x10, 0x80]), empty: Buffer.alloc(0) },
      stringData: { note: 'plain' },
      type: 'Opaque',
    },
    json: {
      kind: 'Secret', apiVersion: 'v1',
      metadata: { name: 'blob', creationTimestamp: null },
      immutable: true,
      data: { empty: '', 'key.bin': 'AP8QgA==' },
      stringData: { note: 'plain' },
      type: 'Opaque',
    },
  },
  {
    name: 'a Pod with volumes of every served kind, mounts, a security context and tolerations',
    apiVersion: 'v1', kind: 'Pod', message: 'core.Pod',
    fields: {
      metadata: {
        name: 'p', namespace: 'default', uid: 'u-1', resourceVersion: '42', generation: 2,
        creationTimestamp: { seconds: 1764049535, nanos: 123 },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'u-0', controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        volumes: [
          { name: 'scratch', volumeSource: { emptyDir: { medium: 'Memory', sizeLimit: quantity('64Mi') } } },
          { name: 'host', volumeSource: { hostPath: { path: '/var/log', type: 'Directory' } } },
          { name: 'conf', volumeSource: { configMap: { localObjectReference: { name: 'web' }, items: [{ key: 'a', path: 'a.conf' }], defaultMode: 420 } } },
          { name: 'creds', volumeSource: { secret: { secretName: 'web', optional: false } } },
          { name: 'data', volumeSource: { persistentVolumeClaim: { claimName: 'web-data' } } },
          { name: 'share', volumeSource: { nfs: { server: 'nfs.local', path: '/export', readOnly: true } } },
          { name: 'info', volumeSource: { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } } },
        ],
        containers: [{
          name: 'app', image: 'nginx',
          volumeMounts: [{ name: 'conf', mountPath: '/etc/app', readOnly: true }, { name: 'data', mountPath: '/data', subPath: 'web' }],
          livenessProbe: { handler: { exec: { command: ['true'] } }, initialDelaySeconds: 3 },
          startupProbe: { handler: { tcpSocket: { port: intOrString(8080) } }, failureThreshold: 30 },
          securityContext: { runAsNonRoot: false, runAsUser: 1000, capabilities: { drop: ['ALL'] } },
        }],
        restartPolicy: 'Always', terminationGracePeriodSeconds: 30, nodeSelector: { disk: 'ssd' },
        tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
        securityContext: { fsGroup: 2000 },
      },
    },
    json: {
      kind: 'Pod', apiVersion: 'v1',
      metadata: {
        name: 'p', namespace: 'default', uid: 'u-1', resourceVersion: '42', generation: 2,
        creationTimestamp: '2025-11-25T05:45:35Z',
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'u-0', controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        volumes: [
          { name: 'scratch', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
          { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
          { name: 'conf', configMap: { name: 'web', items: [{ key: 'a', path: 'a.conf' }], defaultMode: 420 } },
          { name: 'creds', secret: { secretName: 'web', optional: false } },
          { name: 'data', persistentVolumeClaim: { claimName: 'web-data' } },
          { name: 'share', nfs: { server: 'nfs.local', path: '/export', readOnly: true } },
          { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
        ],
        containers: [{
          name: 'app', image: 'nginx', resources: {},
          volumeMounts: [{ name: 'conf', mountPath: '/etc/app', readOnly: true }, { name: 'data', mountPath: '/data', subPath: 'web' }],
          livenessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 3 },
          startupProbe: { tcpSocket: { port: 8080 }, failureThreshold: 30 },
          securityContext: { capabilities: { drop: ['ALL'] }, runAsUser: 1000, runAsNonRoot: false },
        }],
        restartPolicy: 'Always', terminationGracePeriodSeconds: 30, nodeSelector: { disk: 'ssd' },
        securityContext: { fsGroup: 2000 },
        tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
      },
      status: {},
    },
  },
  {
    name: 'a ReplicaSet with zero replicas and no selector (a set pointer shows its zero, a nil one without omitempty is null)',
    apiVersion: 'apps/v1', kind: 'ReplicaSet', message: 'apps.ReplicaSet',
    fields: { metadata: { name: 'rs' }, spec: { replicas: 0, minReadySeconds: 0 } },
    json: {
      kind: 'ReplicaSet', apiVersion: 'apps/v1',
      metadata: { name: 'rs', creationTimestamp: null },
      spec: { replicas: 0, selector: null, template: { metadata: { creationTimestamp: null }, spec: { containers: null } } },
      status: { replicas: 0 },
    },
  },
  {
    name: 'a ConfigMap with managed fields and a deletion timestamp',
    apiVersion: 'v1', kind: 'ConfigMap', message: 'core.ConfigMap',
    fields: {
      metadata: {
        name: 'c', deletionTimestamp: { seconds: 0 }, deletionGracePeriodSeconds: 0, finalizers: ['bosun.io/keep'],
        managedFields: [{
          manager: 'kubectl', operation: 'Update', apiVersion: 'v1', time: { seconds: 1764049535 }, fieldsType: 'FieldsV1',
          fieldsV1: { Raw: Buffer.from('{"f:data":{".":{},"f:a":{}}}') },
        }],
      },
      binaryData: { b: Buffer.from('hi') },
    },
    json: {
      kind: 'ConfigMap', apiVersion: 'v1',
      metadata: {
        name: 'c', creationTimestamp: null, deletionTimestamp: '1970-01-01T00:00:00Z', deletionGracePeriodSeconds: 0,
        finalizers: ['bosun.io/keep'],
        managedFields: [{
          manager: 'kubectl', operation: 'Update', apiVersion: 'v1', time: '2025-11-25T05:45:35Z', fieldsType: 'FieldsV1',
          fieldsV1: { 'f:data': { '.': {}, 'f:a': {} } },
        }],
      },
      binaryData: { b: 'aGk=' },
    },
  },
  {
    name: 'a ReplicationController with its template',
    apiVersion: 'v1', kind: 'ReplicationController', message: 'core.ReplicationController',
    fields: {
      metadata: { name: 'rc' },
      spec: { replicas: 2, selector: { app: 'rc' }, template: { metadata: { labels: { app: 'rc' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    },
    json: {
      kind: 'ReplicationController', apiVersion: 'v1',
      metadata: { name: 'rc', creationTimestamp: null },
      spec: {
        replicas: 2, selector: { app: 'rc' },
        template: { metadata: { creationTimestamp: null, labels: { app: 'rc' } }, spec: { containers: [{ name: 'c', image: 'nginx', resources: {} }] } },
      },
      status: { replicas: 0 },
    },
  },
  {
    name: 'a TokenRequest bound to a pod (uID on the wire, uid in JSON)',
    apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', message: 'authenticationv1.TokenRequest',
    fields: { metadata: {}, spec: { audiences: ['bosun'], expirationSeconds: 600, boundObjectRef: { kind: 'Pod', name: 'p', uID: 'u-1' } } },
    json: {
      kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { audiences: ['bosun'], expirationSeconds: 600, boundObjectRef: { kind: 'Pod', name: 'p', uid: 'u-1' } },
      status: { token: '', expirationTimestamp: null },
    },
  },
];

for (const c of cases) {
  test(`decodes ${c.name} into Go's JSON form`, () => {
    const decoded = decodeProtobufObject(protobufBody(c.apiVersion, c.kind, c.message, c.fields));
    assert.deepEqual(decoded.object, c.json);
  });
}

test('writes map keys in sorted order, as Go does', () => {
  const body = protobufBody('v1', 'ConfigMap', 'core.ConfigMap', { metadata: { name: 'c' }, data: { zeta: '1', alpha: '2', mid: '3' } });
  assert.deepEqual(Object.keys(decodeProtobufObject(body).object['data'] as object), ['alpha', 'mid', 'zeta']);
});

const impossible: ReadonlyArray<{ name: string; fields: Record<string, unknown>; message: RegExp }> = [
  {
    name: 'an IntOrString of an unknown type',
    fields: { metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: { type: 7 } }] } },
    message: /IntOrString has an impossible type 7/,
  },
  {
    name: 'a time past the year 9999',
    fields: { metadata: { name: 's', creationTimestamp: { seconds: 253402300800 } } },
    message: /outside the years 0 to 9999/,
  },
];

for (const c of impossible) {
  test(`rejects ${c.name}, as Go's JSON encoding would`, () => {
    const body = protobufBody('v1', 'Service', 'core.Service', c.fields);
    assert.throws(() => decodeProtobufObject(body), (err: unknown) => err instanceof ProtobufDecodeError && c.message.test(err.message));
  });
}
