import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container } from './container.js';
import type { Pod } from './pod.js';
import { podQOSClass } from './qos.js';

const pod = (containers: Array<Partial<Container>>, initContainers: Array<Partial<Container>> = []): Pod => ({
  metadata: { name: 'p' },
  spec: {
    containers: containers.map((c, i) => ({ name: `c${i}`, image: 'x', ...c })),
    initContainers: initContainers.map((c, i) => ({ name: `i${i}`, image: 'x', ...c })),
  },
});

test('the QoS class follows Kubernetes\' rules', () => {
  const full = { cpu: '500m', memory: '128Mi' };
  const cases: Array<[string, Pod, string]> = [
    ['no resources at all', pod([{}]), 'BestEffort'],
    ['zero requests only', pod([{ resources: { requests: { cpu: '0' } } }]), 'BestEffort'],
    ['equal requests and limits', pod([{ resources: { requests: full, limits: full } }]), 'Guaranteed'],
    ['limits only (requests default to them)', pod([{ resources: { limits: full } }]), 'Guaranteed'],
    ['equal amounts written differently', pod([{ resources: { requests: { cpu: '0.5', memory: '128Mi' }, limits: full } }]), 'Guaranteed'],
    ['requests below limits', pod([{ resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: full } }]), 'Burstable'],
    ['a cpu limit only', pod([{ resources: { limits: { cpu: '1' } } }]), 'Burstable'],
    ['one container without limits', pod([{ resources: { limits: full } }, {}]), 'Burstable'],
    ['an init container without limits', pod([{ resources: { limits: full } }], [{}]), 'Burstable'],
    ['extended resources do not count', pod([{ resources: { limits: { ...full, 'example.com/gpu': '1' } } }]), 'Guaranteed'],
    ['a pod without a spec', { metadata: { name: 'p' } }, 'BestEffort'],
  ];
  for (const [name, p, want] of cases) assert.equal(podQOSClass(p), want, name);
});
