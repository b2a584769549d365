// Models QEMU hw/block/virtio-blk.c on hw/virtio/virtio-pci.c (virtio-blk-pci): a virtio block device — requests taken from split virtqueues in guest memory and completed with an MSI-X interrupt after a disk model's service time in virtual time.
import type { HwContext } from '../core/qdev.ts';
import { type VMStateDescription, vmstate_info_timer } from '../core/vmstate.ts';
import type { QEMUTimer } from '../core/clock.ts';
import { virtio_le32, virtqueue_pop, virtqueue_push, type VirtQueueElement } from './virtqueue.ts';
import { type PCIDeviceClass, pci_dma_read, pci_dma_read_into, pci_dma_write } from '../pci/pci.ts';
import { VirtIOPCIProxy, VIRTIO_F_VERSION_1 } from '../virtio/virtio-pci.ts';
import { type TypeInfo, u64_prop } from '../core/qom.ts';
import { prop_u32, prop_string } from '../../scripts/dtc/livetree.ts';

export const VIRTIO_BLK_PCI_CLASS: PCIDeviceClass = {
  vendor_id: 0x1af4,
  device_id: 0x1001,
  revision: 0,
  class_id: 0x0100,
  subsystem_vendor_id: 0x1af4,
  subsystem_id: 0x0002,
  interrupt_pin: 1,
};

export interface VirtioBlkOptions {
  /** Request queues (QEMU's num-queues; defaults to the number of vCPUs). MSI-X vectors = queues + 1. */
  num_queues?: number;
  /** Disk size in 512-byte sectors. */
  capacity_sectors?: bigint;
  /** What the disk behind the function behaves like (kwb,disk-model): its latency in virtual time. */
  model?: DiskModelName;
  /** What the disk holds when the machine is first built (kwb,image): "rootfs" is an MBR and an ext2 of the machine's root tree, filled in by the machine. */
  image?: string;
}

/** include/uapi/linux/virtio_blk.h and virtio_config.h feature bits offered. */
export const VIRTIO_BLK_F_SEG_MAX = 2, VIRTIO_BLK_F_BLK_SIZE = 6, VIRTIO_BLK_F_FLUSH = 9, VIRTIO_BLK_F_TOPOLOGY = 10;
export const VIRTIO_BLK_F_MQ = 12, VIRTIO_BLK_F_DISCARD = 13, VIRTIO_BLK_F_WRITE_ZEROES = 14;
export const VIRTIO_BLK_T_IN = 0, VIRTIO_BLK_T_OUT = 1, VIRTIO_BLK_T_FLUSH = 4, VIRTIO_BLK_T_GET_ID = 8, VIRTIO_BLK_T_DISCARD = 11, VIRTIO_BLK_T_WRITE_ZEROES = 13;
/** What an unwritten 4 KiB of the medium reads as. kernel-static: never written, only copied from into guest memory. */
const ZERO_BLOCK = new Uint8Array(4096);
export const VIRTIO_BLK_S_OK = 0, VIRTIO_BLK_S_IOERR = 1, VIRTIO_BLK_S_UNSUPP = 2;
export const VIRTQUEUE_SIZE = 256;
const DEVICE_FEATURES = [VIRTIO_BLK_F_SEG_MAX, VIRTIO_BLK_F_BLK_SIZE, VIRTIO_BLK_F_FLUSH, VIRTIO_BLK_F_TOPOLOGY, VIRTIO_BLK_F_MQ,
  VIRTIO_BLK_F_DISCARD, VIRTIO_BLK_F_WRITE_ZEROES, VIRTIO_F_VERSION_1].reduce((a, b) => a | (1n << BigInt(b)), 0n);

export type DiskModelName = 'virtio' | 'hdd' | 'sata-ssd' | 'nvme';
/** Service time of one request in ns: fixed cost, per-byte transfer, and for a disk with a head, seek by distance plus half a rotation. */
interface DiskModel { base_ns: number; ns_per_byte: number; channels: number; seek?: { min_ns: number; full_ns: number; rotation_ns: number } }
export const DISK_MODELS: Readonly<Record<DiskModelName, DiskModel>> = {
  virtio: { base_ns: 20_000, ns_per_byte: 0.5, channels: 4 },
  hdd: { base_ns: 100_000, ns_per_byte: 1 / 0.15, channels: 1, seek: { min_ns: 500_000, full_ns: 9_000_000, rotation_ns: 8_333_333 } },
  'sata-ssd': { base_ns: 60_000, ns_per_byte: 2, channels: 8 },
  nvme: { base_ns: 15_000, ns_per_byte: 1 / 3, channels: 32 },
};

interface Pending { at: number; q: number; el: VirtQueueElement; status: number; data: Uint8Array | null; written: number }

const virtio_timer = vmstate_info_timer((d) => (d as VirtIOBlkPCI).ctx.clock);

export class VirtIOBlkPCI extends VirtIOPCIProxy {
  readonly type_info = { name: 'virtio-blk-pci', desc: 'virtio block device (PCI function)' };
  readonly pci_class = VIRTIO_BLK_PCI_CLASS;
  protected readonly host_features = DEVICE_FEATURES;
  protected readonly queue_sizes: readonly number[];
  /** A vector per request queue plus the configuration vector (virtio_blk_pci_realize sets "vectors" to num-queues + 1). */
  protected readonly nvectors: number;
  /** The legacy I/O BAR0: 128 bytes. */
  protected readonly legacy_io_size = 0x80;
  readonly num_queues: number;
  readonly capacity_sectors: bigint;
  readonly model: DiskModelName;
  /** The disk's contents, 4 KiB pages by index (a hole reads as zeroes); kept across resets, and handed to the next build of the machine on reboot. */
  pages = new Map<number, Uint8Array>();
  /** kwb,image: what the machine seeds the disk with on its first boot. */
  readonly image: string | null;
  /** Sectors whose IO the medium fails (for the I/O error path). */
  readonly bad_sectors = new Set<number>();
  /** When each channel of the disk is free again, and the head's position (sector). */
  busy_until: number[] = [];
  head_sector = 0;
  pending: Pending[] = [];
  /** Completed requests' records and chains, for the next requests (a disk at queue depth 32 would otherwise make both for every IO). */
  private readonly spare_pending: Pending[] = [];
  private readonly spare_els: VirtQueueElement[] = [];
  private done_timer!: QEMUTimer;
  /** Requests served, for tests and the UI. */
  served = 0;
  /** The status byte being written back (copied into guest memory at once). */
  private readonly status_byte = new Uint8Array(1);
  /** The request header being read (struct virtio_blk_outhdr, parsed at once). */
  private readonly hdr_buf = new Uint8Array(16);
  /** Which queues a round of completions used (their vectors fire once each after it). */
  private notify_q: boolean[] = [];

  constructor(ctx: HwContext, id: string, opts: VirtioBlkOptions = {}) {
    super(ctx, id);
    this.num_queues = opts.num_queues ?? 2;
    this.queue_sizes = new Array<number>(this.num_queues).fill(VIRTQUEUE_SIZE);
    this.nvectors = this.num_queues + 1;
    this.capacity_sectors = opts.capacity_sectors ?? 0x200000n;
    this.model = opts.model ?? 'virtio';
    this.image = opts.image ?? null;
  }

  /** struct virtio_blk_config, little-endian, as virtio_blk_update_config fills it. */
  protected get_config(): Uint8Array {
    const b = new Uint8Array(64);
    const dv = new DataView(b.buffer);
    dv.setBigUint64(0, this.capacity_sectors, true);
    dv.setUint32(12, 254, true);              // seg_max
    dv.setUint16(16, 0, true);                // geometry
    dv.setUint32(20, 512, true);              // blk_size
    b[24] = 0; b[25] = 0; dv.setUint16(26, 1, true); dv.setUint32(28, 0, true); // topology
    b[32] = 1;                                // writeback
    dv.setUint16(34, this.num_queues, true);
    dv.setUint32(36, 4194303, true);          // max_discard_sectors
    dv.setUint32(40, 1, true);                // max_discard_seg
    dv.setUint32(44, 1, true);                // discard_sector_alignment
    dv.setUint32(48, 4194303, true);          // max_write_zeroes_sectors
    dv.setUint32(52, 1, true);                // max_write_zeroes_seg
    b[56] = 1;
    return b;
  }

  /** virtio_blk_handle_vq: takes every available request and schedules its completion on the disk model. */
  protected handle_output(qi: number): void {
    const vq = this.vqs[qi];
    if (!vq) return;
    for (;;) {
      const spare = this.spare_els.pop() ?? null, el = virtqueue_pop(this, vq, spare);
      if (!el) { if (spare) this.spare_els.push(spare); return; }
      if (!this.virtio_blk_handle_request(qi, el)) this.spare_els.push(el);
    }
  }

  private service_ns(sector: number, bytes: number): number {
    const m = DISK_MODELS[this.model];
    let t = m.base_ns + bytes * m.ns_per_byte;
    if (m.seek) {
      const dist = Math.abs(sector - this.head_sector) / Math.max(1, Number(this.capacity_sectors));
      if (dist > 0) t += m.seek.min_ns + Math.sqrt(dist) * (m.seek.full_ns - m.seek.min_ns) + m.seek.rotation_ns / 2;
      this.head_sector = sector + (bytes >> 9);
    }
    return Math.round(t);
  }

  /** Takes one chain; false when the device refuses it (no header or status buffer; the chain is not completed). */
  private virtio_blk_handle_request(q: number, el: VirtQueueElement): boolean {
    const hdr = this.hdr_buf, status_buf = el.in[el.in.length - 1];
    if (!el.out[0] || !pci_dma_read_into(this, el.out[0].addr, hdr) || !status_buf) return false;
    // struct virtio_blk_outhdr: le32 type, le32 ioprio, le64 sector.
    const type = virtio_le32(hdr, 0), sector = virtio_le32(hdr, 8) + virtio_le32(hdr, 12) * 0x1_0000_0000;
    // Data buffers: every device-writable one but the status byte, every device-readable one after the header.
    let bytes = 0;
    for (let i = 0; i < el.in.length - 1; i++) bytes += el.in[i]!.len;
    for (let i = 1; i < el.out.length; i++) bytes += el.out[i]!.len;
    let status = VIRTIO_BLK_S_OK, data: Uint8Array | null = null;
    const out_of_range = sector + (bytes >> 9) > Number(this.capacity_sectors);
    if ((type === VIRTIO_BLK_T_IN || type === VIRTIO_BLK_T_OUT) && (out_of_range || this.any_bad_sector(sector, bytes >> 9))) status = VIRTIO_BLK_S_IOERR;
    else if (type === VIRTIO_BLK_T_IN) data = this.disk_read(sector, bytes);
    else if (type === VIRTIO_BLK_T_OUT) {
      let off = 0;
      for (let i = 1; i < el.out.length; i++) {
        const s = el.out[i]!, d = pci_dma_read(this, s.addr, s.len);
        if (d) this.disk_write(sector * 512 + off, d);
        off += s.len;
      }
    } else if (type === VIRTIO_BLK_T_GET_ID) data = new TextEncoder().encode(this.id.padEnd(20, '\0').slice(0, 20));
    else if (type === VIRTIO_BLK_T_DISCARD || type === VIRTIO_BLK_T_WRITE_ZEROES) status = VIRTIO_BLK_S_OK;
    else if (type !== VIRTIO_BLK_T_FLUSH) status = VIRTIO_BLK_S_UNSUPP;
    // The disk model: the request waits for a free channel, then takes its service time.
    const m = DISK_MODELS[this.model];
    if (this.busy_until.length !== m.channels) this.busy_until = new Array(m.channels).fill(0);
    let ch = 0;
    for (let i = 1; i < m.channels; i++) if (this.busy_until[i]! < this.busy_until[ch]!) ch = i;
    const now = this.ctx.clock.now_ns();
    const at = Math.max(now, this.busy_until[ch]!) + this.service_ns(sector, type === VIRTIO_BLK_T_IN || type === VIRTIO_BLK_T_OUT ? bytes : 0);
    this.busy_until[ch] = at;
    // Kept in completion order; one due at the same time as others goes after them (as a stable sort would put it).
    let i = this.pending.length;
    while (i > 0 && this.pending[i - 1]!.at > at) i--;
    const p = this.spare_pending.pop() ?? { at: 0, q: 0, el, status: 0, data: null, written: 0 };
    p.at = at; p.q = q; p.el = el; p.status = status; p.data = data; p.written = data ? data.length : 0;
    // Mostly the latest (channels finish in turn): a push, no splice and its result array.
    if (i === this.pending.length) this.pending.push(p); else this.pending.splice(i, 0, p);
    this.ctx.clock.timer_mod(this.done_timer, this.pending[0]!.at);
    return true;
  }

  /** Whether the medium fails any of `n` sectors from `sector` (no scan while no sector is bad). */
  private any_bad_sector(sector: number, n: number): boolean {
    if (!this.bad_sectors.size) return false;
    for (let i = 0; i < n; i++) if (this.bad_sectors.has(sector + i)) return true;
    return false;
  }

  private disk_read(sector: number, bytes: number): Uint8Array {
    // A block the medium never stored reads as zeros: a view of one shared zero block (only ever copied from), not a new one.
    const first = Math.floor(sector / 8), last = Math.floor((sector * 512 + bytes - 1) / 4096);
    if (bytes <= ZERO_BLOCK.length && !this.pages.has(first) && !this.pages.has(last)) return bytes === ZERO_BLOCK.length ? ZERO_BLOCK : ZERO_BLOCK.subarray(0, bytes);
    const out = new Uint8Array(bytes);
    for (let done = 0; done < bytes;) {
      const pos = sector * 512 + done, idx = Math.floor(pos / 4096), po = pos % 4096, n = Math.min(4096 - po, bytes - done);
      const p = this.pages.get(idx);
      if (p) out.set(p.subarray(po, po + n), done);
      done += n;
    }
    return out;
  }

  private disk_write(pos0: number, d: Uint8Array): void {
    for (let done = 0; done < d.length;) {
      const pos = pos0 + done, idx = Math.floor(pos / 4096), po = pos % 4096, n = Math.min(4096 - po, d.length - done);
      let p = this.pages.get(idx);
      if (!p) { p = new Uint8Array(4096); this.pages.set(idx, p); }
      p.set(d.subarray(done, done + n), po);
      done += n;
    }
  }

  /** The completions due now: data and status into guest memory, the used ring, then the queue's MSI-X vector. */
  private virtio_blk_complete(): void {
    const now = this.ctx.clock.now_ns(), notify = this.notify_q;
    let done = 0;
    while (done < this.pending.length && this.pending[done]!.at <= now) {
      const p = this.pending[done++]!;
      const vq = this.vqs[p.q];
      if (!vq) continue;
      const ins = p.el.in;
      if (p.data) {
        let off = 0;
        for (let i = 0; i < ins.length - 1; i++) {
          const s = ins[i]!;
          pci_dma_write(this, s.addr, off === 0 && s.len === p.data.length ? p.data : p.data.subarray(off, off + s.len));
          off += s.len;
        }
      }
      this.status_byte[0] = p.status;
      pci_dma_write(this, ins[ins.length - 1]!.addr, this.status_byte);
      this.served++;
      if (virtqueue_push(this, vq, p.el.head, p.written + 1)) notify[p.q] = true;
      this.spare_els.push(p.el);
      p.data = null;
      this.spare_pending.push(p);
    }
    if (done === 1) this.pending.shift(); else if (done) this.pending.splice(0, done);
    for (let q = 0; q < notify.length; q++) if (notify[q]) { notify[q] = false; this.virtio_notify(q); }
    if (this.pending.length) this.ctx.clock.timer_mod(this.done_timer, this.pending[0]!.at);
  }

  protected override pci_realize(): void {
    this.done_timer = this.ctx.clock.timer_new_ns(() => this.virtio_blk_complete());
    super.pci_realize();
  }

  /** virtio_blk_reset: requests in flight are dropped; the disk keeps its contents. */
  protected virtio_device_reset(): void {
    this.pending = [];
    if (this.done_timer) this.ctx.clock.timer_del(this.done_timer);
  }

  /** The transport and queue registers and the pending completion timer (the disk's pages travel with the disk image, not the VM state). */
  readonly model_vmsd: VMStateDescription<VirtIOBlkPCI> = {
    name: 'virtio-blk-pci',
    fields: [...VirtIOPCIProxy.transport_fields, ['done_timer', virtio_timer]],
  };
}

export const types: TypeInfo<VirtIOBlkPCI>[] = [{
  name: 'virtio-blk-pci', compatible: 'qemu,virtio-blk-pci', bus: 'pci',
  instance_init: (ctx, n, env) => new VirtIOBlkPCI(ctx, '', {
    num_queues: prop_u32(n, 'kwb,num-queues') ?? env.smp_cpus, capacity_sectors: u64_prop(n, 'kwb,capacity-sectors'),
    model: (prop_string(n, 'kwb,disk-model') as DiskModelName | undefined) ?? 'virtio', image: prop_string(n, 'kwb,image'),
  }),
}];
