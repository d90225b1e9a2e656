import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expand } from './expand.js';

test('expands defined references and keeps the rest as Kubernetes does', () => {
  const vars: Record<string, string> = { A: 'x', EMPTY: '' };
  const cases: [string, string][] = [
    ['$(A)', 'x'], ['pre-$(A)-post', 'pre-x-post'], ['$(B)', '$(B)'], ['$$(A)', '$(A)'], ['$$', '$'],
    ['$(A', '$(A'], ['$()', '$()'], ['a$b', 'a$b'], ['$(EMPTY)!', '!'], ['$', '$'], ['$(A)$(A)', 'xx'],
  ];
  for (const [input, want] of cases) assert.equal(expand(input, (n) => vars[n]), want, input);
});
