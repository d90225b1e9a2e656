import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonpath } from './jsonpath.js';

const list = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { app: 'web' }, annotations: { 'kubectl.kubernetes.io/restartedAt': 't1' } },
      status: { podIP: '10.0.0.1', conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }] },
      spec: { containers: [{ name: 'web', image: 'nginx:1', ports: [{ containerPort: 80 }] }, { name: 'side', image: 'busybox' }] } },
    { metadata: { name: 'b', labels: { app: 'db' } },
      status: { podIP: '10.0.0.2', conditions: [{ type: 'Ready', status: 'False' }] },
      spec: { containers: [{ name: 'db', image: 'redis' }] } },
  ],
};

test('evaluates the templates people pass to -o jsonpath', () => {
  const cases: [string, string][] = [
    ['{.items[*].metadata.name}', 'a b'],
    ['{.items[0].status.podIP}', '10.0.0.1'],
    ['{.items[-1].metadata.name}', 'b'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}', 'a\t10.0.0.1\nb\t10.0.0.2\n'],
    ['{.items[?(@.metadata.labels.app=="db")].metadata.name}', 'b'],
    ['{.items[0].status.conditions[?(@.type=="Ready")].status}', 'True'],
    ['{.items[*].spec.containers[*].image}', 'nginx:1 busybox redis'],
    ['{..image}', 'nginx:1 busybox redis'],
    ['{.items[0].metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}', 't1'],
    ["{.items[0].metadata.annotations['kubectl.kubernetes.io/restartedAt']}", 't1'],
    ['{.items[0:1].metadata.name}', 'a'],
    ['{.items[0].spec.containers[0].ports}', '[{"containerPort":80}]'],
    ['name={.items[1].metadata.name}!', 'name=b!'],
    ['{.items[0].missing}', ''],
    ['{.kind}', 'List'],
    ['{range.items[*]}{.metadata.name}{end}', 'ab'],
  ];
  for (const [tpl, want] of cases) assert.equal(jsonpath(tpl, list), want, tpl);
});

test('rejects a template that does not parse', () => {
  assert.throws(() => jsonpath('{.items[*]', list), /unclosed action/);
  assert.throws(() => jsonpath('{range .items[*]}{.x}', list), /unclosed range/);
  assert.throws(() => jsonpath('{end}', list), /not in range/);
});
