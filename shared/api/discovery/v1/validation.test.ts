import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFieldError } from '../../validation/field-error.js';
import type { Endpoint, EndpointSlice } from './endpoint-slice.js';
import { validateEndpointSlice, validateEndpointSliceUpdate } from './validation.js';

const slice = (over: Partial<EndpointSlice>): EndpointSlice => ({
  metadata: { name: 'web-abc12', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true, serving: true, terminating: false },
    nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'u1' } }],
  ports: [{ name: 'http', protocol: 'TCP', port: 8080, appProtocol: 'http' }],
  ...over,
});

const problems = (s: EndpointSlice): string[] => validateEndpointSlice(s).map(formatFieldError);
const endpoint = (e: Partial<Endpoint>): Endpoint => ({ addresses: ['10.244.1.5'], ...e });

test('an EndpointSlice as the controller writes it is valid', () => {
  assert.deepEqual(problems(slice({})), []);
  assert.deepEqual(problems(slice({ addressType: 'FQDN', endpoints: [endpoint({ addresses: ['db.example.com.'] })] })), []);
  assert.deepEqual(problems(slice({ endpoints: null, ports: [] })), []);
});

test('each EndpointSlice rule reports its field and Kubernetes message', () => {
  const cases: { name: string; slice: EndpointSlice; want: string[] }[] = [
    { name: 'no address type', slice: slice({ addressType: undefined }), want: ['addressType: Required value'] },
    { name: 'unknown address type', slice: slice({ addressType: 'IP' as never }),
      want: ['addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"'] },
    { name: 'no addresses', slice: slice({ endpoints: [endpoint({ addresses: [] })] }),
      want: ['endpoints[0].addresses: Required value: must contain at least 1 address'] },
    { name: '101 addresses', slice: slice({ endpoints: [endpoint({ addresses: Array.from({ length: 101 }, (_, i) => `10.0.0.${i + 1}`) })] }),
      want: ['endpoints[0].addresses: Too many: 101: must have at most 100 items'] },
    { name: '1001 endpoints', slice: slice({ endpoints: Array.from({ length: 1001 }, () => endpoint({})) }),
      want: ['endpoints: Too many: 1001: must have at most 1000 items'] },
    { name: 'IPv6 in an IPv4 slice', slice: slice({ endpoints: [endpoint({ addresses: ['2001:db8::1'] })] }),
      want: ['endpoints[0].addresses[0]: Invalid value: "2001:db8::1": must be a valid IPv4 address'] },
    { name: 'loopback', slice: slice({ endpoints: [endpoint({ addresses: ['127.0.0.1'] })] }),
      want: ['endpoints[0].addresses[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)'] },
    { name: 'one-label FQDN', slice: slice({ addressType: 'FQDN', endpoints: [endpoint({ addresses: ['db'] })] }),
      want: ['endpoints[0].addresses[0]: Invalid value: "db": should be a domain with at least two segments separated by dots'] },
    { name: 'bad hostname', slice: slice({ endpoints: [endpoint({ hostname: 'a.b' })] }),
      want: ['endpoints[0].hostname: Invalid value: "a.b": must not contain dots'] },
    { name: 'bad node name', slice: slice({ endpoints: [endpoint({ nodeName: 'Node_1' })] }),
      want: [`endpoints[0].nodeName: Invalid value: "Node_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`] },
    { name: 'duplicate port names', slice: slice({ ports: [{ name: 'http', protocol: 'TCP', port: 80 }, { name: 'http', protocol: 'TCP', port: 81 }] }),
      want: ['ports[1].name: Duplicate value: "http"'] },
    { name: 'port without protocol', slice: slice({ ports: [{ name: '', port: 80 }] }),
      want: ['ports[0].protocol: Required value'] },
    { name: 'unknown protocol', slice: slice({ ports: [{ name: '', protocol: 'ICMP' as never, port: 80 }] }),
      want: ['ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"'] },
    { name: 'bad port name', slice: slice({ ports: [{ name: 'HTTP', protocol: 'TCP', port: 80 }] }),
      want: [`ports[0].name: Invalid value: "HTTP": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`] },
    { name: 'duplicate zone hints', slice: slice({ endpoints: [endpoint({ hints: { forZones: [{ name: 'a' }, { name: 'a' }] } })] }),
      want: ['endpoints[0].hints.forZones[1].name: Duplicate value: "a"'] },
  ];
  for (const c of cases) assert.deepEqual(problems(c.slice), c.want, c.name);
});

test('the address type of an EndpointSlice cannot change', () => {
  const errs = validateEndpointSliceUpdate(slice({ addressType: 'IPv6' }), slice({})).map(formatFieldError);
  assert.deepEqual(errs, ['addressType: Invalid value: "IPv6": field is immutable']);
});
