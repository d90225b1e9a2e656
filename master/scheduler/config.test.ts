import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseSchedulerConfiguration } from './config.js';
import { buildFramework } from './framework/build.js';

const ctx = { cluster: { nodeCount: () => 0, imageNodeCount: () => 0 }, binder: { bind: async () => {} } };

test('without profiles: the default plugins for default-scheduler and bosun', () => {
  const c = parseSchedulerConfiguration('{}');
  assert.deepEqual(c.profiles.map((p) => p.schedulerName), ['default-scheduler', 'bosun']);
  const f = buildFramework(c.profiles[0]!, 0, ctx);
  assert.deepEqual(f.plugins.filter.map((p) => p.name), ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit']);
  assert.deepEqual(f.plugins.score.map((s) => `${s.plugin.name}=${s.weight}`), [
    'TaintToleration=3', 'NodeAffinity=2', 'NodeResourcesLeastAllocated=1', 'NodeResourcesBalancedAllocation=1', 'SelectorSpread=2', 'ImageLocality=1',
  ]);
  assert.deepEqual(f.plugins.bind.map((p) => p.name), ['DefaultBinder']);
});

test('YAML: weights, disabled plugins, "*" and percentageOfNodesToScore', () => {
  const c = parseSchedulerConfiguration([
    'apiVersion: kubescheduler.config.k8s.io/v1',
    'kind: KubeSchedulerConfiguration',
    'percentageOfNodesToScore: 30',
    'profiles:',
    '- schedulerName: bosun',
    '  plugins:',
    '    score:',
    '      disabled: [{name: "*"}]',
    '      enabled: [{name: ImageLocality, weight: 5}, {name: NodeResourcesLeastAllocated}]',
    '    filter:',
    '      disabled: [{name: NodePorts}]',
  ].join('\n'));
  assert.equal(c.percentageOfNodesToScore, 30);
  const f = buildFramework(c.profiles[0]!, c.percentageOfNodesToScore, ctx);
  assert.equal(f.schedulerName, 'bosun');
  assert.deepEqual(f.plugins.score.map((s) => `${s.plugin.name}=${s.weight}`), ['ImageLocality=5', 'NodeResourcesLeastAllocated=1']);
  assert.ok(!f.plugins.filter.some((p) => p.name === 'NodePorts'));
  assert.ok(f.plugins.preFilter.some((p) => p.name === 'NodePorts'), 'only the filter point was turned off');
});

test('mistakes are reported with where they are', () => {
  for (const [text, msg] of [
    ['profiles: [{plugins: {filter: {enabled: [{name: Nope}]}}}]', /profiles\[0\]\.plugins\.filter\.enabled\[0\]\.name: unknown plugin "Nope"/],
    ['profiles: [{plugins: {sideways: {}}}]', /unknown extension point/],
    ['percentageOfNodesToScore: 101', /percentageOfNodesToScore/],
    ['profiles: [{schedulerName: a}, {schedulerName: a}]', /appears twice/],
    ['kind: Deployment', /KubeSchedulerConfiguration/],
    ['profiles: [{plugins: {score: {enabled: [{name: ImageLocality, weight: -1}]}}}]', /weight/],
  ] as const) {
    assert.throws(() => parseSchedulerConfiguration(text), (e: unknown) => e instanceof ConfigError && msg.test(e.message));
  }
});
