// Models linux/net/ipv4/arp.c with the neighbour cache of net/core/neighbour.c reduced to a map per device: requests, replies, and frames waiting for an answer.
import { type net_device, ETH_P_ARP, ETH_P_IP, ETH_ALEN } from '../../include/linux/netdevice.ts';
import { alloc_skb, type sk_buff } from '../../include/linux/skbuff.ts';
import { RTN_LOCAL } from '../../include/uapi/linux/rtnetlink.ts';
import { defineState } from '../../kernel/state.ts';
import { dev_queue_xmit } from '../core/dev.ts';
import { inet_addr_type } from './fib.ts';
import { inet_select_addr } from './devinet.ts';
import { format_mac } from '../ethernet/eth.ts';
import { inet_ntoa } from '../../include/linux/inetdevice.ts';

const ARPOP_REQUEST = 1, ARPOP_REPLY = 2;
/** unres_qlen: frames kept per unresolved neighbour. */
const UNRES_QLEN = 3;

type pending = (mac: Uint8Array) => void;
/** Frames waiting for a neighbour, per device and address (neigh->arp_queue). */
const arpState = defineState('arp', () => ({ queue: new Map<net_device, Map<number, pending[]>>() }));

function arp_create(op: number, dev: net_device, sip: number, tip: number, sha: Uint8Array, tha: Uint8Array): Uint8Array {
  const b = new Uint8Array(28);
  const dv = new DataView(b.buffer);
  dv.setUint16(0, 1, false); dv.setUint16(2, ETH_P_IP, false); b[4] = ETH_ALEN; b[5] = 4; dv.setUint16(6, op, false);
  b.set(sha.subarray(0, 6), 8); dv.setUint32(14, sip, false); b.set(tha.subarray(0, 6), 18); dv.setUint32(24, tip, false);
  return b;
}

function arp_xmit(dev: net_device, payload: Uint8Array, dest: Uint8Array): void {
  const skb = alloc_skb(payload, dev);
  skb.protocol = ETH_P_ARP;
  dev.header_ops?.create(skb, dev, ETH_P_ARP, dest, null);
  dev_queue_xmit(skb);
}

/** arp_resolve (neigh_resolve_output): now if the address is known, else after the reply to a broadcast request. */
export function arp_resolve(dev: net_device, ip: number, send: pending): void {
  const known = dev.ip_ptr?.arp.get(ip);
  if (known) { send(known); return; }
  const q = arpState().queue;
  const per = q.get(dev) ?? new Map<number, pending[]>();
  q.set(dev, per);
  const waiting = per.get(ip);
  if (waiting) { if (waiting.length < UNRES_QLEN) waiting.push(send); return; }
  per.set(ip, [send]);
  arp_xmit(dev, arp_create(ARPOP_REQUEST, dev, inet_select_addr(dev, ip), ip, dev.dev_addr, new Uint8Array(6)), dev.broadcast);
}

function neigh_update(dev: net_device, ip: number, mac: Uint8Array): void {
  dev.ip_ptr?.arp.set(ip, mac.slice(0, 6));
  const per = arpState().queue.get(dev);
  const waiting = per?.get(ip);
  if (!waiting) return;
  per!.delete(ip);
  for (const send of waiting) send(mac);
}

/** arp_rcv()/arp_process(): learn the sender; answer requests for our addresses. */
export function arp_rcv(skb: sk_buff, dev: net_device): number {
  const b = skb.data;
  if (b.length < 28 || !dev.ip_ptr) return 1;
  const dv = new DataView(b.buffer, b.byteOffset, 28);
  if (dv.getUint16(0, false) !== 1 || dv.getUint16(2, false) !== ETH_P_IP || b[4] !== 6 || b[5] !== 4) return 1;
  const op = dv.getUint16(6, false);
  const sha = b.slice(8, 14), sip = dv.getUint32(14, false), tip = dv.getUint32(24, false);
  const for_us = inet_addr_type(dev.nd_net, tip) === RTN_LOCAL;
  if (op === ARPOP_REQUEST && for_us) {
    neigh_update(dev, sip, sha);
    arp_xmit(dev, arp_create(ARPOP_REPLY, dev, tip, sip, dev.dev_addr, sha), sha);
  } else if (op === ARPOP_REPLY || dev.ip_ptr.arp.has(sip)) {
    neigh_update(dev, sip, sha);
  }
  return 0;
}

/** /proc/net/arp's lines for a namespace (arp_seq_show). */
export function arp_lines(devs: readonly net_device[]): string {
  let s = 'IP address       HW type     Flags       HW address            Mask     Device\n';
  for (const dev of devs) {
    for (const [ip, mac] of dev.ip_ptr?.arp ?? []) {
      s += `${inet_ntoa(ip).padEnd(17)}0x1         0x2         ${format_mac(mac).padEnd(22)}*        ${dev.name}\n`;
    }
  }
  return s;
}
