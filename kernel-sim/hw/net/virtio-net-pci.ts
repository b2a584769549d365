// Models QEMU hw/net/virtio-net.c on hw/virtio/virtio-pci.c (virtio-net-pci): a virtio network device with one receive and one transmit queue — frames from its peer (the user-mode network, hw/net/slirp.ts) written into the driver's receive buffers behind a virtio_net_hdr, frames the driver queues for transmit handed to the peer, each queue signalled on its MSI-X vector.
import type { HwContext } from '../core/qdev.ts';
import type { QEMUTimer } from '../core/clock.ts';
import { type VMStateDescription, vmstate_info_timer } from '../core/vmstate.ts';
import type { PCIDeviceClass } from '../pci/pci.ts';
import { pci_dma_read, pci_dma_write } from '../pci/pci.ts';
import { virtqueue_pop, virtqueue_push, type VirtQueueElement } from '../block/virtqueue.ts';
import type { TypeInfo } from '../core/qom.ts';
import { prop_bytes } from '../../scripts/dtc/livetree.ts';
import { VirtIOPCIProxy, VIRTIO_F_VERSION_1, VIRTIO_CONFIG_S_DRIVER_OK } from '../virtio/virtio-pci.ts';
import { Slirp } from './slirp.ts';

/** Transitional virtio-net-pci: 1af4:1000, Ethernet controller, subsystem id 1 (VIRTIO_ID_NET). */
export const VIRTIO_NET_PCI_CLASS: PCIDeviceClass = {
  vendor_id: 0x1af4, device_id: 0x1000, revision: 0, class_id: 0x0200, subsystem_vendor_id: 0x1af4, subsystem_id: 0x0001, interrupt_pin: 1,
};

/** include/uapi/linux/virtio_net.h feature bits this model offers. */
export const VIRTIO_NET_F_MAC = 5, VIRTIO_NET_F_MRG_RXBUF = 15, VIRTIO_NET_F_STATUS = 16;
export const VIRTIO_NET_S_LINK_UP = 1;
const HOST_FEATURES = [VIRTIO_NET_F_MAC, VIRTIO_NET_F_MRG_RXBUF, VIRTIO_NET_F_STATUS, VIRTIO_F_VERSION_1].reduce((a, b) => a | (1n << BigInt(b)), 0n);
/** struct virtio_net_hdr_mrg_rxbuf: flags, gso_type, hdr_len, gso_size, csum_start, csum_offset, num_buffers (the VERSION_1 header). */
export const VIRTIO_NET_HDR_LEN = 12;
/** QEMU's default rx_queue_size and tx_queue_size. */
const QUEUE_SIZE = 256;
const RX = 0, TX = 1;
/** The first NIC's address in QEMU (qemu_macaddr_default_if_unset). */
export const QEMU_DEFAULT_MAC = Uint8Array.of(0x52, 0x54, 0x00, 0x12, 0x34, 0x56);
/** Frames held while the driver has no receive buffers (QEMU's net queue), at most. */
const RX_BACKLOG_MAX = 256;
/** The transmit bottom half runs this long after the driver's kick. */
const TX_BH_NS = 2_000;

const virtio_net_timer = vmstate_info_timer((d) => (d as VirtIONetPCI).ctx.clock);

export class VirtIONetPCI extends VirtIOPCIProxy {
  readonly type_info = { name: 'virtio-net-pci', desc: 'virtio network device (PCI function)' };
  readonly pci_class = VIRTIO_NET_PCI_CLASS;
  protected readonly host_features = HOST_FEATURES;
  protected readonly queue_sizes = [QUEUE_SIZE, QUEUE_SIZE];
  /** 2 * queue pairs + 2, as virtio_net_pci_realize sets "vectors". */
  protected readonly nvectors = 4;
  protected readonly legacy_io_size = 0x20;
  readonly mac: Uint8Array;
  /** The user-mode network behind the NIC (-netdev user). */
  readonly peer: Slirp;
  link_up = true;
  /** Frames from the peer waiting for receive buffers. */
  private rx_backlog: Uint8Array[] = [];
  private tx_timer!: QEMUTimer;
  /** Frames received from the peer into the guest and sent by the guest (for tests and the UI). */
  rx_frames = 0;
  tx_frames = 0;

  constructor(ctx: HwContext, id: string, mac: Uint8Array = QEMU_DEFAULT_MAC) {
    super(ctx, id);
    this.mac = mac.slice(0, 6);
    this.peer = new Slirp(ctx.clock, (f) => this.virtio_net_receive(f));
  }

  /** struct virtio_net_config: mac[6], le16 status, le16 max_virtqueue_pairs. */
  protected get_config(): Uint8Array {
    const b = new Uint8Array(12);
    b.set(this.mac, 0);
    b[6] = this.link_up ? VIRTIO_NET_S_LINK_UP : 0;
    b[8] = 1;
    return b;
  }

  protected handle_output(q: number): void {
    if (q === RX) this.flush_rx_backlog();
    else if (q === TX) this.ctx.clock.timer_mod(this.tx_timer, this.ctx.clock.now_ns() + TX_BH_NS);
  }

  protected override set_status(status: number): void {
    if (status & VIRTIO_CONFIG_S_DRIVER_OK) this.flush_rx_backlog();
  }

  /** virtio_net_flush_tx(): every chain the driver queued goes to the peer without its header; used with length 0, then the queue's interrupt. */
  private virtio_net_flush_tx(): void {
    const vq = this.vqs[TX];
    if (!vq || !this.queue_ready(TX)) return;
    let notify = false;
    for (let el = virtqueue_pop(this, vq); el; el = virtqueue_pop(this, vq)) {
      const frame = this.gather(el).subarray(VIRTIO_NET_HDR_LEN);
      this.tx_frames++;
      if (this.link_up) this.peer.input(frame);
      notify = virtqueue_push(this, vq, el.head, 0) || notify;
    }
    if (notify) this.virtio_notify(TX);
  }

  /** The bytes of a chain's device-readable buffers, in order. */
  private gather(el: VirtQueueElement): Uint8Array {
    const parts = el.out.map((s) => pci_dma_read(this, s.addr, s.len) ?? new Uint8Array(s.len));
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) { out.set(p, o); o += p.length; }
    return out;
  }

  /** virtio_net_receive(): a frame from the peer, held while the driver is not ready or has no buffers. */
  virtio_net_receive(frame: Uint8Array): void {
    if (!this.link_up) return;
    if (this.rx_backlog.length >= RX_BACKLOG_MAX) return;
    this.rx_backlog.push(frame);
    this.flush_rx_backlog();
  }

  private flush_rx_backlog(): void {
    if (!this.queue_ready(RX)) return;
    let notify = false;
    while (this.rx_backlog.length) {
      const r = this.receive_one(this.rx_backlog[0]!);
      if (r === null) break;
      this.rx_backlog.shift();
      notify = r || notify;
    }
    if (notify) this.virtio_notify(RX);
  }

  /**
   * virtio_net_receive_rcu(): the header and the frame written over as many receive chains as it takes
   * (num_buffers says how many, with MRG_RXBUF); null when the driver has too few buffers (the frame waits).
   */
  private receive_one(frame: Uint8Array): boolean | null {
    const vq = this.vqs[RX]!;
    const data = new Uint8Array(VIRTIO_NET_HDR_LEN + frame.length);
    data.set(frame, VIRTIO_NET_HDR_LEN);
    const mergeable = (this.guest_features & (1n << BigInt(VIRTIO_NET_F_MRG_RXBUF))) !== 0n;
    const saved = vq.last_avail_idx;
    const chains: { el: VirtQueueElement; len: number }[] = [];
    for (let off = 0; off < data.length;) {
      const el = virtqueue_pop(this, vq);
      // Without MRG_RXBUF a frame must fit one chain: the chains taken go back until the driver adds more.
      const len = el ? Math.min(el.in.reduce((n, s) => n + s.len, 0), data.length - off) : 0;
      if (!el || len === 0 || (!mergeable && len < data.length)) { vq.last_avail_idx = saved; return null; }
      chains.push({ el, len });
      off += len;
    }
    data[10] = chains.length & 0xff; data[11] = chains.length >> 8;
    let off = 0, notify = false;
    for (const { el, len } of chains) {
      for (let done = 0, i = 0; done < len; i++) {
        const s = el.in[i]!, n = Math.min(s.len, len - done);
        pci_dma_write(this, s.addr, data.subarray(off + done, off + done + n));
        done += n;
      }
      off += len;
      notify = virtqueue_push(this, vq, el.head, len) || notify;
    }
    this.rx_frames++;
    return notify;
  }

  protected override pci_realize(): void {
    this.tx_timer = this.ctx.clock.timer_new_ns(() => this.virtio_net_flush_tx());
    super.pci_realize();
  }

  /** virtio_net_reset(): frames waiting for the driver and the transmit in progress are dropped; the address and link stay. */
  protected virtio_device_reset(): void {
    this.rx_backlog = [];
    if (this.tx_timer) this.ctx.clock.timer_del(this.tx_timer);
    this.peer.reset();
  }

  readonly model_vmsd: VMStateDescription<VirtIONetPCI> = {
    name: 'virtio-net-pci',
    fields: [...VirtIOPCIProxy.transport_fields, ['link_up', { put: (d) => d.link_up, get: (d, _f, v) => { d.link_up = v as boolean; } }], ['tx_timer', virtio_net_timer]],
  };
}

export const types: TypeInfo<VirtIONetPCI>[] = [{
  name: 'virtio-net-pci', compatible: 'qemu,virtio-net-pci', bus: 'pci',
  instance_init: (ctx, n) => {
    const p = n.get_property('local-mac-address');
    return new VirtIONetPCI(ctx, '', p ? prop_bytes(p) : QEMU_DEFAULT_MAC);
  },
}];
