import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DockerDemuxer, dockerFrame } from './demux.js';

test('frames split anywhere come out whole, in order, with their stream', () => {
  const bytes = Buffer.concat([dockerFrame('stdout', 'line 1\n'), dockerFrame('stderr', 'oops\n'), dockerFrame('stdout', ''), dockerFrame('stdout', 'line 2\n')]);
  for (const cut of [1, 3, 8, 9, 15, bytes.length]) {
    const d = new DockerDemuxer();
    const got = [];
    for (let at = 0; at < bytes.length; at += cut) got.push(...d.push(bytes.subarray(at, at + cut)));
    assert.deepEqual(got.map((c) => `${c.stream}:${c.data.toString()}`), ['stdout:line 1\n', 'stderr:oops\n', 'stdout:line 2\n'], `cut ${cut}`);
  }
});
