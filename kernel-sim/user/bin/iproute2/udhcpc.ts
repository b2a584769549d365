// Models BusyBox's udhcpc (networking/udhcp/dhcpc.c, packet.c, socket.c): DISCOVER and REQUEST broadcast through an AF_PACKET socket before the interface has an address, the OFFER and ACK read from a packet socket bound to it, and the default script run with deconfig and bound to configure the address, the default route and /etc/resolv.conf; then it goes to the background to renew.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import { getopt, optval, has } from '../../lib/getopt.ts';
import { socket, bind, sendto, recvfrom, poll, sockaddr_in, inet_ntoa, AF_INET, SOCK_DGRAM, POLLIN, MSG_DONTWAIT } from '../../lib/socket.ts';

/** Debian's build: CONFIG_UDHCPC_DEFAULT_SCRIPT (the udhcpc package's script). */
export const UDHCPC_DEFAULT_SCRIPT = '/etc/udhcpc/default.script';
const AF_PACKET = 17, SOCK_RAW_DGRAM = 2, ETH_P_IP = 0x0800, IPPROTO_UDP = 17, IPDEFTTL = 64;
const SERVER_PORT = 67, CLIENT_PORT = 68, BOOTREQUEST = 1, BOOTREPLY = 2;
const DHCPDISCOVER = 1, DHCPOFFER = 2, DHCPREQUEST = 3, DHCPACK = 5, DHCPNAK = 6;
const MAGIC = [99, 130, 83, 99];
/** The options udhcpc asks for by default (the OPTION_REQ entries of dhcp_optflags): subnet, router, dns, hostname, domain, broadcast, ntpsrv... */
const PARAM_REQ = [1, 3, 6, 12, 15, 28, 42];
const CLOCK_MONOTONIC = 1;

const u32 = (v: number): number[] => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
const be32 = (b: Uint8Array, o: number): number => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
const be16 = (b: Uint8Array, o: number): number => (b[o]! << 8) | b[o + 1]!;

function inet_cksum(b: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < b.length; i += 2) s += (b[i]! << 8) | (b[i + 1] ?? 0);
  while (s >>> 16) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

/** A reply's fields and options (udhcp_get_option). */
interface dhcp_reply { type: number; yiaddr: number; siaddr: number; opts: Map<number, Uint8Array> }

/** The BOOTP message: op, htype/hlen, xid, the client's MAC, the magic cookie and options; at least 300 bytes, as udhcp pads it. */
function dhcp_message(xid: number, mac: Uint8Array, ciaddr: number, opts: number[]): Uint8Array {
  const b = new Uint8Array(Math.max(300, 240 + opts.length + 1));
  b[0] = BOOTREQUEST; b[1] = 1; b[2] = 6;
  b.set(u32(xid), 4); b.set(u32(ciaddr), 12); b.set(mac, 28); b.set(MAGIC, 236); b.set(opts, 240);
  b[240 + opts.length] = 255;
  return b;
}

/** udhcp_send_raw_packet(): IP and UDP headers built here (0.0.0.0:68 -> 255.255.255.255:67), sent to ff:ff:ff:ff:ff:ff. */
function raw_packet(bootp: Uint8Array): Uint8Array {
  const ulen = 8 + bootp.length, p = new Uint8Array(20 + ulen);
  const dv = new DataView(p.buffer);
  dv.setUint16(20, CLIENT_PORT); dv.setUint16(22, SERVER_PORT); dv.setUint16(24, ulen); p.set(bootp, 28);
  // The UDP checksum over a pseudo-header laid over the (zeroed) IP header, as packet.c does it.
  p[9] = IPPROTO_UDP; p.set([255, 255, 255, 255], 16); dv.setUint16(2, ulen);
  dv.setUint16(26, inet_cksum(p) || 0xffff);
  p[0] = 0x45; dv.setUint16(2, p.length); p[8] = IPDEFTTL;
  dv.setUint16(10, inet_cksum(p.subarray(0, 20)));
  return p;
}

/** udhcp_recv_raw_packet(): an IPv4/UDP datagram to port 68 with a good checksum, a BOOTREPLY to our xid; else null. */
function parse_reply(ip: Uint8Array, xid: number): dhcp_reply | null {
  if (ip.length < 28 || ip[0] !== 0x45 || ip[9] !== IPPROTO_UDP || be16(ip, 22) !== CLIENT_PORT) return null;
  const b = ip.subarray(28, Math.min(ip.length, be16(ip, 2)));
  if (b.length < 240 || b[0] !== BOOTREPLY || be32(b, 4) !== xid || MAGIC.some((m, i) => b[236 + i] !== m)) return null;
  const opts = new Map<number, Uint8Array>();
  for (let i = 240; i + 1 < b.length && b[i] !== 255;) {
    if (b[i] === 0) { i++; continue; }
    opts.set(b[i]!, b.slice(i + 2, i + 2 + b[i + 1]!));
    i += 2 + b[i + 1]!;
  }
  const t = opts.get(53);
  return t ? { type: t[0]!, yiaddr: be32(b, 16), siaddr: be32(b, 20), opts } : null;
}

const addr_list = (v: Uint8Array | undefined): string => {
  const out: string[] = [];
  for (let i = 0; v && i + 4 <= v.length; i += 4) out.push(inet_ntoa(be32(v, i)));
  return out.join(' ');
};

/** fill_envp(): what the script is told about the lease (only the options the server sent, plus mask as a prefix length). */
function lease_env(iface: string, r: dhcp_reply): string[] {
  const env = [`interface=${iface}`, `ip=${inet_ntoa(r.yiaddr)}`, `siaddr=${inet_ntoa(r.siaddr)}`, `opt53=${r.type.toString(16).padStart(2, '0')}`];
  const subnet = r.opts.get(1);
  if (subnet?.length === 4) {
    const m = be32(subnet, 0);
    let bits = 0;
    for (let v = m; v; v = (v << 1) >>> 0) bits++;
    env.push(`subnet=${inet_ntoa(m)}`, `mask=${bits}`);
  }
  for (const [code, name] of [[3, 'router'], [6, 'dns'], [54, 'serverid']] as const) if (r.opts.has(code)) env.push(`${name}=${addr_list(r.opts.get(code))}`);
  const lease = r.opts.get(51);
  if (lease?.length === 4) env.push(`lease=${be32(lease, 0)}`);
  return env;
}

/** udhcp_run_script(): the script with the event as its argument and the lease in its environment. */
function* run_script(c: Libc, script: string, event: string, env: string[]): KGen<void> {
  const pid = yield* c.fork((cc) => cc.execve(script, [script, event], [...cc.environ(), ...env]));
  if (pid > 0) yield* c.waitpid(pid);
}

/** The interface's index and MAC (SIOCGIFINDEX, SIOCGIFHWADDR), or the errno. */
function* if_info(c: Libc, iface: string): KGen<{ ifindex: number; mac: Uint8Array } | number> {
  const idx = yield* c.read_text(`/sys/class/net/${iface}/ifindex`);
  const addr = yield* c.read_text(`/sys/class/net/${iface}/address`);
  if (typeof idx === 'number' || typeof addr === 'number') return -19; // ENODEV
  return { ifindex: Number(idx.trim()), mac: Uint8Array.from(addr.trim().split(':').map((h) => parseInt(h, 16))) };
}

/** struct sockaddr_ll for ETH_P_IP on one interface, with a destination MAC. */
function sockaddr_ll(ifindex: number, mac: number[]): Uint8Array {
  const b = new Uint8Array(20);
  const dv = new DataView(b.buffer);
  dv.setUint16(0, AF_PACKET, true); dv.setUint16(2, ETH_P_IP); dv.setInt32(4, ifindex, true); b[11] = mac.length; b.set(mac, 12);
  return b;
}

/** Sends one message and waits up to timeout_ms for a reply of one of `want` types. */
function* exchange(c: Libc, fd: number, ifindex: number, msg: Uint8Array, xid: number, want: number[], timeout_ms: number): KGen<dhcp_reply | null> {
  const s = yield* sendto(c, fd, raw_packet(msg), 0, sockaddr_ll(ifindex, [255, 255, 255, 255, 255, 255]));
  if (s < 0) return null;
  const end = (yield* c.clock_gettime(CLOCK_MONOTONIC)) + timeout_ms * 1e6;
  for (;;) {
    const now = yield* c.clock_gettime(CLOCK_MONOTONIC);
    if (now >= end) return null;
    const pr = yield* poll(c, [{ fd, events: POLLIN }], Math.max(1, Math.ceil((end - now) / 1e6)));
    if (typeof pr === 'number' || !(pr[0]! & POLLIN)) continue;
    const r = yield* recvfrom(c, fd, 2048, MSG_DONTWAIT);
    if (typeof r === 'number') continue;
    const reply = parse_reply(r.data, xid);
    if (reply && want.includes(reply.type)) return reply;
  }
}

/** The daemon's renewals at T1 (half the lease): a unicast REQUEST to the server from port 68, the ACK broadcast back. */
function* renew_loop(c: Libc, iface: string, mac: Uint8Array, lease: dhcp_reply, script: string): KGen<number> {
  for (let cur = lease; ;) {
    const secs = cur.opts.get(51)?.length === 4 ? be32(cur.opts.get(51)!, 0) : 3600;
    yield* c.nanosleep((secs / 2) * 1e9);
    const fd = yield* socket(c, AF_INET, SOCK_DGRAM, 0);
    if (fd < 0 || (yield* bind(c, fd, sockaddr_in(0, CLIENT_PORT))) < 0) continue;
    const xid = (yield* c.getpid()) * 7919 >>> 0;
    const server = cur.opts.get(54) ? be32(cur.opts.get(54)!, 0) : cur.siaddr;
    yield* sendto(c, fd, dhcp_message(xid, mac, cur.yiaddr, [53, 1, DHCPREQUEST, 61, 7, 1, ...mac, 55, PARAM_REQ.length, ...PARAM_REQ]), 0, sockaddr_in(server, SERVER_PORT));
    const pr = yield* poll(c, [{ fd, events: POLLIN }], 3000);
    const r = typeof pr !== 'number' && pr[0]! & POLLIN ? yield* recvfrom(c, fd, 2048, MSG_DONTWAIT) : -11;
    yield* c.close(fd);
    if (typeof r === 'number') continue;
    // A UDP socket hands over the BOOTP payload alone: rebuild the view parse_reply reads.
    const ip = new Uint8Array(28 + r.data.length);
    ip[0] = 0x45; ip[9] = IPPROTO_UDP; ip[22] = 0; ip[23] = CLIENT_PORT; ip.set(r.data, 28);
    new DataView(ip.buffer).setUint16(2, ip.length);
    const ack = parse_reply(ip, xid);
    if (ack?.type === DHCPACK) { cur = ack; yield* run_script(c, script, 'renew', lease_env(iface, ack)); }
  }
}

export function* udhcpc_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'i:s:t:T:A:fqnbSR' });
  const say = (m: string): KGen<number> => c.write(2, `udhcpc: ${m}\n`);
  if (p.error) { yield* say(p.error); return 1; }
  const iface = optval(p, 'i') ?? 'eth0';
  const script = optval(p, 's') ?? UDHCPC_DEFAULT_SCRIPT;
  const tries = Number(optval(p, 't') ?? 3), timeout_ms = Number(optval(p, 'T') ?? 3) * 1000, tryagain_ms = Number(optval(p, 'A') ?? 20) * 1000;
  const info = yield* if_info(c, iface);
  if (typeof info === 'number') { yield* say(`ioctl 0x8933 failed: ${strerror(-info)}`); return 1; }
  yield* say('started, v1.36.1');
  // udhcp_raw_socket(): PF_PACKET, SOCK_DGRAM, ETH_P_IP, bound to the interface (the kernel filter for port 68 is done by parse_reply).
  const fd = yield* socket(c, AF_PACKET, SOCK_RAW_DGRAM, ((ETH_P_IP & 0xff) << 8) | (ETH_P_IP >> 8));
  if (fd < 0) { yield* say(`socket(AF_PACKET,2,8): ${strerror(-fd)}`); return 1; }
  const b = yield* bind(c, fd, sockaddr_ll(info.ifindex, []));
  if (b < 0) { yield* say(`bind: ${strerror(-b)}`); return 1; }
  yield* run_script(c, script, 'deconfig', [`interface=${iface}`]);
  const xid = (((yield* c.getpid()) * 2654435761) ^ (yield* c.clock_gettime(CLOCK_MONOTONIC))) >>> 0;
  const common = [61, 7, 1, ...info.mac, 57, 2, 2, 64, 55, PARAM_REQ.length, ...PARAM_REQ];
  for (;;) {
    let ack: dhcp_reply | null = null;
    for (let i = 0; i < tries && !ack; i++) {
      yield* say('broadcasting discover');
      const offer = yield* exchange(c, fd, info.ifindex, dhcp_message(xid, info.mac, 0, [53, 1, DHCPDISCOVER, ...common]), xid, [DHCPOFFER], timeout_ms);
      if (!offer) continue;
      const server = offer.opts.get(54) ?? Uint8Array.from(u32(offer.siaddr));
      yield* say(`broadcasting select for ${inet_ntoa(offer.yiaddr)}, server ${addr_list(server)}`);
      const req = [53, 1, DHCPREQUEST, 50, 4, ...u32(offer.yiaddr), 54, 4, ...server, ...common];
      const r = yield* exchange(c, fd, info.ifindex, dhcp_message(xid, info.mac, 0, req), xid, [DHCPACK, DHCPNAK], timeout_ms);
      if (r?.type === DHCPNAK) { yield* say('received DHCP NAK'); yield* run_script(c, script, 'nak', [`interface=${iface}`]); continue; }
      ack = r;
    }
    if (ack) {
      const lease = ack.opts.get(51);
      yield* say(`lease of ${inet_ntoa(ack.yiaddr)} obtained from ${addr_list(ack.opts.get(54)) || inet_ntoa(ack.siaddr)}, lease time ${lease?.length === 4 ? be32(lease, 0) : 3600}`);
      yield* run_script(c, script, 'bound', lease_env(iface, ack));
      yield* c.close(fd);
      if (has(p, 'q')) return 0;
      if (has(p, 'f')) return yield* renew_loop(c, iface, info.mac, ack, script);
      // client_background(): the daemon keeps the lease; the command returns.
      const lease_ack = ack;
      yield* c.fork(function* (d) {
        for (const f of [0, 1, 2]) yield* d.close(f);
        return yield* renew_loop(d, iface, info.mac, lease_ack, script);
      });
      return 0;
    }
    if (has(p, 'n')) { yield* say('no lease, failing'); return 1; }
    if (!has(p, 'b') && !has(p, 'f')) {
      // client_background(): the daemon goes on trying every tryagain seconds; the command returns.
      yield* say('no lease, forking to background');
      yield* c.fork(function* (d) {
        for (const f of [0, 1, 2]) yield* d.close(f);
        yield* d.nanosleep(tryagain_ms * 1e6);
        return yield* udhcpc_main(d, [...argv, '-b']);
      });
      return 0;
    }
    yield* c.nanosleep(tryagain_ms * 1e6);
  }
}
