import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultEndpointSlice } from './defaults.js';
import type { EndpointSlice } from './endpoint-slice.js';

test('defaultEndpointSlice names ports "" and makes them TCP, idempotently', () => {
  const cases: { name: string; ports: EndpointSlice['ports']; want: EndpointSlice['ports'] }[] = [
    { name: 'bare port', ports: [{ port: 80 }], want: [{ port: 80, name: '', protocol: 'TCP' }] },
    { name: 'given fields', ports: [{ name: 'dns', protocol: 'UDP', port: 53 }],
      want: [{ name: 'dns', protocol: 'UDP', port: 53 }] },
    { name: 'no ports', ports: undefined, want: null },
  ];
  for (const c of cases) {
    const slice: EndpointSlice = { metadata: { name: 's' }, addressType: 'IPv4',
      ...(c.ports ? { ports: c.ports } : {}) };
    defaultEndpointSlice(slice);
    assert.deepEqual(slice.ports, c.want, c.name);
    assert.equal(slice.endpoints, null, `${c.name}: endpoints`);
    const again = structuredClone(slice);
    defaultEndpointSlice(again);
    assert.deepEqual(again, slice, `${c.name} (twice)`);
  }
});
