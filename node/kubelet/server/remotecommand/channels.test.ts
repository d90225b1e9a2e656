import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Channel, ResizeDecoder, decodeClientMessage, encodeChannel } from './channels.js';
import { exitStatus } from './status.js';
import { streamOptions } from './options.js';

test('client messages decode by their first byte, the close channel only in v5', () => {
  const cases: [number[], boolean, unknown][] = [
    [[0, 0x68, 0x69], true, { kind: 'stdin', data: Buffer.from('hi') }],
    [[255, 0], true, { kind: 'close', channel: 0 }],
    [[255, 0], false, { kind: 'ignored', channel: 255 }],
    [[4, ...Buffer.from('{"Width":100,"Height":30}\n')], true, { kind: 'resize', sizes: [{ width: 100, height: 30 }] }],
    [[9, 1], true, { kind: 'ignored', channel: 9 }],
  ];
  for (const [bytes, v5, want] of cases) assert.deepEqual(decodeClientMessage(Buffer.from(bytes), v5), want, JSON.stringify(bytes));
  assert.equal(decodeClientMessage(Buffer.alloc(0), true), undefined);
});

test('server frames carry the channel byte first', () => {
  assert.deepEqual(encodeChannel(Channel.stdout, 'ok'), Buffer.from([1, 0x6f, 0x6b]));
  assert.deepEqual(encodeChannel(Channel.error, Buffer.from('{}')), Buffer.from([3, 0x7b, 0x7d]));
});

test('a resize stream split anywhere yields each size once', () => {
  const text = '{"Width":80,"Height":24}{"Width":120,"Height":40}\n{"Width":0,"Height":1}{"Width":1';
  const d = new ResizeDecoder();
  const got = [];
  for (const ch of text) got.push(...d.push(ch));
  assert.deepEqual(got, [{ width: 80, height: 24 }, { width: 120, height: 40 }]);
  assert.deepEqual(d.push(',"Height":2}'), [{ width: 1, height: 2 }]);
});

test('a non-zero exit becomes the NonZeroExitCode Status with the ExitCode cause kubectl parses', () => {
  assert.deepEqual(exitStatus(['sh', '-c', 'exit 3'], 3), {
    metadata: {}, status: 'Failure', reason: 'NonZeroExitCode',
    message: 'command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3',
    details: { causes: [{ reason: 'ExitCode', message: '3' }] },
  });
  assert.deepEqual(exitStatus(['true'], 0), { metadata: {}, status: 'Success' });
});

test('tty drops stderr; exec needs a command', () => {
  const q = new URLSearchParams('command=sh&command=-c&command=echo+hi&stdin=true&stdout=true&stderr=true&tty=true');
  assert.deepEqual(streamOptions(q, 'exec'), { command: ['sh', '-c', 'echo hi'], stdin: true, stdout: true, stderr: false, tty: true });
  assert.throws(() => streamOptions(new URLSearchParams('stdout=true'), 'exec'), /at least 1 command/);
  assert.deepEqual(streamOptions(new URLSearchParams('stdout=true'), 'attach').command, []);
});
