import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import { sandboxSpec } from './container-spec.js';
import { identityFrom } from './labels.js';

const pod = (hostNetwork: boolean): Pod => ({
  metadata: { name: 'web', namespace: 'shop', uid: 'u-1' },
  spec: { hostNetwork, containers: [{ name: 'main', image: 'bosun/toolbox:1' }] },
});

test('a sandbox off the host network: Docker networking off, its pod IP in a label', () => {
  const s = sandboxSpec(pod(false), 2, { pauseImage: 'bosun/pause:1' }, '10.244.1.9');
  const body = s.body as { NetworkDisabled?: boolean; Hostname?: string; Labels: Record<string, string>; HostConfig: { NetworkMode: string; IpcMode: string } };
  assert.equal(body.NetworkDisabled, true);
  assert.equal(body.HostConfig.NetworkMode, 'none');
  assert.equal(body.HostConfig.IpcMode, 'shareable');
  assert.equal(body.Hostname, 'web');
  assert.equal(identityFrom(body.Labels)?.podIP, '10.244.1.9');
  assert.equal(identityFrom(body.Labels)?.restartCount, 2);
});

test('a sandbox on the host network: Docker\'s host mode, no pod IP', () => {
  const body = sandboxSpec(pod(true), 0, { pauseImage: 'bosun/pause:1' }, undefined).body as { NetworkDisabled?: boolean; Labels: Record<string, string>; HostConfig: { NetworkMode: string } };
  assert.equal(body.NetworkDisabled, undefined);
  assert.equal(body.HostConfig.NetworkMode, 'host');
  assert.equal(identityFrom(body.Labels)?.podIP, undefined);
});
