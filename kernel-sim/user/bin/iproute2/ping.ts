// Models iputils' ping (ping/ping.c, ping_common.c) over a raw ICMP socket: echo requests with a timestamp, replies matched by identifier, iputils' output and statistics.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import { getopt, optval, has } from '../../lib/getopt.ts';
import { socket, connect, sendto, recvfrom, poll, sockaddr_in, parse_sockaddr_in, inet_aton, inet_ntoa, AF_INET, SOCK_RAW, IPPROTO_ICMP, MSG_DONTWAIT, POLLIN } from '../../lib/socket.ts';

const CLOCK_MONOTONIC = 1;
const ICMP_ECHO = 8, ICMP_ECHOREPLY = 0;

function csum(b: Uint8Array): number {
  let s = 0;
  for (let i = 0; i + 1 < b.length; i += 2) s += (b[i] << 8) | b[i + 1];
  if (b.length & 1) s += b[b.length - 1] << 8;
  while (s >>> 16) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

/** The echo request: header, a struct timeval of the send time, then bytes counting up (pinger's fill). */
function echo_request(id: number, seq: number, datalen: number, now_ns: number): Uint8Array {
  const b = new Uint8Array(8 + datalen);
  const dv = new DataView(b.buffer);
  b[0] = ICMP_ECHO;
  dv.setUint16(4, id, false); dv.setUint16(6, seq, false);
  if (datalen >= 16) { dv.setBigUint64(8, BigInt(Math.floor(now_ns / 1e9)), true); dv.setBigUint64(16, BigInt(Math.floor((now_ns % 1e9) / 1e3)), true); }
  for (let i = 16; i < datalen; i++) b[8 + i] = i & 0xff;
  dv.setUint16(2, csum(b), false);
  return b;
}

/** iputils' time format: three decimals under 1 ms, fewer as it grows. */
function fmt_ms(us: number): string {
  const u = Math.round(us);
  if (u >= 100000) return `${Math.floor(u / 1000)}`;
  if (u >= 10000) return `${Math.floor(u / 1000)}.${Math.floor((u % 1000) / 100)}`;
  if (u >= 1000) return `${Math.floor(u / 1000)}.${String(Math.floor((u % 1000) / 10)).padStart(2, '0')}`;
  return `0.${String(u).padStart(3, '0')}`;
}
const fmt3 = (us: number): string => `${Math.floor(us / 1000)}.${String(Math.round(us) % 1000).padStart(3, '0')}`;

export function* ping_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'c:i:W:w:s:qn' });
  if (p.error || p.args.length !== 1) { yield* c.write(2, `ping: ${p.error ?? 'usage error: Destination address required'}\n`); return 2; }
  const count = Number(optval(p, 'c') ?? Infinity);
  const interval_ms = Math.round(Number(optval(p, 'i') ?? 1) * 1000);
  const timeout_ms = Math.round(Number(optval(p, 'W') ?? 10) * 1000);
  const deadline_ms = optval(p, 'w') !== undefined ? Number(optval(p, 'w')) * 1000 : Infinity;
  const datalen = Number(optval(p, 's') ?? 56);
  const quiet = has(p, 'q');
  const host = p.args[0];
  const daddr = inet_aton(host);
  if (daddr === null) { yield* c.write(2, `ping: ${host}: Name or service not known\n`); return 2; }
  const fd = yield* socket(c, AF_INET, SOCK_RAW, IPPROTO_ICMP);
  if (fd < 0) { yield* c.write(2, `ping: socket: ${strerror(-fd)}\n`); return 2; }
  // iputils connects a probe UDP socket to learn the route; the raw socket's connect does the same check here.
  const probe = yield* socket(c, AF_INET, 2, 0);
  const cr = probe >= 0 ? yield* connect(c, probe, sockaddr_in(daddr, 1025)) : probe;
  if (probe >= 0) yield* c.close(probe);
  if (cr < 0) { yield* c.write(2, `ping: connect: ${strerror(-cr)}\n`); return 2; }
  const id = (yield* c.getpid()) & 0xffff;
  yield* c.write(1, `PING ${host} (${inet_ntoa(daddr)}) ${datalen}(${datalen + 28}) bytes of data.\n`);
  const start = yield* c.clock_gettime(CLOCK_MONOTONIC);
  let sent = 0, received = 0;
  const rtts: number[] = [];
  let last = start;
  for (let seq = 1; sent < count; seq++) {
    const now = yield* c.clock_gettime(CLOCK_MONOTONIC);
    if ((now - start) / 1e6 >= deadline_ms) break;
    const s = yield* sendto(c, fd, echo_request(id, seq, datalen, now), 0, sockaddr_in(daddr, 0));
    sent++;
    if (s < 0) yield* c.write(2, `ping: sendmsg: ${strerror(-s)}\n`);
    const wait_until = now + (sent < count ? interval_ms : timeout_ms) * 1e6;
    let got = false;
    for (;;) {
      const t = yield* c.clock_gettime(CLOCK_MONOTONIC);
      if (got && sent >= count) break;
      if (t >= wait_until) break;
      const pr = yield* poll(c, [{ fd, events: POLLIN }], Math.max(1, Math.ceil((wait_until - t) / 1e6)));
      if (typeof pr === 'number' || !(pr[0] & POLLIN)) continue;
      const r = yield* recvfrom(c, fd, 65536, MSG_DONTWAIT);
      if (typeof r === 'number') continue;
      const ihl = (r.data[0] & 0xf) * 4;
      const icmp = r.data.subarray(ihl);
      const dv = new DataView(icmp.buffer, icmp.byteOffset, icmp.byteLength);
      if (icmp.length < 8 || icmp[0] !== ICMP_ECHOREPLY || dv.getUint16(4, false) !== id) continue;
      const rseq = dv.getUint16(6, false);
      const back = yield* c.clock_gettime(CLOCK_MONOTONIC);
      const sent_ns = icmp.length >= 24 ? Number(dv.getBigUint64(8, true)) * 1e9 + Number(dv.getBigUint64(16, true)) * 1e3 : back;
      const us = Math.max(0, (back - sent_ns) / 1e3);
      received++;
      rtts.push(us);
      last = back;
      if (rseq === seq) got = true;
      if (!quiet) yield* c.write(1, `${icmp.length} bytes from ${inet_ntoa(parse_sockaddr_in(r.addr).addr)}: icmp_seq=${rseq} ttl=${r.data[8]} time=${fmt_ms(us)} ms\n`);
    }
  }
  const end = Math.max(last, yield* c.clock_gettime(CLOCK_MONOTONIC));
  const loss = sent ? Math.round(((sent - received) * 100) / sent) : 0;
  let out = `\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${received} received, ${loss}% packet loss, time ${Math.round((end - start) / 1e6)}ms\n`;
  if (rtts.length) {
    const min = Math.min(...rtts), max = Math.max(...rtts), avg = rtts.reduce((a, b) => a + b, 0) / rtts.length;
    const mdev = Math.sqrt(rtts.reduce((a, b) => a + b * b, 0) / rtts.length - avg * avg);
    out += `rtt min/avg/max/mdev = ${fmt3(min)}/${fmt3(avg)}/${fmt3(max)}/${fmt3(mdev)} ms\n`;
  }
  yield* c.write(1, out);
  yield* c.close(fd);
  return received ? 0 : 1;
}
