import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuantity } from '../../shared/api/quantity.js';
import { resourceAmount } from './resources.js';

test('resource amounts match the general quantity parser, plain forms and others alike', () => {
  const amounts = [
    '0', '1', '32', '100m', '1500m', '1m', '999m', '0100m', '250m', '128Mi', '1Gi', '128Gi', '2Ti', '1k', '5M', '3G', '7T',
    '999999999999999', '999999999999999Ti', '123456789012345G', '0.5', '1.5Gi', '1e3', '100n', '1u', '2Pi', '1E', '+5', '-1', '1Ki',
  ];
  for (const text of amounts) {
    const q = parseQuantity(text);
    assert.equal(resourceAmount('cpu', text), Number(q.milliValue()), `cpu ${text}`);
    assert.equal(resourceAmount('memory', text), Number(q.value()), `memory ${text}`);
  }
  assert.throws(() => resourceAmount('cpu', 'ten'));
});
