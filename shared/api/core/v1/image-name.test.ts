import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPullPolicy, parseImageName } from './image-name.js';

const digest = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

test('image names split into repository, tag and digest as Kubernetes reads them', () => {
  const cases: Array<[string, ReturnType<typeof parseImageName>]> = [
    ['nginx', { repository: 'docker.io/library/nginx', tag: 'latest', digest: '' }],
    ['nginx:1.27', { repository: 'docker.io/library/nginx', tag: '1.27', digest: '' }],
    ['me/app:v2', { repository: 'docker.io/me/app', tag: 'v2', digest: '' }],
    ['localhost:5000/app', { repository: 'localhost:5000/app', tag: 'latest', digest: '' }],
    ['registry.example.com:5000/team/web:1.2.3', { repository: 'registry.example.com:5000/team/web', tag: '1.2.3', digest: '' }],
    [`nginx@${digest}`, { repository: 'docker.io/library/nginx', tag: '', digest }],
    [`nginx:latest@${digest}`, { repository: 'docker.io/library/nginx', tag: 'latest', digest }],
    ['Nginx', undefined],
    ['nginx:', undefined],
    ['', undefined],
    ['a'.repeat(64).replace(/a/g, 'f'), undefined],
  ];
  for (const [image, want] of cases) assert.deepEqual(parseImageName(image), want, image);
});

test('imagePullPolicy defaults to Always only for the latest tag', () => {
  const cases: Array<[unknown, string]> = [
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    [`nginx@${digest}`, 'IfNotPresent'],
    [`nginx:latest@${digest}`, 'Always'],
    ['localhost:5000/app', 'Always'],
    ['localhost:5000/app:dev', 'IfNotPresent'],
    ['Invalid/Name', 'IfNotPresent'],
    ['', 'IfNotPresent'],
    [undefined, 'IfNotPresent'],
  ];
  for (const [image, want] of cases) assert.equal(defaultPullPolicy(image), want, String(image));
});
