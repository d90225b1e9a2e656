// A tiny authoritative DNS responder for the lab, standing in for "the outside" that lab hosts
// cannot reach: `node upstream-dns.js ADDRESS PORT name=ip[,name=ip…]` answers A queries for
// the given names over UDP and NXDOMAIN for everything else. Run inside a lab host only.
import { createSocket } from 'node:dgram';
import { decodeMessage, encodeMessage, Rcode, RClass, RType } from '../../node/network/dns/wire.js';

const [address = '', portText = '53', table = ''] = process.argv.slice(2);
const names = new Map(table.split(',').filter((x) => x !== '').map((kv) => kv.split('=') as [string, string]));
const sock = createSocket('udp4');
sock.on('message', (msg, rinfo) => {
  let q;
  try { q = decodeMessage(new Uint8Array(msg)); } catch { return; }
  const question = q.questions[0];
  if (question === undefined) return;
  const ip = names.get(question.name.toLowerCase().replace(/\.$/, ''));
  const answers = ip !== undefined && question.type === RType.A
    ? [{ name: question.name, type: RType.A, class: RClass.IN, ttl: 30, data: { kind: 'A' as const, address: ip } }] : [];
  const reply = encodeMessage({
    header: { id: q.header.id, qr: true, opcode: 0, aa: true, tc: false, rd: q.header.rd, ra: true, rcode: ip === undefined ? Rcode.NXDomain : Rcode.NoError },
    questions: [question], answers, authorities: [], additionals: [],
  }, 512);
  sock.send(reply, rinfo.port, rinfo.address);
});
sock.bind(Number(portText), address, () => process.stdout.write(`upstream DNS on ${address}:${portText}\n`));
process.once('SIGTERM', () => sock.close());
