import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cgroupUsage, parseProcCgroup, statField } from './cgroup-stats.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'cgroup-stats-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

test('parses /proc/<pid>/cgroup and stat files', () => {
  const p = parseProcCgroup('4:memory:/lab/abc\n2:cpu,cpuacct:/lab/abc\n0::/\n');
  assert.equal(p.byController.get('memory'), '/lab/abc');
  assert.equal(p.byController.get('cpu,cpuacct'), '/lab/abc');
  assert.equal(p.byController.get(''), '/');
  assert.equal(statField('cache 5\ntotal_inactive_file 4096\n', 'total_inactive_file'), 4096);
  assert.equal(statField('inactive_file 1\n', 'total_inactive_file'), undefined);
});

test('cgroup v1: memory less inactive file pages, cpuacct usage', async () => {
  const root = tree({
    'proc/42/cgroup': '9:memory:/lab/c1\n3:cpu,cpuacct:/lab/c1\n0::/\n',
    'sys/memory/lab/c1/memory.usage_in_bytes': '1000000\n',
    'sys/memory/lab/c1/memory.stat': 'cache 10\ntotal_inactive_file 250000\n',
    'sys/cpu,cpuacct/lab/c1/cpuacct.usage': '123456789\n',
  });
  try {
    const u = await cgroupUsage(42, join(root, 'sys'), join(root, 'proc'));
    assert.deepEqual({ ...u, time: undefined }, { time: undefined, cpuUsageNanoSeconds: 123456789, memoryUsageBytes: 1000000, memoryWorkingSetBytes: 750000 });
    assert.equal(await cgroupUsage(43, join(root, 'sys'), join(root, 'proc')), undefined, 'a process that is gone');
  } finally { rmSync(root, { recursive: true, force: true }); }
});

test('cgroup v2: memory.current less inactive_file, cpu.stat usage_usec', async () => {
  const root = tree({
    'proc/7/cgroup': '0::/lab/c2\n',
    'sys/lab/c2/memory.current': '2000\n',
    'sys/lab/c2/memory.stat': 'anon 100\ninactive_file 500\n',
    'sys/lab/c2/cpu.stat': 'usage_usec 42\nuser_usec 40\n',
  });
  try {
    const u = await cgroupUsage(7, join(root, 'sys'), join(root, 'proc'));
    assert.deepEqual({ ...u, time: undefined }, { time: undefined, cpuUsageNanoSeconds: 42000, memoryUsageBytes: 2000, memoryWorkingSetBytes: 1500 });
  } finally { rmSync(root, { recursive: true, force: true }); }
});
