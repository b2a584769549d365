// Models linux/drivers/net/virtio_net.c: the virtio network driver — one receive and one transmit virtqueue ("input.0", "output.0"), mergeable receive buffers refilled from NAPI polls, transmit completions reaped by a tx NAPI (napi_tx), the MAC and link status from the device's configuration.
import type { KGen } from '../../include/linux/sched.ts';
import {
  type net_device, type net_device_ops, type rtnl_link_stats64, ETH_HLEN, ETH_MIN_MTU, ETH_MAX_MTU, ETH_DATA_LEN, NETDEV_TX_OK,
} from '../../include/linux/netdevice.ts';
import { alloc_skb, type sk_buff } from '../../include/linux/skbuff.ts';
import { register_netdevice, unregister_netdevice, netif_rx, netif_carrier_on, netif_carrier_off, netif_stop_queue, netif_wake_queue } from '../../net/core/dev.ts';
import { alloc_etherdev, eth_hw_addr_set, eth_hw_addr_random, eth_type_trans } from '../../net/ethernet/eth.ts';
import {
  type napi_struct, NAPI_POLL_WEIGHT, netif_napi_add_weight, netif_napi_del, napi_enable, napi_disable, napi_schedule_prep, __napi_schedule, napi_complete_done,
} from '../../net/core/napi.ts';
import {
  type virtio_device, type virtio_driver, VIRTIO_ID_NET, VIRTIO_DEV_ANY_ID, VIRTIO_F_VERSION_1, VIRTIO_CONFIG_S_DRIVER_OK,
  virtio_has_feature, virtio_cread8, virtio_cread16, register_virtio_driver, unregister_virtio_driver,
} from '../virtio/virtio.ts';
import {
  type virtqueue, type scatterlist, virtqueue_add_sgs, virtqueue_get_buf, virtqueue_kick, virtqueue_disable_cb, virtqueue_enable_cb,
} from '../virtio/virtio_ring.ts';
import type { device } from '../base/base.ts';
import { dev_get_drvdata, dev_set_drvdata } from '../base/core.ts';
import { DMA_FROM_DEVICE, DMA_TO_DEVICE, dma_map_single, dma_unmap_single, dma_mapping_error } from '../../kernel/dma/mapping.ts';
import { INIT_WORK, queue_work, system_wq, type work_struct } from '../../kernel/workqueue.ts';
import { run_sync } from '../base/sync.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';

/** include/uapi/linux/virtio_net.h */
export const VIRTIO_NET_F_CSUM = 0, VIRTIO_NET_F_GUEST_CSUM = 1, VIRTIO_NET_F_MTU = 3, VIRTIO_NET_F_MAC = 5;
export const VIRTIO_NET_F_MRG_RXBUF = 15, VIRTIO_NET_F_STATUS = 16, VIRTIO_NET_F_CTRL_VQ = 17, VIRTIO_NET_F_MQ = 22;
export const VIRTIO_NET_S_LINK_UP = 1;
/** struct virtio_net_config offsets. */
const CFG = { mac: 0, status: 6 } as const;
/** sizeof(struct virtio_net_hdr_mrg_rxbuf) and sizeof(struct virtio_net_hdr). */
const HDR_LEN_MRG = 12, HDR_LEN = 10;
/** GOOD_PACKET_LEN: ETH_HLEN + VLAN_HLEN + ETH_DATA_LEN. */
const GOOD_PACKET_LEN = ETH_HLEN + 4 + ETH_DATA_LEN;
/** MAX_SKB_FRAGS: the transmit queue stops when fewer descriptors than a full skb needs are free. */
const MAX_SKB_FRAGS = 17;
const L1_CACHE_BYTES = 64;

/** The features this driver takes (the features[] table of 6.1, as far as the device model offers them). */
const features = [VIRTIO_NET_F_MAC, VIRTIO_NET_F_MRG_RXBUF, VIRTIO_NET_F_STATUS];

/** virtnet_rq_stats / virtnet_sq_stats */
interface queue_stats { packets: number; bytes: number; drops: number; kicks: number }
const new_stats = (): queue_stats => ({ packets: 0, bytes: 0, drops: 0, kicks: 0 });

/** A buffer posted to a queue: the bytes, their mapping, and the skb it carries (transmit). */
interface vbuf { buf: Uint8Array; dma: number; len: number; skb_len: number }

interface receive_queue { vq: virtqueue; napi: napi_struct; stats: queue_stats; posted: Set<vbuf> }
interface send_queue { vq: virtqueue; napi: napi_struct; stats: queue_stats; posted: Set<vbuf> }

/** struct virtnet_info */
interface virtnet_info {
  vdev: virtio_device;
  dev: net_device;
  rq: receive_queue;
  sq: send_queue;
  mergeable_rx_bufs: boolean;
  hdr_len: number;
  /** The link status last read from the configuration (starts 0, as the kzalloc'd struct does). */
  status: number;
  config_work: work_struct;
}

const vi_of = (dev: net_device): virtnet_info => dev.priv as virtnet_info;
/** virtio_dma_dev: the buffers are mapped for the transport's PCI function, which does the DMA. */
const dma_dev = (vi: virtnet_info): device => vi.vdev.dev.parent ?? vi.vdev.dev;

/** get_mergeable_buf_len (its floor): a good packet and the header, cache-line aligned. */
const mergeable_buf_len = (vi: virtnet_info): number => Math.ceil((vi.hdr_len + GOOD_PACKET_LEN) / L1_CACHE_BYTES) * L1_CACHE_BYTES;

/** add_recvbuf_mergeable(): one device-writable buffer, mapped, posted with itself as the token. */
function add_recvbuf(vi: virtnet_info, rq: receive_queue): number {
  const len = mergeable_buf_len(vi), buf = new Uint8Array(len);
  const dma = dma_map_single(dma_dev(vi), buf, len, DMA_FROM_DEVICE);
  if (dma_mapping_error(dma_dev(vi), dma)) return -12;
  const b: vbuf = { buf, dma, len, skb_len: 0 };
  const err = virtqueue_add_sgs(rq.vq, [{ dma, len, write: true }], b);
  if (err) { dma_unmap_single(dma_dev(vi), dma, len, DMA_FROM_DEVICE); return err; }
  rq.posted.add(b);
  return 0;
}

/** try_fill_recv(): buffers until the ring is full, then one kick; false when memory ran out first. */
function try_fill_recv(vi: virtnet_info, rq: receive_queue): boolean {
  let err = 0;
  while (rq.vq.num_free && !(err = add_recvbuf(vi, rq))) { /* fill */ }
  if (virtqueue_kick(rq.vq)) rq.stats.kicks++;
  return err !== -12;
}

/** A used receive buffer back from the device: unmapped (its bytes reach the CPU), no longer posted. */
function take_rx(vi: virtnet_info, rq: receive_queue): { b: vbuf; len: number } | null {
  const r = virtqueue_get_buf(rq.vq);
  if (!r) return null;
  const b = r.data as vbuf;
  dma_unmap_single(dma_dev(vi), b.dma, b.len, DMA_FROM_DEVICE);
  rq.posted.delete(b);
  return { b, len: r.len };
}

/** receive_buf() -> receive_mergeable(): the header's num_buffers says how many buffers the frame spans; the skb goes up the stack. */
function receive_buf(vi: virtnet_info, rq: receive_queue, first: { b: vbuf; len: number }): void {
  const dev = vi.dev;
  if (first.len < vi.hdr_len + ETH_HLEN) { dev.stats.rx_length_errors++; dev.stats.rx_dropped++; return; }
  const nbufs = vi.mergeable_rx_bufs ? first.b.buf[10]! | (first.b.buf[11]! << 8) : 1;
  const parts = [first.b.buf.subarray(vi.hdr_len, first.len)];
  for (let i = 1; i < nbufs; i++) {
    const more = take_rx(vi, rq);
    if (!more) { dev.stats.rx_length_errors++; dev.stats.rx_dropped++; return; }
    parts.push(more.b.buf.subarray(0, more.len));
  }
  const frame = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { frame.set(p, o); o += p.length; }
  rq.stats.packets++;
  rq.stats.bytes += frame.length;
  const skb = alloc_skb(frame, dev);
  skb.protocol = eth_type_trans(skb, dev);
  // napi_gro_receive(): no GRO here; the frame goes to the stack's receive path.
  netif_rx(skb);
}

/** virtnet_receive(): up to `budget` frames, then a refill once half the ring is free. */
function virtnet_receive(vi: virtnet_info, rq: receive_queue, budget: number): number {
  let received = 0;
  for (let r = received < budget ? take_rx(vi, rq) : null; r; r = ++received < budget ? take_rx(vi, rq) : null) receive_buf(vi, rq, r);
  if (rq.vq.num_free > rq.vq.num / 2) try_fill_recv(vi, rq);
  return received;
}

/** virtqueue_napi_schedule(): interrupts off while the poll is pending. */
function virtqueue_napi_schedule(napi: napi_struct, vq: virtqueue): void {
  if (napi_schedule_prep(napi)) { virtqueue_disable_cb(vq); __napi_schedule(napi); }
}

/** virtqueue_napi_complete(): done, interrupts on; buffers used in between are polled again. */
function virtqueue_napi_complete(napi: napi_struct, vq: virtqueue, processed: number): void {
  if (napi_complete_done(napi, processed)) { if (!virtqueue_enable_cb(vq)) virtqueue_napi_schedule(napi, vq); }
  else virtqueue_disable_cb(vq);
}

/** virtnet_poll(): the receive napi. */
function virtnet_poll(napi: napi_struct, budget: number): number {
  const vi = vi_of(napi.dev), rq = vi.rq;
  const received = virtnet_receive(vi, rq, budget);
  if (received < budget) virtqueue_napi_complete(napi, rq.vq, received);
  return received;
}

/** free_old_xmit_skbs(): transmitted buffers unmapped and counted. */
function free_old_xmit_skbs(vi: virtnet_info, sq: send_queue): void {
  for (let r = virtqueue_get_buf(sq.vq); r; r = virtqueue_get_buf(sq.vq)) {
    const b = r.data as vbuf;
    dma_unmap_single(dma_dev(vi), b.dma, b.len, DMA_TO_DEVICE);
    sq.posted.delete(b);
    sq.stats.packets++;
    sq.stats.bytes += b.skb_len;
  }
}

/** virtnet_poll_tx(): the transmit napi — completions reaped, the queue woken once a full skb fits again. */
function virtnet_poll_tx(napi: napi_struct, _budget: number): number {
  const vi = vi_of(napi.dev), sq = vi.sq;
  free_old_xmit_skbs(vi, sq);
  if (sq.vq.num_free >= 2 + MAX_SKB_FRAGS) netif_wake_queue(vi.dev);
  virtqueue_napi_complete(napi, sq.vq, 0);
  return 0;
}

/** skb_recv_done(): the receive queue's interrupt. */
function skb_recv_done(vi: virtnet_info, vq: virtqueue): void {
  virtqueue_napi_schedule(vi.rq.napi, vq);
}

/** skb_xmit_done(): the transmit queue's interrupt (napi_tx: reaped in the tx napi). */
function skb_xmit_done(vi: virtnet_info, vq: virtqueue): void {
  virtqueue_disable_cb(vq);
  virtqueue_napi_schedule(vi.sq.napi, vq);
}

/** xmit_skb(): a zeroed header (no checksum or GSO offload taken) and the frame, as one chain. */
function xmit_skb(vi: virtnet_info, sq: send_queue, skb: sk_buff): number {
  const buf = new Uint8Array(vi.hdr_len + skb.data.length);
  buf.set(skb.data, vi.hdr_len);
  const dma = dma_map_single(dma_dev(vi), buf, buf.length, DMA_TO_DEVICE);
  if (dma_mapping_error(dma_dev(vi), dma)) return -12;
  const b: vbuf = { buf, dma, len: buf.length, skb_len: skb.data.length };
  const sg: scatterlist[] = [{ dma, len: buf.length, write: false }];
  const err = virtqueue_add_sgs(sq.vq, sg, b);
  if (err) { dma_unmap_single(dma_dev(vi), dma, buf.length, DMA_TO_DEVICE); return err; }
  sq.posted.add(b);
  return 0;
}

/** start_xmit(): old completions reaped (interrupts off meanwhile), the frame queued, the queue stopped when nearly full, the device kicked. */
function start_xmit(skb: sk_buff, dev: net_device): number {
  const vi = vi_of(dev), sq = vi.sq;
  do {
    virtqueue_disable_cb(sq.vq);
    free_old_xmit_skbs(vi, sq);
  } while (!virtqueue_enable_cb(sq.vq));
  const err = xmit_skb(vi, sq, skb);
  if (err) {
    dev.stats.tx_fifo_errors++;
    dev.stats.tx_dropped++;
    return NETDEV_TX_OK;
  }
  if (sq.vq.num_free < 2 + MAX_SKB_FRAGS) netif_stop_queue(dev);
  if (virtqueue_kick(sq.vq)) sq.stats.kicks++;
  return NETDEV_TX_OK;
}

/** virtnet_open(): receive buffers posted, both napis enabled (and polled once for what came before). */
function virtnet_open(dev: net_device): number {
  const vi = vi_of(dev);
  try_fill_recv(vi, vi.rq);
  napi_enable(vi.rq.napi);
  virtqueue_napi_schedule(vi.rq.napi, vi.rq.vq);
  napi_enable(vi.sq.napi);
  virtqueue_napi_schedule(vi.sq.napi, vi.sq.vq);
  return 0;
}

/** virtnet_close(): napis off; the posted receive buffers stay with the device. */
function virtnet_close(dev: net_device): number {
  const vi = vi_of(dev);
  napi_disable(vi.rq.napi);
  napi_disable(vi.sq.napi);
  return 0;
}

/** virtnet_stats(): the queues' counters with the device's error counters. */
function virtnet_stats(dev: net_device, tot: rtnl_link_stats64): void {
  const vi = vi_of(dev);
  Object.assign(tot, dev.stats);
  tot.rx_packets = vi.rq.stats.packets; tot.rx_bytes = vi.rq.stats.bytes;
  tot.tx_packets = vi.sq.stats.packets; tot.tx_bytes = vi.sq.stats.bytes;
}

const virtnet_netdev: net_device_ops = {
  ndo_open: virtnet_open,
  ndo_stop: virtnet_close,
  ndo_start_xmit: start_xmit,
  ndo_get_stats64: virtnet_stats,
};

/** virtnet_config_changed_work(): the link status from the configuration; the carrier follows it. */
function* virtnet_config_changed_work(vi: virtnet_info): KGen<void> {
  const v = virtio_cread16(vi.vdev, CFG.status) & VIRTIO_NET_S_LINK_UP;
  if (vi.status === v) return;
  vi.status = v;
  if (v) { netif_carrier_on(vi.dev); netif_wake_queue(vi.dev); }
  else { netif_carrier_off(vi.dev); netif_stop_queue(vi.dev); }
}

/** virtnet_probe(): "eth%d" under the virtio device, the MAC from the configuration, the queues, registered; the link status read by a work item. */
function* virtnet_probe(vdev: virtio_device): KGen<number> {
  const dev = alloc_etherdev(null);
  dev.parent = vdev.dev;
  dev.min_mtu = ETH_MIN_MTU;
  dev.max_mtu = ETH_MAX_MTU;
  dev.default_qdisc = 'pfifo_fast';
  if (virtio_has_feature(vdev, VIRTIO_NET_F_MAC)) {
    eth_hw_addr_set(dev, Uint8Array.from({ length: 6 }, (_, i) => virtio_cread8(vdev, CFG.mac + i)));
    dev.perm_addr.set(dev.dev_addr.subarray(0, 6));
  } else eth_hw_addr_random(dev);
  const mergeable_rx_bufs = virtio_has_feature(vdev, VIRTIO_NET_F_MRG_RXBUF);
  const hdr_len = mergeable_rx_bufs || virtio_has_feature(vdev, VIRTIO_F_VERSION_1) ? HDR_LEN_MRG : HDR_LEN;
  // virtnet_find_vqs(): a receive and a transmit queue per pair, each with its own interrupt (none comes before buffers are posted).
  let vi: virtnet_info | null = null;
  const vqs = vdev.config.find_vqs(vdev, [(vq) => skb_recv_done(vi!, vq), (vq) => skb_xmit_done(vi!, vq)], ['input.0', 'output.0']);
  if (typeof vqs === 'number') return vqs;
  vi = {
    vdev, dev, mergeable_rx_bufs, hdr_len, status: 0,
    rq: { vq: vqs[0]!, napi: netif_napi_add_weight(dev, virtnet_poll, NAPI_POLL_WEIGHT), stats: new_stats(), posted: new Set() },
    sq: { vq: vqs[1]!, napi: netif_napi_add_weight(dev, virtnet_poll_tx, NAPI_POLL_WEIGHT), stats: new_stats(), posted: new Set() },
    config_work: INIT_WORK(() => virtnet_config_changed_work(vi!)),
  };
  dev.priv = vi;
  dev.netdev_ops = virtnet_netdev;
  dev_set_drvdata(vdev.dev, vi);
  const err = register_netdevice(dev);
  if (err) return err;
  // virtio_device_ready(): DRIVER_OK before anything can open the device.
  vdev.config.set_status(vdev, vdev.config.get_status(vdev) | VIRTIO_CONFIG_S_DRIVER_OK);
  netif_carrier_off(dev);
  if (virtio_has_feature(vdev, VIRTIO_NET_F_STATUS)) queue_work(system_wq(), vi.config_work);
  else { vi.status = VIRTIO_NET_S_LINK_UP; netif_carrier_on(dev); }
  return 0;
}

/** virtnet_remove(): unregistered, then every buffer still posted unmapped (free_unused_bufs). */
function* virtnet_remove(vdev: virtio_device): KGen<void> {
  const vi = dev_get_drvdata(vdev.dev) as virtnet_info | null;
  if (!vi) return;
  unregister_netdevice(vi.dev);
  netif_napi_del(vi.rq.napi);
  netif_napi_del(vi.sq.napi);
  for (const b of vi.rq.posted) dma_unmap_single(dma_dev(vi), b.dma, b.len, DMA_FROM_DEVICE);
  for (const b of vi.sq.posted) dma_unmap_single(dma_dev(vi), b.dma, b.len, DMA_TO_DEVICE);
  vi.rq.posted.clear();
  vi.sq.posted.clear();
  vdev.config.del_vqs(vdev);
}

export const virtio_net_driver: virtio_driver = {
  driver: { name: 'virtio_net' },
  id_table: [{ device: VIRTIO_ID_NET, vendor: VIRTIO_DEV_ANY_ID }],
  feature_table: features,
  probe: virtnet_probe,
  remove: virtnet_remove,
};

/** virtio_net_driver_init(): module_init (built in by the workbench's config, a module by Debian's). */
export function virtio_net_driver_init(): number {
  return run_sync(register_virtio_driver(virtio_net_driver), 'virtio_net_driver_init');
}

/** virtio_net_driver_exit(): module_exit, where the kernel config makes virtio_net a module. */
export function* virtio_net_driver_exit(): KGen<void> {
  yield* unregister_virtio_driver(virtio_net_driver);
}

export const initcalls: initcall_entry[] = [['device', 'virtio_net_driver_init', virtio_net_driver_init, 10_000]];
