// Models QEMU hw/virtio/virtio.c's split virtqueue, device side: reading descriptor chains the driver made available in guest memory and returning them on the used ring.
import { pci_dma_read_into, pci_dma_write, type PCIDevice } from '../pci/pci.ts';

export const VRING_DESC_F_NEXT = 1, VRING_DESC_F_WRITE = 2, VRING_DESC_F_INDIRECT = 4;
export const VRING_AVAIL_F_NO_INTERRUPT = 1;

/** One queue's registers as the driver programmed them through the common configuration. */
export interface VirtQueue {
  size: number;
  msix_vector: number;
  enable: number;
  desc: number;
  avail: number;
  used: number;
  last_avail_idx: number;
  used_idx: number;
}

export const virtqueue_new = (size: number): VirtQueue => ({ size, msix_vector: 0xffff, enable: 0, desc: 0, avail: 0, used: 0, last_avail_idx: 0, used_idx: 0 });

/** A descriptor chain: the buffers the device reads (out) and writes (in), by guest address. */
export interface VirtQueueElement {
  head: number;
  out: { addr: number; len: number }[];
  in: { addr: number; len: number }[];
  /** Every buffer of the chain in order (what out and in point into), kept when a device reuses the element for its next chain. */
  segs: { addr: number; len: number }[];
}

const u16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);
/** A little-endian 32-bit field of what the device read from guest memory. */
export const virtio_le32 = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

function put_le32(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff; b[o + 1] = (v >>> 8) & 0xff; b[o + 2] = (v >>> 16) & 0xff; b[o + 3] = v >>> 24;
}

/**
 * Where the device reads a ring index or a descriptor into, and builds a used element (QEMU reads into locals).
 * kernel-static: scratch only, nothing in it outlives the call that fills it.
 */
const scratch = new Uint8Array(16), idx2 = new Uint8Array(2), elem8 = new Uint8Array(8);

/** virtqueue_pop: the next available chain, or null (none, or a malformed chain the device refuses); into `reuse` when the device gives back an element it is done with (no arrays made per request). */
export function virtqueue_pop(d: PCIDevice, vq: VirtQueue, reuse: VirtQueueElement | null = null): VirtQueueElement | null {
  const b = idx2;
  if (!pci_dma_read_into(d, vq.avail + 2, b) || u16(b, 0) === vq.last_avail_idx) return null;
  if (!pci_dma_read_into(d, vq.avail + 4 + 2 * (vq.last_avail_idx % vq.size), b)) return null;
  vq.last_avail_idx = (vq.last_avail_idx + 1) & 0xffff;
  const head = u16(b, 0);
  const el: VirtQueueElement = reuse ?? { head, out: [], in: [], segs: [] };
  el.head = head; el.out.length = 0; el.in.length = 0;
  for (let i = head, n = 0; n < vq.size; n++) {
    if (!pci_dma_read_into(d, vq.desc + 16 * i, scratch)) return null;
    const addr = virtio_le32(scratch, 0) + virtio_le32(scratch, 4) * 0x1_0000_0000, len = virtio_le32(scratch, 8), flags = u16(scratch, 12);
    const seg = el.segs[n] ??= { addr: 0, len: 0 };
    seg.addr = addr; seg.len = len;
    (flags & VRING_DESC_F_WRITE ? el.in : el.out).push(seg);
    if (!(flags & VRING_DESC_F_NEXT)) return el;
    i = u16(scratch, 14);
    if (i >= vq.size) return null;
  }
  return null;
}

/** virtqueue_push: the chain goes on the used ring with the bytes written; returns whether the driver wants an interrupt. */
export function virtqueue_push(d: PCIDevice, vq: VirtQueue, head: number, len: number): boolean {
  // struct vring_used_elem { le32 id; le32 len; }, then the ring's le16 idx.
  const e = elem8, b = idx2;
  put_le32(e, 0, head); put_le32(e, 4, len);
  pci_dma_write(d, vq.used + 4 + 8 * (vq.used_idx % vq.size), e);
  vq.used_idx = (vq.used_idx + 1) & 0xffff;
  b[0] = vq.used_idx & 0xff; b[1] = vq.used_idx >> 8;
  pci_dma_write(d, vq.used + 2, b);
  return !pci_dma_read_into(d, vq.avail, b) || (u16(b, 0) & VRING_AVAIL_F_NO_INTERRUPT) === 0;
}
