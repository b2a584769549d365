// Socket buffers written in C (net/core/skbuff.c's exports): struct sk_buff in the kernel memory, its allocation, put/push/pull/trim, queues and freeing, and the crossing between C buffers and the stack's.
//
// The stack keeps its own sk_buff (include/linux/skbuff.ts: the bytes from the current header on). A buffer crosses
// into C when the stack hands it to a C driver's ndo_start_xmit (skb_to_c: a head with NET_SKB_PAD of headroom, the
// bytes, the device and protocol) and crosses back when the driver passes it up (skb_from_c: the bytes from
// skb->data, skb->dev, skb->protocol, pkt_type and ip_summed), after which the C buffer is freed as the stack consumed it.
import { type sk_buff, alloc_skb } from '../../include/linux/skbuff.ts';
import type { net_device } from '../../include/linux/netdevice.ts';
import { kread_bytes, kwrite_bytes, kbytes } from '../../mm/kmem.ts';
import { kfree, kmalloc, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { sk_buff_view, sk_buff_head_view, struct_sk_buff } from '../../toolchain/layouts/views.generated.ts';
import { defineState } from '../state.ts';
import { ModuleFault } from '../module/faults.ts';
import { pr_emerg } from '../printk/printk.ts';
import { EXPORT_KAPI } from './registry.ts';

/** NET_SKB_PAD: max(32, L1_CACHE_BYTES) with 64-byte cache lines. */
export const NET_SKB_PAD = 64;

interface SkbState {
  /** The C buffers alive (kfree_skb of anything else is left alone). */
  skbs: Set<number>;
  /** The stack's device of each C struct net_device * (kapi/netdevice.ts registers them). */
  devices: Map<number, net_device>;
  /** The C struct net_device * of each of the stack's devices that C drivers own. */
  addrs: Map<net_device, number>;
}
export const skbState = defineState<SkbState>('kapi-skbuff', () => ({ skbs: new Set(), devices: new Map(), addrs: new Map() }));

/** Whether `addr` is a buffer C holds (a pointer that is no sk_buff is not). */
export const is_c_skb = (addr: number): boolean => skbState().skbs.has(addr);

/** __alloc_skb(): a zeroed struct and a head of `size` bytes, data = tail = head, one user. */
export function c_alloc_skb(size: number): number {
  const a = kmalloc(struct_sk_buff.SIZE, __GFP_ZERO);
  if (!a) return 0;
  const head = kmalloc(Math.max(size, 1), __GFP_ZERO);
  if (!head) { kfree(a); return 0; }
  // Buffers move between drivers and the stack: they are the kernel's, not the allocating module's.
  disown(a); disown(head);
  const v = sk_buff_view(a);
  v.head = head; v.data = head; v.tail = head; v.end = head + size;
  v.users.refs.counter = 1;
  v.mac_header = 0xffff; v.network_header = 0xffff; v.transport_header = 0xffff;
  skbState().skbs.add(a);
  return a;
}

/** kfree_skbmem(): the head and the struct go. A pointer that is no buffer is left alone. */
export function c_free_skb(a: number): void {
  const s = skbState();
  if (!s.skbs.delete(a)) return;
  kfree(sk_buff_view(a).head);
  kfree(a);
}

/** skb_panic(): the emergency line Linux prints before its BUG. */
function skb_panic(v: struct_sk_buff, sz: number, msg: string): never {
  const dev = v.dev ? skbState().devices.get(v.dev)?.name ?? '<NULL>' : '<NULL>';
  const px = (n: number): string => n.toString(16).padStart(16, '0');
  const lx = (n: number): string => `0x${n.toString(16)}`;
  pr_emerg(`skbuff: ${msg}: text:${px(0)} len:${v.len} put:${sz} head:${px(v.head)} data:${px(v.data)} tail:${lx(v.tail)} end:${lx(v.end)} dev:${dev}`);
  throw new ModuleFault('bug', 'kernel BUG at net/core/skbuff.c:121');
}

function skb_put(a: number, len: number): number {
  const v = sk_buff_view(a);
  const tmp = v.tail;
  v.tail = tmp + len;
  v.len += len;
  if (v.tail > v.end) skb_panic(v, len, 'skb_over_panic');
  return tmp;
}

function skb_push(a: number, len: number): number {
  const v = sk_buff_view(a);
  v.data -= len;
  v.len += len;
  if (v.data < v.head) skb_panic(v, len, 'skb_under_panic');
  return v.data;
}

/** skb_pull(): NULL when the buffer is shorter than `len`. */
function skb_pull(a: number, len: number): number {
  const v = sk_buff_view(a);
  if (len > v.len) return 0;
  v.len -= len;
  v.data += len;
  return v.data;
}

function skb_trim(a: number, len: number): void {
  const v = sk_buff_view(a);
  if (v.len <= len) return;
  v.len = len;
  v.tail = v.data + len;
}

/** A C buffer for a frame of the stack, with NET_SKB_PAD of headroom and the mac header at data. */
export function skb_to_c(skb: sk_buff, dev_addr: number): number {
  const len = skb.data.length;
  const a = c_alloc_skb(NET_SKB_PAD + len);
  if (!a) return 0;
  const v = sk_buff_view(a);
  v.data = v.head + NET_SKB_PAD;
  kwrite_bytes(v.data, skb.data);
  v.tail = v.data + len;
  v.len = len;
  v.dev = dev_addr;
  v.protocol = htons(skb.protocol);
  v.mac_header = NET_SKB_PAD;
  v.network_header = NET_SKB_PAD + skb.mac_len;
  v.pkt_type = skb.pkt_type;
  v.ip_summed = skb.ip_summed;
  return a;
}

/** The stack's buffer for what a C buffer holds from skb->data (its device, protocol, pkt_type and ip_summed), or null. */
export function skb_from_c(a: number): sk_buff | null {
  if (!is_c_skb(a)) return null;
  const v = sk_buff_view(a);
  const skb = alloc_skb(kread_bytes(v.data, v.len), skbState().devices.get(v.dev) ?? null);
  skb.protocol = htons(v.protocol);
  skb.pkt_type = v.pkt_type;
  skb.ip_summed = v.ip_summed;
  skb.mac_len = v.mac_len;
  return skb;
}

/** __be16 <-> host order (the machine is little-endian). */
export const htons = (x: number): number => ((x & 0xff) << 8) | ((x >>> 8) & 0xff);

/** skb_queue_tail() and friends: the __ helpers' list surgery on the C list head, under its lock on Linux. */
function queue_insert(list: number, skb: number, at_tail: boolean): void {
  const l = sk_buff_head_view(list);
  const prev = at_tail ? l.prev : list, next = at_tail ? list : l.next;
  const n = sk_buff_view(skb);
  n.next = next; n.prev = prev;
  sk_buff_view(next).prev = skb;
  sk_buff_view(prev).next = skb;
  l.qlen += 1;
}

function skb_dequeue(list: number): number {
  const l = sk_buff_head_view(list);
  const skb = l.next;
  if (skb === list) return 0;
  const v = sk_buff_view(skb);
  const next = v.next, prev = v.prev;
  l.qlen -= 1;
  v.next = 0; v.prev = 0;
  sk_buff_view(next).prev = prev;
  sk_buff_view(prev).next = next;
  return skb;
}

/** skb_copy(): a private copy of a linear buffer, same headroom. */
function skb_copy(a: number): number {
  const v = sk_buff_view(a);
  const size = v.end - v.head;
  const n = c_alloc_skb(size);
  if (!n) return 0;
  const w = sk_buff_view(n);
  kbytes().copyWithin(w.head, v.head, v.end);
  w.data = w.head + (v.data - v.head);
  w.tail = w.head + (v.tail - v.head);
  w.len = v.len;
  w.dev = v.dev;
  w.protocol = v.protocol;
  w.mac_header = v.mac_header; w.network_header = v.network_header; w.transport_header = v.transport_header;
  w.mac_len = v.mac_len;
  // __copy_skb_header(): the headers group, bitfields included.
  w.pkt_type = v.pkt_type; w.ip_summed = v.ip_summed;
  return n;
}

export const ksymtab = EXPORT_KAPI({
  __alloc_skb: (size: number, _gfp: number, _flags: number, _node: number) => c_alloc_skb(size),
  /** __netdev_alloc_skb(): NET_SKB_PAD of headroom reserved, skb->dev set. */
  __netdev_alloc_skb: (dev: number, len: number, _gfp: number) => {
    const a = c_alloc_skb(len + NET_SKB_PAD);
    if (!a) return 0;
    const v = sk_buff_view(a);
    v.data += NET_SKB_PAD; v.tail += NET_SKB_PAD;
    v.dev = dev;
    return a;
  },
  kfree_skb_reason: (a: number, _reason: number) => { if (a) c_free_skb(a); },
  consume_skb: (a: number) => { if (a) c_free_skb(a); },
  __dev_kfree_skb_irq: (a: number, _reason: number) => { if (a) c_free_skb(a); },
  __dev_kfree_skb_any: (a: number, _reason: number) => { if (a) c_free_skb(a); },
  skb_copy: (a: number, _gfp: number) => skb_copy(a),
  skb_put, skb_push, skb_pull, skb_trim,
  skb_queue_tail: (list: number, skb: number) => queue_insert(list, skb, true),
  skb_queue_head: (list: number, skb: number) => queue_insert(list, skb, false),
  skb_dequeue,
  skb_queue_purge: (list: number) => { for (let s = skb_dequeue(list); s; s = skb_dequeue(list)) c_free_skb(s); },
});
