import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandSources, loadManifests, parseManifests } from './manifests.js';

const dir = mkdtempSync(join(tmpdir(), 'bosunctl-manifests-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string): string => { const p = join(dir, name); writeFileSync(p, text); return p; };
const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

test('reads every document of a multi-document file, skipping empty ones, and expands Lists', () => {
  const got = parseManifests(`${cm('a')}---\n---\n# only a comment\n---\n${cm('b')}---\napiVersion: v1\nkind: List\nitems:\n- ${cm('c').replace(/\n/g, '\n  ').trimEnd()}\n`, 'm.yaml');
  assert.deepEqual(got.map((m) => [m.object.metadata.name, m.document]), [['a', 1], ['b', 4], ['c', 5]]);
});

test('names the file, the document and the line of a YAML error', () => {
  const text = `${cm('a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  labels: [\n`;
  assert.throws(() => parseManifests(text, 'app.yaml'), (e: Error) => {
    assert.match(e.message, /^error parsing app\.yaml: document 2, line \d+: /);
    const line = Number(/line (\d+)/.exec(e.message)![1]);
    assert.ok(line >= 9 && line <= 11, e.message);
    return true;
  });
  assert.throws(() => parseManifests('a: b\n  c: d\n', 'x.yaml'), /error parsing x\.yaml: document 1, line \d+: /);
});

test('says which document lacks apiVersion or kind', () => {
  assert.throws(() => parseManifests(`${cm('a')}---\nmetadata:\n  name: b\n`, 'y.yaml'), /error validating y\.yaml: document 2, line 6: apiVersion not set, kind not set/);
  assert.throws(() => parseManifests('- 1\n- 2\n', 'z.yaml'), /document 1, line 1: the document is not a mapping/);
});

test('expands folders (recursively with -R) to their manifest files in name order', () => {
  mkdirSync(join(dir, 'app/sub'), { recursive: true });
  write('app/b.yaml', cm('b'));
  write('app/a.json', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }));
  write('app/notes.txt', 'ignored');
  write('app/sub/c.yml', cm('c'));
  assert.deepEqual(expandSources([join(dir, 'app')], false).map((p) => p.slice(dir.length + 1)), ['app/a.json', 'app/b.yaml']);
  assert.deepEqual(expandSources([join(dir, 'app')], true).map((p) => p.slice(dir.length + 1)), ['app/a.json', 'app/b.yaml', 'app/sub/c.yml']);
  assert.deepEqual(loadManifests([join(dir, 'app'), '-'], false, () => cm('stdin')).map((m) => [m.object.metadata.name, m.source.endsWith('STDIN')]),
    [['a', false], ['b', false], ['stdin', true]]);
});

test('reports a missing path as kubectl does', () => {
  assert.throws(() => loadManifests(['nope.yaml'], false, () => ''), /the path "nope\.yaml" does not exist$/);
});
