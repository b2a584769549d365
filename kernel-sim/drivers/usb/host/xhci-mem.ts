// Models linux/drivers/usb/host/xhci.h and xhci-mem.c: the driver's view of an xHCI — its register bases, rings of TRBs in coherent DMA memory (one segment closed by a Link TRB), the event ring with its ERST, device and input contexts.
import type { device } from '../../base/base.ts';
import type { pci_dev } from '../../../include/linux/pci.ts';
import type { urb, usb_device, usb_hcd } from '../../../include/linux/usb.ts';
import { dma_alloc_coherent, dma_free_coherent, type dma_coherent_buf } from '../../../kernel/dma/mapping.ts';
import { wait_queue_head } from '../../../kernel/sched/wait.ts';
import { TRB_CYCLE, TRB_CHAIN, TRB_LINK, TRB_TYPE, LINK_TOGGLE, CTX_SIZE } from '../../../hw/usb/xhci-regs.ts';

/** TRBs per ring segment (a 4 KiB page; the last is the Link TRB). */
export const TRBS_PER_SEGMENT = 256;

export interface xhci_ring {
  buf: dma_coherent_buf;
  /** Enqueue index (producer rings) or dequeue index (the event ring). */
  idx: number;
  cycle_state: number;
}

/** A transfer descriptor: the TRBs of one URB, by bus address. */
export interface xhci_td { urb: urb; trbs: number[]; cancelled: boolean; /** Bytes of a short data stage (control), from its event. */ short_len: number | null }

export interface xhci_virt_ep { ring: xhci_ring | null; tds: xhci_td[]; stop_pending: boolean }

export interface xhci_virt_device {
  udev: usb_device;
  out_ctx: dma_coherent_buf;
  in_ctx: dma_coherent_buf;
  eps: xhci_virt_ep[];
}

/** A command in flight: the completion code and slot id its event brought. */
export interface xhci_command { trb: number; done: boolean; status: number; slot_id: number; on_done: ((c: xhci_command) => void) | null }

export interface xhci_hcd {
  pdev: pci_dev;
  dev: device;
  cap: number; op: number; run: number; db: number;
  hcs_params1: number; hcc_params: number; hci_version: number; quirks: bigint;
  max_slots: number; max_ports: number;
  /** Root ports of the USB 2.0 and USB 3.0 halves: the controller's port numbers (1-based), in roothub order. */
  usb2_ports: number[]; usb3_ports: number[];
  dcbaa: dma_coherent_buf;
  cmd_ring: xhci_ring;
  event_ring: xhci_ring;
  erst: dma_coherent_buf;
  commands: xhci_command[];
  cmd_wait: wait_queue_head;
  devs: (xhci_virt_device | null)[];
  main_hcd: usb_hcd | null;
  shared_hcd: usb_hcd | null;
  msix_count: number;
}

export const hcd_to_xhci = (hcd: usb_hcd): xhci_hcd => hcd.hcd_priv as xhci_hcd;

const dv = (b: dma_coherent_buf, off: number, len: number): DataView => { const a = b.read(off, len); return new DataView(a.buffer, a.byteOffset, len); };

export function trb_addr(r: xhci_ring, idx: number): number { return r.buf.dma_handle + 16 * idx; }

/** xhci_ring_alloc: a zeroed segment whose last TRB links back to its start and toggles the cycle. */
export function xhci_ring_alloc(dev: device): xhci_ring | null {
  const buf = dma_alloc_coherent(dev, 16 * TRBS_PER_SEGMENT);
  if (!buf) return null;
  buf.fill(0);
  const r: xhci_ring = { buf, idx: 0, cycle_state: 1 };
  write_trb(r, TRBS_PER_SEGMENT - 1, BigInt(buf.dma_handle), 0, TRB_TYPE(TRB_LINK) | LINK_TOGGLE);
  return r;
}

export function xhci_ring_free(dev: device, r: xhci_ring | null): void { if (r) dma_free_coherent(dev, r.buf.size, r.buf); }

export function write_trb(r: xhci_ring, idx: number, param: bigint, status: number, control: number): void {
  const b = new Uint8Array(16), v = new DataView(b.buffer);
  v.setBigUint64(0, param, true);
  v.setUint32(8, status >>> 0, true);
  v.setUint32(12, control >>> 0, true);
  r.buf.write(16 * idx, b);
}

export function read_trb(r: xhci_ring, idx: number): { param: bigint; status: number; control: number } {
  const v = dv(r.buf, 16 * idx, 16);
  return { param: v.getBigUint64(0, true), status: v.getUint32(8, true), control: v.getUint32(12, true) };
}

/**
 * queue_trb: one TRB at the enqueue pointer with the ring's cycle bit (the first TRB of a TD with the inverse, handed over
 * last by giveback_first_trb); at the Link TRB the chain bit is carried and the cycle toggles. Returns the TRB's bus address.
 */
export function queue_trb(r: xhci_ring, param: bigint, status: number, control: number, first = false): number {
  const addr = trb_addr(r, r.idx);
  write_trb(r, r.idx, param, status, (control & ~TRB_CYCLE) | (first ? r.cycle_state ^ 1 : r.cycle_state));
  r.idx++;
  if (r.idx === TRBS_PER_SEGMENT - 1) {
    const link = read_trb(r, r.idx);
    write_trb(r, r.idx, link.param, 0, (link.control & ~(TRB_CYCLE | TRB_CHAIN)) | (control & TRB_CHAIN) | r.cycle_state);
    r.cycle_state ^= 1;
    r.idx = 0;
  }
  return addr;
}

/** giveback_first_trb: flips the first TRB's cycle bit once the whole TD is written, so the controller never sees half a TD. */
export function giveback_first_trb(r: xhci_ring, addr: number): void {
  const idx = (addr - r.buf.dma_handle) / 16;
  const t = read_trb(r, idx);
  write_trb(r, idx, t.param, t.status, t.control ^ TRB_CYCLE);
}

/** Free TRBs a producer ring still has (one slot is kept empty to tell full from empty). */
export function room_on_ring(r: xhci_ring, tds: xhci_td[]): number {
  return TRBS_PER_SEGMENT - 2 - tds.reduce((a, t) => a + t.trbs.length, 0);
}

/** xhci_alloc_virt_device: the output device context (DCBAA[slot]) and an input context. */
export function xhci_alloc_virt_device(xhci: xhci_hcd, slot: number, udev: usb_device): xhci_virt_device | null {
  const out_ctx = dma_alloc_coherent(xhci.dev, 32 * CTX_SIZE);
  const in_ctx = dma_alloc_coherent(xhci.dev, 33 * CTX_SIZE);
  if (!out_ctx || !in_ctx) return null;
  out_ctx.fill(0);
  in_ctx.fill(0);
  const v = new Uint8Array(8);
  new DataView(v.buffer).setBigUint64(0, BigInt(out_ctx.dma_handle), true);
  xhci.dcbaa.write(8 * slot, v);
  const vdev: xhci_virt_device = { udev, out_ctx, in_ctx, eps: Array.from({ length: 32 }, () => ({ ring: null, tds: [], stop_pending: false })) };
  xhci.devs[slot] = vdev;
  return vdev;
}

export function xhci_free_virt_device(xhci: xhci_hcd, slot: number): void {
  const vdev = xhci.devs[slot];
  if (!vdev) return;
  for (const ep of vdev.eps) xhci_ring_free(xhci.dev, ep.ring);
  dma_free_coherent(xhci.dev, vdev.out_ctx.size, vdev.out_ctx);
  dma_free_coherent(xhci.dev, vdev.in_ctx.size, vdev.in_ctx);
  xhci.dcbaa.write(8 * slot, new Uint8Array(8));
  xhci.devs[slot] = null;
}

/** Writes dword `i` of input context entry `ctx` (0 = input control, 1 = slot, 2 = ep0 ...). */
export function in_ctx_write(vdev: xhci_virt_device, ctx: number, dwords: number[]): void {
  const b = new Uint8Array(CTX_SIZE), v = new DataView(b.buffer);
  dwords.forEach((d, i) => v.setUint32(4 * i, d >>> 0, true));
  vdev.in_ctx.write(ctx * CTX_SIZE, b);
}

export function out_ctx_dword(vdev: xhci_virt_device, ctx: number, i: number): number {
  return dv(vdev.out_ctx, ctx * CTX_SIZE + 4 * i, 4).getUint32(0, true);
}
