import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeMessage, DnsFormatError, encodeMessage, Rcode, RClass, RType, type Message, type ResourceRecord } from './wire.js';

const header = { id: 0x1234, qr: true, opcode: 0, aa: true, tc: false, rd: true, ra: true, rcode: Rcode.NoError };
const a = (name: string, address: string): ResourceRecord => ({ name, type: RType.A, class: RClass.IN, ttl: 5, data: { kind: 'A', address } });

/** A query as a resolver sends it: id, RD, one question. */
function query(name: string, type: number, id = 0xbeef): Uint8Array {
  const parts: number[] = [id >> 8, id & 0xff, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
  for (const l of name.split('.')) parts.push(l.length, ...Buffer.from(l));
  parts.push(0, type >> 8, type & 0xff, 0, 1);
  return Uint8Array.from(parts);
}

describe('DNS wire codec', () => {
  test('parses a query as resolvers send it', () => {
    const m = decodeMessage(query('web.shop.svc.cluster.local', RType.A));
    assert.equal(m.header.id, 0xbeef);
    assert.equal(m.header.rd, true);
    assert.equal(m.header.qr, false);
    assert.deepEqual(m.questions, [{ name: 'web.shop.svc.cluster.local', type: RType.A, class: RClass.IN }]);
  });

  const records: [string, ResourceRecord][] = [
    ['A', a('web.shop.svc.cluster.local', '10.96.0.10')],
    ['AAAA', { name: 'v6.example', type: RType.AAAA, class: RClass.IN, ttl: 30, data: { kind: 'AAAA', address: 'fd00:0:0:0:0:0:0:1' } }],
    ['CNAME', { name: 'db.shop.svc.cluster.local', type: RType.CNAME, class: RClass.IN, ttl: 5, data: { kind: 'CNAME', target: 'db.example.com' } }],
    ['PTR', { name: '10.0.96.10.in-addr.arpa', type: RType.PTR, class: RClass.IN, ttl: 5, data: { kind: 'PTR', target: 'web.shop.svc.cluster.local' } }],
    ['SRV', { name: '_http._tcp.web.shop.svc.cluster.local', type: RType.SRV, class: RClass.IN, ttl: 5, data: { kind: 'SRV', srv: { priority: 0, weight: 100, port: 80, target: 'web.shop.svc.cluster.local' } } }],
    ['SOA', { name: 'cluster.local', type: RType.SOA, class: RClass.IN, ttl: 5, data: { kind: 'SOA', soa: { mname: 'ns.dns.cluster.local', rname: 'hostmaster.cluster.local', serial: 4_000_000_000, refresh: 7200, retry: 1800, expire: 86400, minimum: 5 } } }],
    ['unknown type kept as bytes', { name: 'x.example', type: RType.TXT, class: RClass.IN, ttl: 1, data: { kind: 'raw', bytes: Uint8Array.from([3, 97, 98, 99]) } }],
  ];
  for (const [what, rr] of records) {
    test(`round-trips a ${what} record`, () => {
      const m: Message = { header, questions: [{ name: rr.name, type: rr.type, class: RClass.IN }], answers: [rr], authorities: [], additionals: [] };
      assert.deepEqual(decodeMessage(encodeMessage(m)), m);
    });
  }

  test('compresses repeated names with pointers, and follows them when reading', () => {
    const name = 'web-h.shop.svc.cluster.local';
    const m: Message = {
      header, questions: [{ name, type: RType.A, class: RClass.IN }],
      answers: [a(name, '10.244.1.2'), a(name, '10.244.2.2'), a(name, '10.244.3.2')], authorities: [], additionals: [],
    };
    const bytes = encodeMessage(m);
    // header 12 + question (30-byte name + 4) + three answers of (2-byte pointer + 10 + 4)
    assert.equal(bytes.length, 12 + 30 + 4 + 3 * 16);
    assert.deepEqual([bytes[46], bytes[47]], [0xc0, 12], 'the first answer points at the question name');
    assert.deepEqual(decodeMessage(bytes), m);
  });

  test('compresses a shared suffix but never an SRV target (RFC 2782)', () => {
    const m: Message = {
      header, questions: [{ name: '_http._tcp.web.shop.svc.cluster.local', type: RType.SRV, class: RClass.IN }],
      answers: [{ name: '_http._tcp.web.shop.svc.cluster.local', type: RType.SRV, class: RClass.IN, ttl: 5, data: { kind: 'SRV', srv: { priority: 0, weight: 100, port: 80, target: 'web.shop.svc.cluster.local' } } }],
      authorities: [], additionals: [a('web.shop.svc.cluster.local', '10.96.0.10')],
    };
    const bytes = encodeMessage(m);
    const text = Buffer.from(bytes).toString('latin1');
    assert.equal(text.split('\x03web\x04shop').length - 1, 2, 'spelled out in the question and in the SRV target');
    assert.deepEqual(decodeMessage(bytes), m);
  });

  test('refuses a pointer that points forward (a loop) and a message cut short', () => {
    const loop = Uint8Array.from([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1]);
    assert.throws(() => decodeMessage(loop), DnsFormatError);
    const cut = query('web.shop.svc.cluster.local', RType.A).slice(0, 20);
    assert.throws(() => decodeMessage(cut), DnsFormatError);
  });

  test('a UDP reply that does not fit is cut to whole records with the TC bit set', () => {
    const name = 'many.shop.svc.cluster.local';
    const answers = Array.from({ length: 60 }, (_, i) => a(name, `10.244.${i}.2`));
    const m: Message = { header, questions: [{ name, type: RType.A, class: RClass.IN }], answers, authorities: [], additionals: [] };
    const full = encodeMessage(m);
    assert.ok(full.length > 512);
    const cut = encodeMessage(m, 512);
    assert.ok(cut.length <= 512);
    const back = decodeMessage(cut);
    assert.equal(back.header.tc, true);
    assert.ok(back.answers.length > 0 && back.answers.length < 60);
    assert.deepEqual(back.answers, answers.slice(0, back.answers.length));
    assert.equal(decodeMessage(encodeMessage(m, 65535)).header.tc, false, 'over TCP it all fits');
  });

  test('additional records are dropped before answers, without TC', () => {
    const name = 'web.shop.svc.cluster.local';
    const m: Message = {
      header, questions: [{ name, type: RType.A, class: RClass.IN }], answers: [a(name, '10.96.0.10')], authorities: [],
      additionals: Array.from({ length: 40 }, (_, i) => a(`h${i}.example`, `192.0.2.${i}`)),
    };
    const back = decodeMessage(encodeMessage(m, 512));
    assert.equal(back.header.tc, false);
    assert.equal(back.answers.length, 1);
    assert.ok(back.additionals.length < 40);
  });

  test('names are matched for compression without regard to case and keep escaped dots', () => {
    const m: Message = {
      header, questions: [{ name: 'Web.Shop.svc.cluster.local', type: RType.A, class: RClass.IN }],
      answers: [a('web.shop.svc.cluster.local', '10.96.0.10'), a('a\\.b.example', '10.96.0.11')], authorities: [], additionals: [],
    };
    const back = decodeMessage(encodeMessage(m));
    assert.equal(back.questions[0]!.name, 'Web.Shop.svc.cluster.local');
    assert.equal(back.answers[1]!.name, 'a\\.b.example');
  });
});
