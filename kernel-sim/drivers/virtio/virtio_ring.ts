// Models linux/drivers/virtio/virtio_ring.c: split virtqueues in coherent DMA memory — descriptor table, available and used rings — adding buffers, kicking the device and reaping used buffers.
import type { device } from '../base/base.ts';
import { dma_alloc_coherent, dma_free_coherent, type dma_coherent_buf } from '../../kernel/dma/mapping.ts';
import { kbytes } from '../../mm/kmem.ts';
import { ENOSPC } from '../../include/uapi/asm-generic/errno.ts';
import { IRQ_HANDLED, IRQ_NONE, type irqreturn_t } from '../../kernel/irq/irqdesc.ts';

export const VRING_DESC_F_NEXT = 1, VRING_DESC_F_WRITE = 2, VRING_AVAIL_F_NO_INTERRUPT = 1;
const ALIGN = 4096;
const align = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

/** One buffer of a request, by bus address: the device reads it, or writes it when `write`. */
export interface scatterlist { dma: number; len: number; write: boolean }

export interface virtqueue {
  index: number;
  name: string;
  num: number;
  num_free: number;
  callback: ((vq: virtqueue) => void) | null;
  dev: device;
  ring: dma_coherent_buf;
  /** Offsets of the avail and used rings in `ring`. */
  avail_off: number;
  used_off: number;
  free_head: number;
  /** next[] of each descriptor (the free list and chains, kept beside the table the device reads). */
  next: number[];
  /** desc_state / desc_extra per chain head: the caller's token (null: free), how many descriptors, and the last one. */
  data: unknown[];
  desc_count: number[];
  desc_last: number[];
  avail_idx_shadow: number;
  last_used_idx: number;
  notify: (vq: virtqueue) => void;
  /** The transport's notification address (iowrite16 target). */
  priv: number;
  /** The rings' DataView and the kernel memory it was made on (remade only when that memory is replaced). */
  ring_view: DataView | null;
  ring_view_mem: Uint8Array | null;
}

/** vring_create_virtqueue: the rings of `num` entries, zeroed, in one coherent allocation. */
export function vring_create_virtqueue(index: number, num: number, dev: device, notify: (vq: virtqueue) => void, callback: ((vq: virtqueue) => void) | null, name: string): virtqueue | null {
  const avail_off = 16 * num, used_off = align(16 * num + 6 + 2 * num);
  const ring = dma_alloc_coherent(dev, used_off + align(6 + 8 * num));
  if (!ring) return null;
  ring.fill(0);
  return {
    index, name, num, num_free: num, callback, dev, ring, avail_off, used_off, free_head: 0,
    next: Array.from({ length: num }, (_, i) => (i + 1) % num), data: new Array(num).fill(null),
    desc_count: new Array<number>(num).fill(0), desc_last: new Array<number>(num).fill(0),
    avail_idx_shadow: 0, last_used_idx: 0, notify, priv: 0, ring_view: null, ring_view_mem: null,
  };
}

export function vring_del_virtqueue(vq: virtqueue): void {
  dma_free_coherent(vq.dev, vq.ring.size, vq.ring);
}

/** The rings as the driver reads and writes them, in kernel memory. */
function view(vq: virtqueue): DataView {
  const k = kbytes();
  if (vq.ring_view_mem !== k || !vq.ring_view) {
    vq.ring_view = new DataView(k.buffer, k.byteOffset + vq.ring.cpu_addr, vq.ring.size);
    vq.ring_view_mem = k;
  }
  return vq.ring_view;
}

/** virtqueue_add_sgs: a chain of descriptors for the first `nsg` of `sgs` (device-readable first), made available with `data` as its token; -ENOSPC when the ring is full. */
export function virtqueue_add_sgs(vq: virtqueue, sgs: readonly scatterlist[], data: unknown, nsg = sgs.length): number {
  if (nsg === 0 || nsg > vq.num_free) return -ENOSPC;
  const v = view(vq);
  const head = vq.free_head;
  let i = head, prev = -1;
  for (let k = 0; k < nsg; k++) {
    const sg = sgs[k]!;
    const o = 16 * i;
    v.setUint32(o, sg.dma % 0x1_0000_0000, true);
    v.setUint32(o + 4, Math.floor(sg.dma / 0x1_0000_0000), true);
    v.setUint32(o + 8, sg.len, true);
    v.setUint16(o + 12, (sg.write ? VRING_DESC_F_WRITE : 0) | VRING_DESC_F_NEXT, true);
    v.setUint16(o + 14, vq.next[i]!, true);
    prev = i;
    i = vq.next[i]!;
  }
  v.setUint16(16 * prev + 12, v.getUint16(16 * prev + 12, true) & ~VRING_DESC_F_NEXT, true);
  vq.free_head = i;
  vq.num_free -= nsg;
  vq.data[head] = data;
  vq.desc_count[head] = nsg;
  vq.desc_last[head] = prev;
  v.setUint16(vq.avail_off + 4 + 2 * (vq.avail_idx_shadow % vq.num), head, true);
  vq.avail_idx_shadow = (vq.avail_idx_shadow + 1) & 0xffff;
  // virtio_wmb: the entry is visible before the index that publishes it.
  v.setUint16(vq.avail_off + 2, vq.avail_idx_shadow, true);
  return 0;
}

/** virtqueue_kick: tells the device there is work (the transport's notify). */
export function virtqueue_kick(vq: virtqueue): boolean {
  vq.notify(vq);
  return true;
}

const more_used = (vq: virtqueue, v: DataView): boolean => v.getUint16(vq.used_off + 2, true) !== vq.last_used_idx;

/** virtqueue_get_buf_ctx: the token of the next buffer the device has used, or null; the bytes it wrote go to `len` when given (Linux's `unsigned int *len`). */
export function virtqueue_get_buf_ctx(vq: virtqueue, len: { len: number } | null): unknown {
  const v = view(vq);
  if (!more_used(vq, v)) return null;
  const e = vq.used_off + 4 + 8 * (vq.last_used_idx % vq.num);
  const id = v.getUint32(e, true);
  if (len) len.len = v.getUint32(e + 4, true);
  vq.last_used_idx = (vq.last_used_idx + 1) & 0xffff;
  const token = vq.data[id];
  if (token === null || token === undefined) return null;
  vq.data[id] = null;
  // detach_buf: the chain goes back on the free list.
  vq.next[vq.desc_last[id]!] = vq.free_head;
  vq.free_head = id;
  vq.num_free += vq.desc_count[id]!;
  return token;
}

/** virtqueue_get_buf: the token of the next buffer the device has used and the bytes it wrote, or null. */
export function virtqueue_get_buf(vq: virtqueue): { data: unknown; len: number } | null {
  const len = { len: 0 }, data = virtqueue_get_buf_ctx(vq, len);
  return data === null ? null : { data, len: len.len };
}

/** virtqueue_disable_cb: asks the device for no interrupts (VRING_AVAIL_F_NO_INTERRUPT; a hint, as without EVENT_IDX). */
export function virtqueue_disable_cb(vq: virtqueue): void {
  view(vq).setUint16(vq.avail_off, VRING_AVAIL_F_NO_INTERRUPT, true);
}

/** virtqueue_enable_cb: interrupts again; false when buffers were used meanwhile (the caller polls again). */
export function virtqueue_enable_cb(vq: virtqueue): boolean {
  const v = view(vq);
  v.setUint16(vq.avail_off, 0, true);
  return !more_used(vq, v);
}

/** vring_interrupt: the queue's MSI-X vector fired; the driver's callback reaps what is used. */
export function vring_interrupt(_irq: number, vq: unknown): irqreturn_t {
  const q = vq as virtqueue;
  if (!more_used(q, view(q))) return IRQ_NONE;
  q.callback?.(q);
  return IRQ_HANDLED;
}
