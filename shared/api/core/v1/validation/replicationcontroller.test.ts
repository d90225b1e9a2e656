import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFieldError } from '../../../validation/field-error.js';
import { defaultReplicationController } from '../defaults.js';
import { exampleReplicationController } from '../examples.js';
import type { ReplicationController } from '../replicationcontroller.js';
import { validateReplicationController } from './replicationcontroller.js';

function rc(mutate: (r: ReplicationController) => void): ReplicationController {
  const r = exampleReplicationController();
  mutate(r);
  defaultReplicationController(r);
  return r;
}

test('each replication controller rule reports Kubernetes\' field path and wording', () => {
  const cases: Array<[string, ReplicationController, string[]]> = [
    ['a valid full controller', rc(() => undefined), []],
    ['negative replicas', rc((r) => { r.spec!.replicas = -1; }), ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    ['a selector the template does not match', rc((r) => { r.spec!.selector = { app: 'api' }; }), [
      'spec.template.metadata.labels: Invalid value: {"app":"web","tier":"front"}: `selector` does not match template `labels`',
    ]],
    ['no selector and no template labels', rc((r) => { delete r.spec!.template!.metadata; }), [
      'spec.selector: Required value',
    ]],
    ['no template', rc((r) => { r.spec = { selector: { app: 'web' } }; }), ['spec.template: Required value']],
    ['a template that restarts on failure', rc((r) => { r.spec!.template!.spec!.restartPolicy = 'OnFailure'; }), [
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ]],
    ['a template with a deadline', rc((r) => { r.spec!.template!.spec!.activeDeadlineSeconds = 10; }), [
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicationController is not Supported',
    ]],
    ['a template container without an image', rc((r) => { r.spec!.template!.spec!.containers[0]!.image = ''; }), [
      'spec.template.spec.containers[0].image: Required value',
    ]],
  ];
  for (const [name, r, want] of cases) assert.deepEqual(validateReplicationController(r).map(formatFieldError), want, name);
});
