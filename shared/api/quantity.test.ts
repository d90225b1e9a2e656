import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Quantity, QuantityError, isQuantity, parseQuantity } from './quantity.js';

const formatWrong =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const suffixWrong = "unable to parse quantity's suffix";

test('prints parsed quantities in Kubernetes canonical form', () => {
  const cases: [string, string][] = [
    ['0', '0'], ['0n', '0'], ['0Ki', '0'], ['-0', '0'], ['00', '0'],
    ['1', '1'], ['100m', '100m'], ['128Mi', '128Mi'], ['1Gi', '1Gi'], ['1Ki', '1Ki'],
    ['1500m', '1500m'], ['0.5', '500m'], ['1.5', '1500m'], ['0.1', '100m'], ['1.08', '1080m'],
    ['1e3', '1e3'], ['1e9', '1e9'], ['1.2e3', '1200'], ['1.3E+6', '1300e3'], ['0.5e-9', '1e-9'],
    ['1024Mi', '1Gi'], ['1000M', '1G'], ['0.001T', '1G'], ['1000u', '1m'], ['1080000000n', '1080m'],
    ['1.5Gi', '1536Mi'], ['0.5Mi', '512Ki'], ['8Ki', '8Ki'], ['1025Ki', '1025Ki'],
    ['100.035Ki', '102435840m'], ['.001Ki', '1024m'], ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'], ['.000000000001Ki', '2n'],
    ['3.001n', '4n'], ['0.9n', '1n'], ['0.00000012345', '124n'],
    ['12E', '12E'], ['1E', '1E'], ['1000E', '1e21'], ['1.01E', '1010P'],
    ['9Ei', '9223372036854775807'], ['9223372036854775807Ki', '9223372036854775807'],
    ['-1Gi', '-1Gi'], ['-1.5', '-1500m'], ['-.001Ki', '-1024m'],
  ];
  for (const [input, want] of cases) {
    assert.equal(Quantity.parse(input).toString(), want, input);
  }
});

test('keeps the text Kubernetes keeps when it parsed already in canonical shape', () => {
  // ParseQuantity reuses the input string on its fast path: these come back as written.
  for (const input of ['+1', '01', '1.', '1E3', '1E-3', '1.G', '+1Ki']) {
    assert.equal(Quantity.parse(input).toString(), input, input);
  }
});

test('rejects malformed quantities with Kubernetes messages', () => {
  const cases: [string, string][] = [
    ['', formatWrong], [' 1', formatWrong], ['1 ', formatWrong], ['aoeu', formatWrong],
    ['1.1.M', formatWrong], ['1+1.0M', formatWrong], ['0.1am', formatWrong], ['1/2', formatWrong],
    ['-3.01e-', suffixWrong], ['0.1mi', suffixWrong], ['.5i', suffixWrong], ['1i', suffixWrong],
    ['1kk', suffixWrong], ['1e', suffixWrong], ['1m-3', suffixWrong],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => Quantity.parse(input), (err: unknown) =>
      err instanceof QuantityError && err.message === message, JSON.stringify(input));
  }
});

test('refuses decimal exponents too large to hold', () => {
  assert.throws(() => Quantity.parse('1e999999999'), QuantityError);
  assert.equal(Quantity.parse('1e-999999999').toString(), '1e-9');
  assert.equal(Quantity.parse('0e999999999').toString(), '0');
});

test('isQuantity tells valid from invalid text', () => {
  const cases: [string, boolean][] = [
    ['100m', true], ['1Gi', true], ['1e3', true], ['-1', true], ['', false], ['1GB', false], ['abc', false],
  ];
  for (const [input, want] of cases) assert.equal(isQuantity(input), want, input);
});

test('milliValue and value round up away from zero', () => {
  const cases: [string, bigint, bigint][] = [
    ['1', 1000n, 1n], ['100m', 100n, 1n], ['1.5', 1500n, 2n], ['0.1m', 1n, 1n], ['1n', 1n, 1n],
    ['-1.5', -1500n, -2n], ['-1n', -1n, -1n], ['0', 0n, 0n], ['2Ki', 2048000n, 2048n],
    ['1E', 10n ** 21n, 10n ** 18n], ['1Ei', 1152921504606846976000n, 1152921504606846976n],
    ['8Ei', 9223372036854775807000n, 9223372036854775807n],
  ];
  for (const [input, milli, value] of cases) {
    const q = parseQuantity(input);
    assert.equal(q.milliValue(), milli, `${input} milli`);
    assert.equal(q.value(), value, `${input} value`);
  }
});

test('compares quantities across suffixes, including the exact limit and one millicore over', () => {
  const cases: [string, string, -1 | 0 | 1][] = [
    ['500m', '0.5', 0], ['501m', '0.5', 1], ['499m', '0.5', -1],
    ['1', '1000m', 0], ['1001m', '1', 1], ['1Ki', '1024', 0], ['1k', '1Ki', -1],
    ['128Mi', '134217728', 0], ['-1', '0', -1], ['1e3', '1k', 0], ['1Gi', '1G', 1],
  ];
  for (const [a, b, want] of cases) assert.equal(parseQuantity(a).cmp(parseQuantity(b)), want, `${a} vs ${b}`);
});

test('adds and subtracts without changing the operands', () => {
  const cases: [string, '+' | '-', string, string][] = [
    ['100m', '+', '200m', '300m'], ['1Gi', '+', '512Mi', '1536Mi'], ['0', '+', '1Gi', '1Gi'],
    ['1', '+', '1Gi', '1073741825'], ['1', '-', '1500m', '-500m'], ['1Gi', '-', '1Gi', '0'],
    ['0', '-', '250m', '-250m'], ['1Ei', '+', '1Ei', '2Ei'], ['8Ei', '+', '8Ei', '18446744073709551614'],
  ];
  for (const [a, op, b, want] of cases) {
    const x = parseQuantity(a);
    const y = parseQuantity(b);
    const got = op === '+' ? x.add(y) : x.sub(y);
    assert.equal(got.toString(), want, `${a} ${op} ${b}`);
    assert.equal(x.toString(), parseQuantity(a).toString());
  }
});

test('reports sign and zero', () => {
  assert.equal(parseQuantity('-1m').isNegative(), true);
  assert.equal(parseQuantity('1m').isNegative(), false);
  assert.equal(parseQuantity('0').isNegative(), false);
  assert.equal(parseQuantity('0Mi').isZero(), true);
  assert.equal(parseQuantity('2Gi').neg().toString(), '-2Gi');
});

test('remembers the format a quantity was written in', () => {
  const cases: [string, string][] = [
    ['1Gi', 'BinarySI'], ['1G', 'DecimalSI'], ['1e9', 'DecimalExponent'], ['0.5Ki', 'BinarySI'],
    ['0.0005Ki', 'DecimalSI'], ['5', 'DecimalSI'],
  ];
  for (const [input, format] of cases) assert.equal(parseQuantity(input).format, format, input);
});

test('builds quantities from whole units and from thousandths', () => {
  assert.equal(Quantity.fromValue(3n, 'DecimalSI').toString(), '3');
  assert.equal(Quantity.fromValue(2048n, 'BinarySI').toString(), '2Ki');
  assert.equal(Quantity.fromValue(1000n, 'BinarySI').toString(), '1k');
  assert.equal(Quantity.fromMilli(1500n, 'DecimalSI').toString(), '1500m');
  assert.equal(Quantity.fromMilli(500n, 'BinarySI').toString(), '500m');
});

test('serializes to JSON as its string', () => {
  assert.equal(JSON.stringify({ cpu: parseQuantity('0.5') }), '{"cpu":"500m"}');
});
