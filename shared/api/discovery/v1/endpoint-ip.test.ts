import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFieldError } from '../../validation/field-error.js';
import { validateEndpointIP, validateIPv4Address, validateIPv6Address } from './endpoint-ip.js';

const show = (errs: ReturnType<typeof validateEndpointIP>): string[] => errs.map(formatFieldError);

test('validateEndpointIP refuses the addresses Kubernetes refuses as endpoints', () => {
  const cases: [string, string[]][] = [
    ['10.244.1.5', []],
    ['2001:db8::5', []],
    ['0.0.0.0', ['a: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)']],
    ['::', ['a: Invalid value: "::": may not be unspecified (::)']],
    ['127.0.0.1', ['a: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)']],
    ['::1', ['a: Invalid value: "::1": may not be in the loopback range (127.0.0.0/8, ::1/128)']],
    ['::ffff:127.0.0.1', ['a: Invalid value: "::ffff:127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)']],
    ['169.254.169.254', ['a: Invalid value: "169.254.169.254": may not be in the link-local range (169.254.0.0/16, fe80::/10)']],
    ['fe80::1', ['a: Invalid value: "fe80::1": may not be in the link-local range (169.254.0.0/16, fe80::/10)']],
    ['224.0.0.251', ['a: Invalid value: "224.0.0.251": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)']],
    ['ff02::fb', ['a: Invalid value: "ff02::fb": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)']],
    ['224.0.1.1', []],
    ['nonsense', ['a: Invalid value: "nonsense": must be a valid IP address']],
  ];
  for (const [ip, want] of cases) assert.deepEqual(show(validateEndpointIP(ip, 'a')), want, ip);
});

test('the IPv4 and IPv6 checks tell the families apart, a mapped IPv4 address counting as IPv4', () => {
  const cases: [string, boolean, boolean][] = [
    ['10.0.0.1', true, false],
    ['010.0.0.1', true, false],
    ['2001:db8::1', false, true],
    ['::ffff:10.0.0.1', true, false],
    ['1.2.3', false, false],
  ];
  for (const [ip, v4, v6] of cases) {
    assert.equal(validateIPv4Address(ip, 'a').length === 0, v4, `${ip} as IPv4`);
    assert.equal(validateIPv6Address(ip, 'a').length === 0, v6, `${ip} as IPv6`);
  }
});
