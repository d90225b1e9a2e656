import { test } from 'node:test';
import assert from 'node:assert/strict';
import { durationMsFlag, flagValue, helpText, intFlag, parseFlags, secondsFlag, type FlagSpec } from './flags.js';

const specs: FlagSpec[] = [
  { name: 'port', default: '6443', help: 'port to serve on' },
  { name: 'bind-address', default: '127.0.0.1', help: 'address' },
  { name: 'insecure', default: 'false', help: 'allow it', boolean: true },
];

test('reads --a=b, --a b, booleans, environment twins and defaults', () => {
  const p = parseFlags(specs, ['--port=7000', '--insecure'], { BOSUN_BIND_ADDRESS: '127.0.0.2' });
  assert.equal(intFlag(p, 'port', 1, 65535), 7000);
  assert.equal(flagValue(p, 'bind-address'), '127.0.0.2');
  assert.equal(flagValue(p, 'insecure'), 'true');
  assert.equal(flagValue(parseFlags(specs, ['--port', '8000'], {}), 'port'), '8000');
  assert.equal(flagValue(parseFlags(specs, [], {}), 'port'), '6443');
});

test('names the flag that is wrong', () => {
  assert.throws(() => parseFlags(specs, ['--nope'], {}), /unknown flag --nope/);
  assert.throws(() => parseFlags(specs, ['--port'], {}), /flag --port needs a value/);
  assert.throws(() => intFlag(parseFlags(specs, ['--port=99999'], {}), 'port', 1, 65535), /--port must be a whole number from 1 to 65535/);
  assert.throws(() => parseFlags(specs, ['--insecure=maybe'], {}), /takes true or false/);
});

test('lists every flag with its default in the help', () => {
  const text = helpText('bosun apiserver [flags]', 'Serves the API.', specs);
  for (const s of specs) assert.match(text, new RegExp(`--${s.name}.*default "${s.default}"`));
});

test('reads durations in whole seconds as Kubernetes writes them, and refuses others', () => {
  const specs: FlagSpec[] = [{ name: 'lease', default: '15s', help: '' }];
  const at = (v: string) => secondsFlag(parseFlags(specs, [`--lease=${v}`], {}), 'lease', 1, 3600);
  assert.equal(secondsFlag(parseFlags(specs, [], {}), 'lease', 1, 3600), 15);
  assert.equal(at('2m'), 120);
  assert.equal(at('7'), 7);
  assert.equal(at('1h'), 3600);
  for (const bad of ['0s', '1.5s', '500ms', 'soon', '2h', '']) assert.throws(() => at(bad), /--lease must be a duration of whole seconds from 1s to 3600s/);
});

test('reads durations in milliseconds, fractions included, and refuses what is not one', () => {
  const specs: FlagSpec[] = [{ name: 'period', default: '1s', help: '' }];
  const at = (v: string) => durationMsFlag(parseFlags(specs, [`--period=${v}`], {}), 'period', 1);
  assert.deepEqual(['500ms', '1.5s', '2', '2m', '1h'].map(at), [500, 1500, 2000, 120_000, 3_600_000]);
  for (const bad of ['0s', 'soon', '-1s', '']) assert.throws(() => at(bad), /flag --period: .* is not a duration like 1s, 500ms or 2m of at least 1 ms/);
});
