// Models linux/net/ipv4/icmp.c: echo replies (unless icmp_echo_ignore_all), and errors such as port unreachable.
import { ip_compute_csum, ip_send, IPPROTO_ICMP, type ip_packet } from './ip.ts';
import { ICMPMSGIN_INC_STATS, ICMP_INC_STATS } from './snmp.ts';

export const ICMP_ECHOREPLY = 0, ICMP_DEST_UNREACH = 3, ICMP_ECHO = 8;
export const ICMP_PORT_UNREACH = 3;

/** icmp_echo(): the request's identifier, sequence and data back to the sender, from the address it was sent to. */
function icmp_echo(p: ip_packet): void {
  if (p.net.ipv4.icmp_echo_ignore_all) return;
  const reply = p.payload.slice();
  reply[0] = ICMP_ECHOREPLY; reply[1] = 0; reply[2] = 0; reply[3] = 0;
  const cs = ip_compute_csum(reply);
  reply[2] = cs >> 8; reply[3] = cs & 0xff;
  ip_send(p.net, p.daddr, p.saddr, IPPROTO_ICMP, reply);
}

/** icmp_rcv(): checksum (skb_checksum_simple_validate: not when the device vouched for it), then the handler of the type (only echo requests need the kernel). */
export function icmp_rcv(p: ip_packet): void {
  ICMP_INC_STATS(p.net, 'InMsgs');
  const csum_bad = !p.csum_unnecessary && ip_compute_csum(p.payload) !== 0;
  if (p.payload.length < 8 || csum_bad) {
    if (csum_bad && p.payload.length >= 8) ICMP_INC_STATS(p.net, 'InCsumErrors');
    ICMP_INC_STATS(p.net, 'InErrors');
    return;
  }
  ICMPMSGIN_INC_STATS(p.net, p.payload[0]);
  if (p.payload[0] === ICMP_ECHO) icmp_echo(p);
}

/** icmp_send(): an error about a datagram, quoting its header and first 8 bytes. */
export function icmp_send(p: ip_packet, type: number, code: number): void {
  const quote = new Uint8Array(p.iph.length + Math.min(8, p.payload.length));
  quote.set(p.iph); quote.set(p.payload.subarray(0, 8), p.iph.length);
  const m = new Uint8Array(8 + quote.length);
  m[0] = type; m[1] = code; m.set(quote, 8);
  const cs = ip_compute_csum(m);
  m[2] = cs >> 8; m[3] = cs & 0xff;
  ip_send(p.net, p.daddr, p.saddr, IPPROTO_ICMP, m);
}
