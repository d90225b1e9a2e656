// Valid, fully featured core/v1 objects as a user would write them (before defaults), for
// tests here and elsewhere. Each call returns a fresh object.
import type { ConfigMap } from './configmap.js';
import type { Endpoints } from './endpoints.js';
import type { Event } from './event.js';
import type { Namespace } from './namespace.js';
import type { Node } from './node.js';
import type { PersistentVolume } from './persistentvolume.js';
import type { PersistentVolumeClaim } from './persistentvolumeclaim.js';
import type { Pod, PodSpec } from './pod.js';
import type { ReplicationController } from './replicationcontroller.js';
import type { Secret } from './secret.js';
import type { Service } from './service.js';
import type { ServiceAccount } from './serviceaccount.js';

export function examplePodSpec(): PodSpec {
  return {
    initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'echo ready'] }],
    containers: [{
      name: 'web',
      image: 'registry.example.com:5000/team/web:1.2.3',
      command: ['/bin/web'],
      args: ['--port=8080'],
      workingDir: '/srv',
      ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090, protocol: 'TCP' }],
      env: [
        { name: 'MODE', value: 'prod' },
        { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
        { name: 'DB_HOST', valueFrom: { configMapKeyRef: { name: 'web-config', key: 'db.host' } } },
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'web-secret', key: 'password' } } },
        { name: 'APP_LABEL', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
      ],
      envFrom: [{ configMapRef: { name: 'web-config' } }, { prefix: 'S_', secretRef: { name: 'web-secret' } }],
      resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
      volumeMounts: [
        { name: 'data', mountPath: '/data' },
        { name: 'config', mountPath: '/etc/web', readOnly: true },
        { name: 'cache', mountPath: '/cache', subPath: 'web' },
      ],
      livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 5 },
      readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5 },
      startupProbe: { exec: { command: ['cat', '/tmp/started'] }, failureThreshold: 30 },
      lifecycle: { preStop: { exec: { command: ['/bin/web', 'drain'] } }, postStart: { httpGet: { port: 8080, path: '/warm' } } },
      terminationMessagePolicy: 'FallbackToLogsOnError',
      imagePullPolicy: 'IfNotPresent',
      securityContext: {
        runAsUser: 1000, runAsGroup: 1000, runAsNonRoot: true, privileged: false, readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
      },
      stdin: false,
      tty: false,
    }],
    volumes: [
      { name: 'data', persistentVolumeClaim: { claimName: 'web-data' } },
      { name: 'config', configMap: { name: 'web-config', items: [{ key: 'web.conf', path: 'web.conf' }] } },
      { name: 'cache', emptyDir: { sizeLimit: '1Gi' } },
      { name: 'creds', secret: { secretName: 'web-secret', defaultMode: 0o400 } },
      { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
      { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
      { name: 'shared', nfs: { server: 'nfs.example.com', path: '/exports/web' } },
      {
        name: 'bundle', projected: {
          sources: [
            { configMap: { name: 'web-config', items: [{ key: 'a', path: 'a' }] } },
            { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
          ],
        },
      },
    ],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 45,
    activeDeadlineSeconds: 3600,
    dnsPolicy: 'None',
    dnsConfig: { nameservers: ['10.96.0.10'], searches: ['default.svc.cluster.local.', 'svc.cluster.local'], options: [{ name: 'ndots', value: '5' }] },
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    serviceAccountName: 'web',
    hostname: 'web-0',
    subdomain: 'web',
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] }],
        },
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 10, preference: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } },
        ],
      },
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{
          weight: 100,
          podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' },
        }],
      },
    },
    tolerations: [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' },
    ],
    schedulerName: 'default-scheduler',
    priority: 0,
    priorityClassName: 'high',
    imagePullSecrets: [{ name: 'registry' }],
    securityContext: { fsGroup: 2000, runAsNonRoot: true, supplementalGroups: [3000] },
    hostAliases: [{ ip: '10.0.0.5', hostnames: ['db.local'] }],
    readinessGates: [{ conditionType: 'example.com/ready' }],
    topologySpreadConstraints: [{
      maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: { app: 'web' } },
    }],
  };
}

export function examplePod(): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-0', namespace: 'default', labels: { app: 'web' }, annotations: { 'example.com/owner': 'team' } },
    spec: examplePodSpec(),
  };
}

export function exampleService(): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      type: 'NodePort',
      selector: { app: 'web' },
      ports: [
        { name: 'http', port: 80, targetPort: 'http', nodePort: 30080 },
        { name: 'metrics', port: 9090, protocol: 'TCP', targetPort: 9090 },
      ],
      sessionAffinity: 'ClientIP',
      externalTrafficPolicy: 'Local',
      externalIPs: ['192.0.2.10'],
      publishNotReadyAddresses: true,
    },
  };
}

export function exampleNode(): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-1.example.com', labels: { 'kubernetes.io/hostname': 'node-1' } },
    spec: {
      podCIDR: '10.244.1.0/24',
      providerID: 'bosun://node-1',
      taints: [{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }],
    },
    status: {
      capacity: { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' },
      allocatable: { cpu: '3800m', memory: '7Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      addresses: [{ type: 'InternalIP', address: '192.168.1.10' }, { type: 'Hostname', address: 'node-1' }],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: 'm', systemUUID: 's', bootID: 'b', kernelVersion: '6.1.0', osImage: 'Debian', containerRuntimeVersion: 'docker://27.0.0',
        kubeletVersion: 'v1.32.0', kubeProxyVersion: 'v1.32.0', operatingSystem: 'linux', architecture: 'amd64',
      },
      images: [{ names: ['nginx:1.27'], sizeBytes: 190000000 }],
    },
  };
}

export function exampleReplicationController(): ReplicationController {
  return {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      template: {
        metadata: { labels: { app: 'web', tier: 'front' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

export const exampleNamespace = (): Namespace => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });

export const exampleConfigMap = (): ConfigMap => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config', namespace: 'default' },
  data: { 'db.host': 'db', 'web.conf': 'listen 8080\n' }, binaryData: { 'logo.png': 'iVBORw0KGgo=' },
});

export const exampleSecret = (): Secret => ({
  apiVersion: 'v1', kind: 'Secret', metadata: { name: 'web-secret', namespace: 'default' },
  data: { password: 'czNjcjN0' }, stringData: { user: 'admin' },
});

export const exampleServiceAccount = (): ServiceAccount => ({
  apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web', namespace: 'default' }, imagePullSecrets: [{ name: 'registry' }],
});

export const exampleEndpoints = (): Endpoints => ({
  apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default' },
  subsets: [{
    addresses: [{ ip: '10.244.1.5', nodeName: 'node-1', targetRef: { kind: 'Pod', name: 'web-0', namespace: 'default' } }],
    notReadyAddresses: [{ ip: '10.244.2.7' }],
    ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090, protocol: 'TCP' }],
  }],
});

export const exampleEvent = (): Event => ({
  apiVersion: 'v1', kind: 'Event', metadata: { name: 'web-0.17a8f3c2b1d4e5f6', namespace: 'default' },
  involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: 'u-1', apiVersion: 'v1', fieldPath: 'spec.containers{web}' },
  reason: 'Pulled', message: 'Successfully pulled image "nginx"', source: { component: 'kubelet', host: 'node-1' },
  firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:00:05Z', count: 2, type: 'Normal',
});

export const examplePersistentVolume = (): PersistentVolume => ({
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1' },
  spec: {
    capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/mnt/data' },
    storageClassName: 'manual',
  },
});

export const examplePersistentVolumeClaim = (): PersistentVolumeClaim => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'web-data', namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, storageClassName: 'manual' },
});
