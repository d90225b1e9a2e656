import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiObject } from '../../meta.js';
import {
  defaultEndpoints, defaultNamespace, defaultNode, defaultPersistentVolume, defaultPersistentVolumeClaim, defaultPod,
  defaultPodTemplateSpec, defaultReplicationController, defaultSecret, defaultService,
} from './defaults.js';
import * as examples from './examples.js';
import type { Pod, PodTemplateSpec } from './pod.js';
import type { Service } from './service.js';

const minimalPod = (): Pod => ({
  metadata: { name: 'p', namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
});

test('a minimal pod gets every Kubernetes default', () => {
  const pod = minimalPod();
  defaultPod(pod);
  assert.deepEqual(pod.spec, {
    containers: [{
      name: 'c', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File', resources: {},
    }],
    enableServiceLinks: true,
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
    schedulerName: 'default-scheduler',
  });
});

test('a pod template gets the PodSpec defaults but not the pod-only ones', () => {
  const template: PodTemplateSpec = {
    metadata: { labels: { app: 'x' } },
    spec: { hostNetwork: true, containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '1' } } }] },
  };
  defaultPodTemplateSpec(template);
  assert.equal(template.spec?.enableServiceLinks, undefined);
  assert.equal(template.spec?.containers[0]?.resources?.requests, undefined);
  assert.equal(template.spec?.containers[0]?.ports?.[0]?.hostPort, undefined);
  assert.equal(template.spec?.restartPolicy, 'Always');
  assert.equal(template.spec?.containers[0]?.ports?.[0]?.protocol, 'TCP');
});

test('pod-only defaults: requests from limits, hostNetwork host ports, serviceAccount alias, pod IPs', () => {
  const pod: Pod = {
    metadata: { name: 'p' },
    spec: {
      hostNetwork: true, serviceAccount: 'builder',
      containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080 }], resources: { limits: { cpu: '0.5', memory: '1Gi' }, requests: { memory: '512Mi' } } }],
      initContainers: [{ name: 'i', image: 'x', resources: { limits: { cpu: '1' } } }],
    },
    status: { podIP: '10.244.1.5', hostIPs: [{ ip: '192.168.1.10' }] },
  };
  defaultPod(pod);
  assert.deepEqual(pod.spec?.containers[0]?.resources, { limits: { cpu: '500m', memory: '1Gi' }, requests: { memory: '512Mi', cpu: '500m' } });
  assert.deepEqual(pod.spec?.initContainers?.[0]?.resources?.requests, { cpu: '1' });
  assert.equal(pod.spec?.containers[0]?.ports?.[0]?.hostPort, 8080);
  assert.equal(pod.spec?.serviceAccountName, 'builder');
  assert.deepEqual(pod.status?.podIPs, [{ ip: '10.244.1.5' }]);
  assert.equal(pod.status?.hostIP, '192.168.1.10');
});

test('probes, hooks, env selectors and volumes get their defaults', () => {
  const pod: Pod = {
    metadata: { name: 'p' },
    spec: {
      containers: [{
        name: 'c', image: 'x',
        livenessProbe: { httpGet: { port: 80 } },
        readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 3 },
        lifecycle: { preStop: { httpGet: { port: 80, path: '/stop' } } },
        env: [
          { name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'B', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
        ],
      }],
      volumes: [
        { name: 'a' },
        { name: 'b', configMap: { name: 'cm' } },
        { name: 'c', secret: { secretName: 's', defaultMode: 256 } },
        { name: 'd', hostPath: { path: '/x' } },
        { name: 'e', downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] } },
        { name: 'f', projected: { sources: [{ serviceAccountToken: { path: 't' } }] } },
        { name: 'g', emptyDir: { sizeLimit: '1024Mi' } },
      ],
    },
  };
  defaultPod(pod);
  const c = pod.spec?.containers[0];
  assert.deepEqual(c?.livenessProbe, { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
  assert.equal(c?.readinessProbe?.periodSeconds, 3);
  assert.deepEqual(c?.lifecycle?.preStop?.httpGet, { port: 80, path: '/stop', scheme: 'HTTP' });
  assert.equal(c?.env?.[0]?.valueFrom?.fieldRef?.apiVersion, 'v1');
  assert.equal(c?.env?.[1]?.valueFrom?.resourceFieldRef?.divisor, '0');
  const v = pod.spec?.volumes ?? [];
  assert.deepEqual(v[0], { name: 'a', emptyDir: {} });
  assert.equal(v[1]?.configMap?.defaultMode, 420);
  assert.equal(v[2]?.secret?.defaultMode, 256);
  assert.equal(v[3]?.hostPath?.type, '');
  assert.equal(v[4]?.downwardAPI?.defaultMode, 420);
  assert.equal(v[4]?.downwardAPI?.items?.[0]?.fieldRef?.apiVersion, 'v1');
  assert.equal(v[5]?.projected?.defaultMode, 420);
  assert.equal(v[5]?.projected?.sources?.[0]?.serviceAccountToken?.expirationSeconds, 3600);
  assert.equal(v[6]?.emptyDir?.sizeLimit, '1Gi');
});

test('quantities are written back in canonical form and rounded up to milli-units', () => {
  const cases: Array<[unknown, unknown]> = [
    ['0.5', '500m'], [1, '1'], [0.25, '250m'], ['1000m', '1'], ['1Gi', '1Gi'], ['1024Mi', '1Gi'],
    ['0.0001', '1m'], ['100m', '100m'], ['abc', 'abc'], [true, true],
  ];
  for (const [input, want] of cases) {
    const pod: Pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: input as string } } }] } };
    defaultPod(pod);
    assert.equal(pod.spec?.containers[0]?.resources?.limits?.['cpu'], want, String(input));
  }
});

test('services get their defaults by type', () => {
  const svc = (spec: Service['spec']): Service => ({ metadata: { name: 's' }, spec });
  const cases: Array<[string, Service, Partial<NonNullable<Service['spec']>>]> = [
    ['a plain service', svc({ ports: [{ port: 80 }] }), {
      type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    }],
    ['a named target port stays', svc({ ports: [{ port: 80, targetPort: 'http' }] }), { ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }] }],
    ['NodePort', svc({ type: 'NodePort', ports: [{ port: 80 }] }), { externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' }],
    ['LoadBalancer', svc({ type: 'LoadBalancer', ports: [{ port: 80 }] }), { externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true }],
    ['ClusterIP with external IPs', svc({ externalIPs: ['192.0.2.1'], ports: [{ port: 80 }] }), { externalTrafficPolicy: 'Cluster' }],
    ['ClientIP affinity', svc({ sessionAffinity: 'ClientIP', ports: [{ port: 80 }] }), { sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } }],
    ['None affinity drops its config', svc({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } }, ports: [{ port: 80 }] }), { sessionAffinityConfig: undefined }],
    ['clusterIP fills clusterIPs', svc({ clusterIP: '10.96.0.20', ports: [{ port: 80 }] }), { clusterIPs: ['10.96.0.20'], ipFamilies: ['IPv4'] }],
    ['an IPv6 clusterIP', svc({ clusterIP: 'fd00::10', ports: [{ port: 80 }] }), { ipFamilies: ['IPv6'], ipFamilyPolicy: 'SingleStack' }],
    ['headless', svc({ clusterIP: 'None', selector: { app: 'x' }, ports: [{ port: 80 }] }), {
      clusterIPs: ['None'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
    }],
    ['headless without a selector', svc({ clusterIP: 'None' }), { ipFamilies: ['IPv4'], ipFamilyPolicy: 'PreferDualStack' }],
    ['ExternalName gets no IP fields', svc({ type: 'ExternalName', externalName: 'db.example.com' }), {
      ipFamilies: undefined, ipFamilyPolicy: undefined, clusterIPs: undefined, internalTrafficPolicy: undefined, externalTrafficPolicy: undefined,
    }],
  ];
  for (const [name, s, want] of cases) {
    defaultService(s);
    for (const [key, value] of Object.entries(want)) {
      assert.deepEqual((s.spec as Record<string, unknown>)[key], value, `${name}: ${key}`);
    }
  }
});

test('replication controllers take selector, labels and replicas from their template', () => {
  const rc = examples.exampleReplicationController();
  defaultReplicationController(rc);
  assert.deepEqual(rc.spec?.selector, { app: 'web', tier: 'front' });
  assert.deepEqual(rc.metadata.labels, { app: 'web', tier: 'front' });
  assert.equal(rc.spec?.replicas, 3);
  assert.equal(rc.spec?.template?.spec?.dnsPolicy, 'ClusterFirst');
  const explicit = examples.exampleReplicationController();
  explicit.spec = { ...explicit.spec, selector: { app: 'web' } };
  delete explicit.spec.replicas;
  explicit.metadata.labels = { owner: 'me' };
  defaultReplicationController(explicit);
  assert.deepEqual(explicit.spec.selector, { app: 'web' });
  assert.deepEqual(explicit.metadata.labels, { owner: 'me' });
  assert.equal(explicit.spec.replicas, 1);
});

test('other kinds get their defaults', () => {
  const secret = examples.exampleSecret();
  defaultSecret(secret);
  assert.equal(secret.type, 'Opaque');
  assert.deepEqual(secret.data, { password: 'czNjcjN0', user: 'YWRtaW4=' });
  assert.equal(secret.stringData, undefined);

  const ns = examples.exampleNamespace();
  defaultNamespace(ns);
  assert.deepEqual(ns.metadata.labels, { 'kubernetes.io/metadata.name': 'team-a' });
  assert.deepEqual(ns.status, { phase: 'Active' });

  const pv = examples.examplePersistentVolume();
  defaultPersistentVolume(pv);
  assert.equal(pv.spec?.persistentVolumeReclaimPolicy, 'Retain');
  assert.equal(pv.spec?.volumeMode, 'Filesystem');
  assert.equal(pv.status?.phase, 'Pending');

  const pvc = examples.examplePersistentVolumeClaim();
  defaultPersistentVolumeClaim(pvc);
  assert.equal(pvc.spec?.volumeMode, 'Filesystem');
  assert.equal(pvc.status?.phase, 'Pending');

  const node = examples.exampleNode();
  delete node.status?.allocatable;
  defaultNode(node);
  assert.deepEqual(node.spec?.podCIDRs, ['10.244.1.0/24']);
  assert.deepEqual(node.status?.allocatable, node.status?.capacity);

  const ep = examples.exampleEndpoints();
  defaultEndpoints(ep);
  assert.equal(ep.subsets?.[0]?.ports?.[0]?.protocol, 'TCP');
});

test('every default is idempotent', () => {
  const cases: Array<[string, () => ApiObject, (o: ApiObject) => void]> = [
    ['pod', examples.examplePod, (o) => defaultPod(o as Pod)],
    ['minimal pod', minimalPod, (o) => defaultPod(o as Pod)],
    ['service', examples.exampleService, (o) => defaultService(o as Service)],
    ['replication controller', examples.exampleReplicationController, (o) => defaultReplicationController(o)],
    ['secret', examples.exampleSecret, (o) => defaultSecret(o)],
    ['namespace', examples.exampleNamespace, (o) => defaultNamespace(o)],
    ['node', examples.exampleNode, (o) => defaultNode(o)],
    ['persistent volume', examples.examplePersistentVolume, (o) => defaultPersistentVolume(o)],
    ['claim', examples.examplePersistentVolumeClaim, (o) => defaultPersistentVolumeClaim(o)],
    ['endpoints', examples.exampleEndpoints, (o) => defaultEndpoints(o)],
  ];
  for (const [name, make, apply] of cases) {
    const obj = make();
    apply(obj);
    const once = structuredClone(obj);
    apply(obj);
    assert.deepEqual(obj, once, name);
  }
});

test('fields of the wrong JSON type are left for validation', () => {
  const pod = { metadata: { name: 'p' }, spec: { containers: 'nope', volumes: [null, 3], securityContext: 'x' } } as unknown as Pod;
  defaultPod(pod);
  const spec = pod.spec as unknown as Record<string, unknown>;
  assert.equal(spec['containers'], 'nope');
  assert.deepEqual(spec['volumes'], [null, 3]);
  assert.equal(spec['securityContext'], 'x');
});
