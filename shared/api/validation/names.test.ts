import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isConfigMapKey, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isEnvVarName, isQualifiedName,
  isValidCIDR, isValidIP, isValidLabelValue, isValidPortName, isValidPortNum,
  validateAnnotations, validateLabelSelector, validateLabels, validateObjectMeta, validateObjectMetaUpdate,
} from './names.js';
import { formatFieldError } from './field-error.js';
import type { LabelSelector, ObjectMeta } from '../meta.js';

const subdomainMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', " +
  "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is " +
  "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const labelMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must " +
  "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is " +
  "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const dns1035Msg = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an " +
  "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for " +
  "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const nameRule = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an " +
  "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is " +
  "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const labelValueMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', " +
  "and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used " +
  "for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const envMsg = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', " +
  "and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for " +
  "validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";
const configKeyMsg = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name', " +
  " or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

type Check = (value: string) => string[];
const table = (check: Check, cases: [string, string[]][]): void => {
  for (const [value, want] of cases) assert.deepEqual(check(value), want, `${check.name}(${JSON.stringify(value)})`);
};

test('isDNS1123Subdomain accepts lowercase dotted names of at most 253 characters', () => {
  table(isDNS1123Subdomain, [
    ['example.com', []], ['a', []], ['1-2.a-b', []], ['a'.repeat(253), []],
    ['Example.com', [subdomainMsg]], ['a_b', [subdomainMsg]], ['-a', [subdomainMsg]], ['a.', [subdomainMsg]],
    ['', [subdomainMsg]], ['a..b', [subdomainMsg]],
    ['a'.repeat(254), ['must be no more than 253 characters']],
  ]);
});

test('isDNS1123Label accepts one lowercase label and says when dots are the problem', () => {
  table(isDNS1123Label, [
    ['my-name', []], ['123-abc', []], ['a'.repeat(63), []],
    ['my.name', ['must not contain dots']], ['My', [labelMsg]], ['a-', [labelMsg]], ['', [labelMsg]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ]);
});

test('isDNS1035Label requires a leading letter', () => {
  table(isDNS1035Label, [
    ['my-name', []], ['abc-123', []], ['1abc', [dns1035Msg]], ['a.b', [dns1035Msg]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ]);
});

test('isQualifiedName checks the optional prefix and the name part', () => {
  table(isQualifiedName, [
    ['app', []], ['example.com/app', []], ['A.b-c_d', []], ['kubernetes.io/hostname', []], ['a'.repeat(63), []],
    ['a/b/c', [`a qualified name ${nameRule} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`]],
    ['/a', ['prefix part must be non-empty']],
    ['Example.com/x', [`prefix part ${subdomainMsg}`]],
    ['a/', ['name part must be non-empty', `name part ${nameRule}`]],
    ['', ['name part must be non-empty', `name part ${nameRule}`]],
    ['-a', [`name part ${nameRule}`]],
    ['a'.repeat(64), ['name part must be no more than 63 characters']],
  ]);
});

test('isValidLabelValue allows the empty value', () => {
  table(isValidLabelValue, [
    ['', []], ['MyValue', []], ['my_value', []], ['12345', []],
    ['a b', [labelValueMsg]], ['-a', [labelValueMsg]], ['a/b', [labelValueMsg]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ]);
});

test('isEnvVarName allows dots and dashes but no leading digit or dot-dot', () => {
  table(isEnvVarName, [
    ['FOO_BAR', []], ['my.env-name', []], ['MyEnvName1', []], ['_x', []],
    ['1A', [envMsg]], ['A=B', [envMsg]], ['', [envMsg]],
    ['.', ["must not be '.'"]], ['..', ["must not be '..'"]], ['..a', ["must not start with '..'"]],
  ]);
});

test('isConfigMapKey allows file-like names', () => {
  table(isConfigMapKey, [
    ['key.name', []], ['KEY_NAME', []], ['key-name', []], ['.hidden', []],
    ['a/b', [configKeyMsg]], ['', [configKeyMsg]], ['..', ["must not be '..'"]], ['..x', ["must not start with '..'"]],
    ['a'.repeat(254), ['must be no more than 253 characters']],
  ]);
});

test('isValidPortName follows IANA_SVC_NAME', () => {
  table(isValidPortName, [
    ['http', []], ['web-8080', []], ['a', []], ['abcdefghijklmno', []],
    ['HTTP', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']],
    ['123', ['must contain at least one letter (a-z)']],
    ['a--b', ['must not contain consecutive hyphens']],
    ['-ab', ['must not begin or end with a hyphen']],
    ['abcdefghijklmnop', ['must be no more than 15 characters']],
    ['', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']],
  ]);
});

test('isValidPortNum accepts 1 to 65535', () => {
  const cases: [number, boolean][] = [[1, true], [80, true], [65535, true], [0, false], [65536, false], [-1, false], [1.5, false]];
  for (const [port, ok] of cases) {
    assert.deepEqual(isValidPortNum(port), ok ? [] : ['must be between 1 and 65535, inclusive'], String(port));
  }
});

test('isValidIP accepts IPv4 and IPv6 as Kubernetes parses them', () => {
  const msg = ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'];
  const cases: [string, boolean][] = [
    ['10.9.8.7', true], ['0.0.0.0', true], ['255.255.255.255', true], ['010.001.0.1', true],
    ['2001:db8::ffff', true], ['::', true], ['::1', true], ['1::', true], ['::ffff:1.2.3.4', true],
    ['1:2:3:4:5:6:7:8', true], ['1:2:3:4:5:6:7::', true], ['1:2:3:4:5:6:1.2.3.4', true], ['::1.2.3.4', true],
    ['fe80::0001', true],
    ['256.1.1.1', false], ['1.2.3', false], ['1.2.3.4.5', false], ['1.2.3.4 ', false], ['', false], ['abc', false],
    ['fe80::1%eth0', false], ['1:2:3:4:5:6:7:8:9', false], ['1::2::3', false], ['1:2:3:4:5:6:7:8::', false],
    ['1:2:3:4:5:1.2.3.4', false], ['12345::1', false], [':1', false], ['1:', false], ['10.0.0.0/8', false],
  ];
  for (const [value, ok] of cases) assert.deepEqual(isValidIP(value), ok ? [] : msg, value);
});

test('isValidCIDR needs an address and a prefix that fits its family', () => {
  const msg = ['must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'];
  const cases: [string, boolean][] = [
    ['10.0.0.0/8', true], ['0.0.0.0/0', true], ['10.0.0.1/32', true], ['2001:db8::/64', true], ['::/0', true],
    ['::/128', true], ['10.9.8.0/024', true],
    ['10.0.0.0/33', false], ['10.0.0.0', false], ['10.0.0.0/', false], ['::/129', false], ['abc/8', false],
    ['10.0.0.0/8/8', false], ['10.0.0.0/-1', false], ['::ffff:1.2.3.4/129', false],
  ];
  for (const [value, ok] of cases) assert.deepEqual(isValidCIDR(value), ok ? [] : msg, value);
});

const namespaced = { namespaced: true, nameValidator: isDNS1123Subdomain };
const clusterScoped = { namespaced: false, nameValidator: isDNS1123Subdomain };

test('validateObjectMeta reports metadata problems with Kubernetes field paths and wording', () => {
  const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', uid: 'u1' };
  const cases: [string, ObjectMeta | undefined, typeof namespaced, string[]][] = [
    ['a valid namespaced object', { name: 'web', namespace: 'default' }, namespaced, []],
    ['a valid cluster-scoped object', { name: 'node-1' }, clusterScoped, []],
    ['no metadata at all', undefined, namespaced, [
      'metadata.name: Required value: name or generateName is required', 'metadata.namespace: Required value']],
    ['generateName instead of a name', { generateName: 'web-', namespace: 'default' }, namespaced, []],
    ['a bad generateName', { generateName: 'Web-', namespace: 'default' }, namespaced, [
      `metadata.generateName: Invalid value: "Web-": ${subdomainMsg}`]],
    ['a bad name', { name: 'Web_1', namespace: 'default' }, namespaced, [
      `metadata.name: Invalid value: "Web_1": ${subdomainMsg}`]],
    ['a bad namespace', { name: 'web', namespace: 'my.ns' }, namespaced, [
      'metadata.namespace: Invalid value: "my.ns": must not contain dots']],
    ['a namespace on a cluster-scoped kind', { name: 'n', namespace: 'default' }, clusterScoped, [
      'metadata.namespace: Forbidden: not allowed on this type']],
    ['a negative generation', { name: 'web', namespace: 'd', generation: -1 }, namespaced, [
      'metadata.generation: Invalid value: -1: must be greater than or equal to 0']],
    ['bad labels', { name: 'web', namespace: 'd', labels: { 'a/b/c': 'x', app: '-bad' } }, namespaced, [
      `metadata.labels: Invalid value: "a/b/c": a qualified name ${nameRule} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
      `metadata.labels: Invalid value: "-bad": ${labelValueMsg}`]],
    ['a bad annotation key', { name: 'web', namespace: 'd', annotations: { 'Example.com/Key': 'ok', 'a b': 'x' } }, namespaced, [
      `metadata.annotations: Invalid value: "a b": name part ${nameRule}`]],
    ['an incomplete owner reference', { name: 'web', namespace: 'd', ownerReferences: [
      { apiVersion: '', kind: '', name: '', uid: '' }] }, namespaced, [
      'metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty',
      'metadata.ownerReferences.kind: Invalid value: "": kind must not be empty',
      'metadata.ownerReferences.name: Invalid value: "": name must not be empty',
      'metadata.ownerReferences.uid: Invalid value: "": uid must not be empty']],
    ['a malformed owner apiVersion', { name: 'web', namespace: 'd', ownerReferences: [
      { ...owner, apiVersion: 'a/b/c', name: 'x' }] }, namespaced, [
      'metadata.ownerReferences.apiVersion: Invalid value: "a/b/c": version must not be empty']],
    ['two controllers', { name: 'web', namespace: 'd', ownerReferences: [
      { ...owner, name: 'a', controller: true }, { ...owner, name: 'b', controller: true },
      { ...owner, name: 'c', controller: false }] }, namespaced, [
      'metadata.ownerReferences: Invalid value: [{"apiVersion":"apps/v1","kind":"ReplicaSet","uid":"u1","name":"a","controller":true},' +
      '{"apiVersion":"apps/v1","kind":"ReplicaSet","uid":"u1","name":"b","controller":true},' +
      '{"apiVersion":"apps/v1","kind":"ReplicaSet","uid":"u1","name":"c","controller":false}]: ' +
      'Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b']],
    ['bad finalizers', { name: 'web', namespace: 'd', finalizers: ['example.com/ok', 'bad one', 'orphan', 'foregroundDeletion'] }, namespaced, [
      `metadata.finalizers: Invalid value: "bad one": name part ${nameRule}`,
      'metadata.finalizers: Invalid value: ["example.com/ok","bad one","orphan","foregroundDeletion"]: finalizer orphan and foregroundDeletion cannot be both set']],
  ];
  for (const [what, meta, opts, want] of cases) {
    assert.deepEqual(validateObjectMeta(meta, opts).map(formatFieldError), want, what);
  }
});

test('validateObjectMeta uses the given path and name validator', () => {
  const errs = validateObjectMeta({ name: 'my.name' }, { namespaced: false, nameValidator: isDNS1123Label },
    'spec.template.metadata');
  assert.deepEqual(errs.map(formatFieldError), ['spec.template.metadata.name: Invalid value: "my.name": must not contain dots']);
});

test('validateAnnotations limits keys and values together to 256 KiB', () => {
  assert.deepEqual(validateAnnotations({ a: 'x'.repeat(256 * 1024 - 1) }, 'metadata.annotations'), []);
  const errs = validateAnnotations({ a: 'x'.repeat(256 * 1024) }, 'metadata.annotations');
  assert.deepEqual(errs.map((e) => [e.type, e.field]), [['FieldValueTooLong', 'metadata.annotations']]);
  assert.deepEqual(validateAnnotations(undefined, 'metadata.annotations'), []);
});

test('validateLabels checks keys and values', () => {
  assert.deepEqual(validateLabels({ app: 'web', 'example.com/tier': '' }, 'metadata.labels'), []);
  assert.deepEqual(validateLabels({ app: 'a'.repeat(64) }, 'l').map(formatFieldError),
    [`l: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`]);
  assert.deepEqual(validateLabels(undefined, 'l'), []);
});

test('validateObjectMetaUpdate keeps identity fields immutable', () => {
  const old: ObjectMeta = { name: 'a', namespace: 'ns', uid: 'u1', creationTimestamp: '2026-01-01T00:00:00Z', resourceVersion: '5' };
  const cases: [string, ObjectMeta, ObjectMeta, string[]][] = [
    ['nothing changed', { ...old, labels: { x: 'y' } }, old, []],
    ['a new name', { ...old, name: 'b' }, old, ['metadata.name: Invalid value: "b": field is immutable']],
    ['a new namespace', { ...old, namespace: 'other' }, old, ['metadata.namespace: Invalid value: "other": field is immutable']],
    ['a new uid', { ...old, uid: 'u2' }, old, ['metadata.uid: Invalid value: "u2": field is immutable']],
    ['a dropped uid', { ...old, uid: undefined }, old, ['metadata.uid: Invalid value: null: field is immutable']],
    ['a new creationTimestamp', { ...old, creationTimestamp: '2026-02-02T00:00:00Z' }, old, [
      'metadata.creationTimestamp: Invalid value: "2026-02-02T00:00:00Z": field is immutable']],
    ['null and absent timestamps', { name: 'a', creationTimestamp: null }, { name: 'a' }, []],
    ['a finalizer added while deleting', { ...old, finalizers: ['a', 'c', 'b'] },
      { ...old, deletionTimestamp: '2026-03-03T00:00:00Z', finalizers: ['a'] }, [
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b", "c"}']],
    ['a finalizer removed while deleting', { ...old, finalizers: [] },
      { ...old, deletionTimestamp: '2026-03-03T00:00:00Z', finalizers: ['a'] }, []],
    ['a finalizer added before deletion', { ...old, finalizers: ['a'] }, old, []],
    ['a bad label on update', { ...old, labels: { app: 'a b' } }, old, [`metadata.labels: Invalid value: "a b": ${labelValueMsg}`]],
  ];
  for (const [what, meta, before, want] of cases) {
    assert.deepEqual(validateObjectMetaUpdate(meta, before).map(formatFieldError), want, what);
  }
});

test('validateLabelSelector checks operators, values and keys', () => {
  const cases: [string, LabelSelector | undefined, string[]][] = [
    ['no selector', undefined, []],
    ['match labels', { matchLabels: { app: 'web' } }, []],
    ['every operator used well', { matchExpressions: [
      { key: 'a', operator: 'In', values: ['x'] }, { key: 'b', operator: 'NotIn', values: ['y', ''] },
      { key: 'c', operator: 'Exists' }, { key: 'd', operator: 'DoesNotExist', values: [] }] }, []],
    ['In without values', { matchExpressions: [{ key: 'a', operator: 'In' }] }, [
      "s.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]],
    ['NotIn with an empty list', { matchExpressions: [{ key: 'a', operator: 'NotIn', values: [] }] }, [
      "s.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]],
    ['Exists with values', { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, [
      "s.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]],
    ['an unknown operator', { matchExpressions: [{ key: 'a', operator: 'in' as 'In', values: ['x'] }] }, [
      's.matchExpressions[0].operator: Invalid value: "in": not a valid selector operator']],
    ['a bad key and value', { matchExpressions: [{ key: 'a b', operator: 'In', values: ['ok', 'not ok'] }] }, [
      `s.matchExpressions[0].key: Invalid value: "a b": name part ${nameRule}`,
      `s.matchExpressions[0].values[1]: Invalid value: "not ok": ${labelValueMsg}`]],
    ['a bad match label', { matchLabels: { app: 'a b' } }, [`s.matchLabels: Invalid value: "a b": ${labelValueMsg}`]],
  ];
  for (const [what, ls, want] of cases) {
    assert.deepEqual(validateLabelSelector(ls, 's').map(formatFieldError), want, what);
  }
});
