// Models libslirp (QEMU's -netdev user): the user-mode network behind a NIC — the virtual gateway 10.0.2.2 and DNS address 10.0.2.3 answer ARP (slirp/src/arp.c, arp_input) and ICMP echo (slirp/src/ip_icmp.c, icmp_reflect), and its DHCP server (bootp.c, in slirp_bootp.ts) hands out 10.0.2.15, in virtual time, with no host network.
import type { VirtualClock, QEMUTimer } from '../core/clock.ts';
import { BootpServer, BOOTP_SERVER, type bootp_datagram } from './slirp_bootp.ts';

/** The user network's addresses (slirp's defaults: vnetwork 10.0.2.0/24, vhost .2, vnameserver .3, the guest's DHCP address .15). */
export const SLIRP_VNETWORK = 0x0a000200, SLIRP_VNETMASK = 0xffffff00, SLIRP_VHOST = 0x0a000202, SLIRP_VNAMESERVER = 0x0a000203;
/** How long slirp takes to answer a frame (QEMU's main loop picks it up, slirp replies): virtual ns. */
export const SLIRP_REPLY_NS = 20_000;
/** libslirp pads the ARP replies it sends to 64 bytes. */
const ARP_REPLY_LEN = 64;
const ETH_P_IP = 0x0800, ETH_P_ARP = 0x0806, ARPOP_REQUEST = 1, ARPOP_REPLY = 2, IPPROTO_ICMP = 1, IPPROTO_UDP = 17, ICMP_ECHO = 8, ICMP_ECHOREPLY = 0, MAXTTL = 255;
/** IPDEFTTL: udp_output's TTL. */
const IPDEFTTL = 64;

const be16 = (b: Uint8Array, o: number): number => (b[o]! << 8) | b[o + 1]!;
const be32 = (b: Uint8Array, o: number): number => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
function put16(b: Uint8Array, o: number, v: number): void { b[o] = (v >>> 8) & 0xff; b[o + 1] = v & 0xff; }
function put32(b: Uint8Array, o: number, v: number): void { put16(b, o, v >>> 16); put16(b, o + 2, v & 0xffff); }

/** cksum(): the Internet checksum of b[o, o+len). */
function cksum(b: Uint8Array, o: number, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i += 2) s += (b[o + i]! << 8) | (i + 1 < len ? b[o + i + 1]! : 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

/** special_ethaddr with the address in its last four bytes: the MAC slirp answers for one of its addresses (52:55:0a:00:02:02). */
function special_ethaddr(ip: number): Uint8Array {
  const m = new Uint8Array(6);
  m[0] = 0x52; m[1] = 0x55; put32(m, 2, ip);
  return m;
}

const is_slirp_addr = (ip: number): boolean => ip === SLIRP_VHOST || ip === SLIRP_VNAMESERVER;

/** struct Slirp, as far as it is modelled: the guest's addresses it learned (arp_table) and the frames on their way to the guest. */
export class Slirp {
  /** arp_table: guest IPv4 address -> MAC, learned from the guest's ARP. */
  readonly arp_table = new Map<number, Uint8Array>();
  /** Frames slirp has sent, due at a virtual time (delivered in order). */
  private pending: { at: number; frame: Uint8Array }[] = [];
  private readonly timer: QEMUTimer;
  /** ip_id of the packets slirp sends. */
  private ip_id = 0;
  /** The DHCP server (slirp->bootp_clients). */
  private readonly bootp = new BootpServer({ vhost: SLIRP_VHOST, netmask: SLIRP_VNETMASK, nameserver: SLIRP_VNAMESERVER });
  /** Frames received from the guest and frames sent to it (for tests and the UI). */
  rx_frames = 0;
  tx_frames = 0;

  constructor(private readonly clock: VirtualClock, private readonly output: (frame: Uint8Array) => void) {
    this.timer = clock.timer_new_ns(() => this.flush());
  }

  /** slirp_input(): a frame the guest sent. What slirp does not serve is dropped, as libslirp drops it. */
  input(frame: Uint8Array): void {
    this.rx_frames++;
    if (frame.length < 14) return;
    const proto = be16(frame, 12);
    if (proto === ETH_P_ARP) this.arp_input(frame);
    else if (proto === ETH_P_IP) this.ip_input(frame);
  }

  /** arp_input(): a request for one of slirp's addresses is answered (and the asker remembered); a reply is remembered. */
  private arp_input(f: Uint8Array): void {
    if (f.length < 14 + 28) return;
    const op = be16(f, 20), sha = f.slice(22, 28), sip = be32(f, 28), tip = be32(f, 38);
    if (op === ARPOP_REPLY) { this.arp_table.set(sip, sha); return; }
    if (op !== ARPOP_REQUEST || (tip & SLIRP_VNETMASK) !== SLIRP_VNETWORK) return;
    if (tip === sip) { this.arp_table.set(sip, sha); return; } // gratuitous ARP
    if (!is_slirp_addr(tip)) return;
    this.arp_table.set(sip, sha);
    const r = new Uint8Array(ARP_REPLY_LEN), mac = special_ethaddr(tip);
    r.set(sha, 0); r.set(mac, 6); put16(r, 12, ETH_P_ARP);
    put16(r, 14, 1); put16(r, 16, ETH_P_IP); r[18] = 6; r[19] = 4; put16(r, 20, ARPOP_REPLY);
    r.set(mac, 22); put32(r, 28, tip); r.set(sha, 32); put32(r, 38, sip);
    this.send(r);
  }

  /** ip_input() -> icmp_input(): an echo request to slirp's own addresses comes back reflected (icmp_reflect, TTL 255). */
  private ip_input(f: Uint8Array): void {
    if (f.length < 14 + 20 || f[14]! >> 4 !== 4) return;
    const ihl = (f[14]! & 0xf) * 4, tot = be16(f, 16), src = be32(f, 26), dst = be32(f, 30);
    if (tot < ihl + 8 || 14 + tot > f.length || cksum(f, 14, ihl) !== 0) return;
    if (f[23] === IPPROTO_UDP) { this.udp_input(f, ihl, tot, src, dst); return; }
    if (f[23] !== IPPROTO_ICMP || !is_slirp_addr(dst) || f[14 + ihl] !== ICMP_ECHO) return;
    if (cksum(f, 14 + ihl, tot - ihl) !== 0) return;
    const guest = this.arp_table.get(src) ?? f.slice(6, 12);
    const r = f.slice(0, 14 + tot);
    r.set(guest, 0); r.set(special_ethaddr(SLIRP_VHOST), 6);
    // ip_output: a fresh id, TTL MAXTTL, addresses swapped, header checksum again.
    put16(r, 18, this.ip_id++ & 0xffff); r[22] = MAXTTL;
    put32(r, 26, dst); put32(r, 30, src);
    put16(r, 24, 0); put16(r, 24, cksum(r, 14, ihl));
    r[14 + ihl] = ICMP_ECHOREPLY;
    put16(r, 14 + ihl + 2, 0); put16(r, 14 + ihl + 2, cksum(r, 14 + ihl, tot - ihl));
    this.send(r);
  }

  /** udp_input(): datagrams to the DHCP port (broadcast, or to the gateway) go to bootp_input; slirp forwards no other UDP here. */
  private udp_input(f: Uint8Array, ihl: number, tot: number, src: number, dst: number): void {
    const u = 14 + ihl, len = be16(f, u + 4);
    if (len < 8 || ihl + len > tot || be16(f, u + 2) !== BOOTP_SERVER || (dst !== 0xffffffff && dst !== SLIRP_VHOST)) return;
    const reply = this.bootp.input({ src, dst, sport: be16(f, u), dport: BOOTP_SERVER, payload: f.slice(u + 8, u + len) });
    if (reply) this.udp_output(reply);
  }

  /** udp_output() + ip_output() + if_encap(): a datagram from one of slirp's addresses; a broadcast goes to ff:ff:ff:ff:ff:ff. */
  private udp_output(d: bootp_datagram): void {
    const ulen = 8 + d.payload.length, tot = 20 + ulen;
    const r = new Uint8Array(14 + tot);
    r.fill(0xff, 0, 6);
    if (d.dst !== 0xffffffff) r.set(this.arp_table.get(d.dst) ?? new Uint8Array(6).fill(0xff), 0);
    r.set(special_ethaddr(d.src), 6); put16(r, 12, ETH_P_IP);
    r[14] = 0x45; put16(r, 16, tot); put16(r, 18, this.ip_id++ & 0xffff); r[22] = IPDEFTTL; r[23] = IPPROTO_UDP;
    put32(r, 26, d.src); put32(r, 30, d.dst); put16(r, 24, cksum(r, 14, 20));
    put16(r, 34, d.sport); put16(r, 36, d.dport); put16(r, 38, ulen); r.set(d.payload, 42);
    // The UDP checksum over the pseudo-header (addresses, protocol, length) and the datagram.
    const ph = new Uint8Array(12 + ulen);
    put32(ph, 0, d.src); put32(ph, 4, d.dst); ph[9] = IPPROTO_UDP; put16(ph, 10, ulen); ph.set(r.subarray(34), 12);
    put16(r, 40, cksum(ph, 0, ph.length) || 0xffff);
    this.send(r);
  }

  /** slirp_send_packet_all(): to the NIC after slirp's reply time. */
  private send(frame: Uint8Array): void {
    this.pending.push({ at: this.clock.now_ns() + SLIRP_REPLY_NS, frame });
    this.clock.timer_mod(this.timer, this.pending[0]!.at);
  }

  private flush(): void {
    const now = this.clock.now_ns();
    while (this.pending.length && this.pending[0]!.at <= now) { this.tx_frames++; this.output(this.pending.shift()!.frame); }
    if (this.pending.length) this.clock.timer_mod(this.timer, this.pending[0]!.at);
  }

  /** The link went away (the NIC was reset): frames in flight are lost. */
  reset(): void {
    this.pending = [];
    this.clock.timer_del(this.timer);
  }
}
