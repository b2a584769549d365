// Models linux/drivers/usb/host/xhci.c: the xHCI host controller driver — setup and run, slots (Enable/Disable Slot, Address Device, Evaluate Context), endpoint bandwidth (Configure Endpoint), URB enqueue and dequeue, MSI-X interrupts.
import type { KGen } from '../../../include/linux/sched.ts';
import {
  type hc_driver, type urb, type usb_device, type usb_hcd, type usb_host_config, type usb_host_endpoint, HCD_USB3, HCD_SHARED, HCD_MEMORY, HCD_DMA, HCD_BH,
  USB_SPEED_LOW, USB_SPEED_FULL, USB_SPEED_HIGH, USB_SPEED_SUPER, USB_ENDPOINT_XFERTYPE_MASK, USB_ENDPOINT_XFER_BULK, USB_ENDPOINT_XFER_INT,
  USB_ENDPOINT_XFER_ISOC, USB_ENDPOINT_DIR_MASK, usb_pipein,
} from '../../../include/linux/usb.ts';
import { PCI_IRQ_MSIX, PCI_IRQ_MSI, PCI_IRQ_LEGACY } from '../../../include/linux/pci.ts';
import { ioread32, iowrite32 } from '../../../arch/x86/io.ts';
import { dma_alloc_coherent } from '../../../kernel/dma/mapping.ts';
import { dev_info, dev_err, dev_warn } from '../../base/core.ts';
import { pci_alloc_irq_vectors, pci_irq_vector } from '../../pci/msi/msi.ts';
import { request_irq } from '../../../kernel/irq/manage.ts';
import { IRQ_HANDLED, IRQ_NONE } from '../../../kernel/irq/irqdesc.ts';
import { wait_event_timeout, __wake_up, wait_queue_head } from '../../../kernel/sched/wait.ts';
import { TASK_NORMAL } from '../../../include/linux/sched.ts';
import { schedule_timeout_uninterruptible } from '../../../kernel/sched/core.ts';
import { EINVAL, ENODEV, ENOMEM, ETIME, EPIPE, EPROTO, EIDRM } from '../../../include/uapi/asm-generic/errno.ts';
import { usb_hcd_giveback_urb, usb_hcd_poll_rh_status } from '../core/hcd.ts';
import * as X from '../../../hw/usb/xhci-regs.ts';
import {
  type xhci_command, type xhci_hcd, type xhci_td, type xhci_virt_device, TRBS_PER_SEGMENT, hcd_to_xhci, xhci_ring_alloc, xhci_ring_free, queue_trb,
  giveback_first_trb, read_trb, write_trb, trb_addr, room_on_ring, xhci_alloc_virt_device, xhci_free_virt_device, in_ctx_write,
} from './xhci-mem.ts';
import { xhci_hub_control, xhci_hub_status_data } from './xhci-hub.ts';

const XHCI_CMD_DEFAULT_TIMEOUT_NS = 5_000_000_000;
const XHCI_SPURIOUS_SUCCESS = 1n << 4n;

const w64 = (v: number, addr: number): void => { iowrite32(v % 0x1_0000_0000, addr); iowrite32(Math.floor(v / 0x1_0000_0000), addr + 4); };

/** xhci_get_endpoint_index + 1: the device context index of an endpoint. */
export const xhci_dci = (ep: usb_host_endpoint): number => X.xhci_get_endpoint_index_dci(ep.desc.bEndpointAddress & 0x8f);

const xhci_speed = (s: number): number => ({ [USB_SPEED_LOW]: X.XDEV_LS, [USB_SPEED_FULL]: X.XDEV_FS, [USB_SPEED_HIGH]: X.XDEV_HS, [USB_SPEED_SUPER]: X.XDEV_SS })[s] ?? X.XDEV_FS;
/** The controller's port number of a device's root port (USB 3.0 root ports come after the USB 2.0 ones). */
const hw_port = (xhci: xhci_hcd, udev: usb_device): number => (udev.speed >= USB_SPEED_SUPER ? xhci.usb3_ports : xhci.usb2_ports)[udev.rh_port - 1] ?? 0;

// ---- commands ------------------------------------------------------------------------------

/** queue_command: a TRB on the command ring and doorbell 0; `on_done` runs from the interrupt when it completes. */
function xhci_queue_command(xhci: xhci_hcd, param: bigint, status: number, control: number, on_done: ((c: xhci_command) => void) | null = null): xhci_command {
  const trb = queue_trb(xhci.cmd_ring, param, status, control);
  const cmd: xhci_command = { trb, done: false, status: 0, slot_id: 0, on_done };
  xhci.commands.push(cmd);
  iowrite32(0, xhci.db);
  return cmd;
}

/** Issues a command and sleeps until its completion event (or "Command timeout"). */
function* xhci_command_sync(xhci: xhci_hcd, param: bigint, status: number, control: number): KGen<xhci_command> {
  const cmd = xhci_queue_command(xhci, param, status, control);
  const left = yield* wait_event_timeout(xhci.cmd_wait, () => cmd.done, XHCI_CMD_DEFAULT_TIMEOUT_NS);
  if (!left && !cmd.done) {
    dev_err(xhci.dev, 'Command timeout');
    xhci.commands.splice(xhci.commands.indexOf(cmd), 1);
    cmd.status = -ETIME;
  }
  return cmd;
}

// ---- slots and contexts ----------------------------------------------------------------------

/** xhci_alloc_dev: Enable Slot, then the slot's contexts. Returns 1 on success, as hc_driver.alloc_dev does. */
function* xhci_alloc_dev(hcd: usb_hcd, udev: usb_device): KGen<number> {
  const xhci = hcd_to_xhci(hcd);
  const cmd = yield* xhci_command_sync(xhci, 0n, 0, X.TRB_TYPE(X.TRB_ENABLE_SLOT));
  if (cmd.status !== X.COMP_SUCCESS) {
    dev_err(xhci.dev, cmd.status === X.COMP_NO_SLOTS_AVAILABLE ? 'Error while assigning device slot ID: Not enough device slots' : `Error while assigning device slot ID: ${cmd.status}`);
    return 0;
  }
  if (!xhci_alloc_virt_device(xhci, cmd.slot_id, udev)) { dev_warn(xhci.dev, 'Could not allocate xHCI USB device data structures'); return 0; }
  udev.slot_id = cmd.slot_id;
  return 1;
}

function* xhci_free_dev(hcd: usb_hcd, udev: usb_device): KGen<void> {
  const xhci = hcd_to_xhci(hcd);
  if (!udev.slot_id || !xhci.devs[udev.slot_id]) return;
  yield* xhci_command_sync(xhci, 0n, 0, X.TRB_TYPE(X.TRB_DISABLE_SLOT) | X.SLOT_ID_FOR_TRB(udev.slot_id));
  xhci_free_virt_device(xhci, udev.slot_id);
  udev.slot_id = 0;
}

const ep0_dwords = (ring: { buf: { dma_handle: number }; idx: number; cycle_state: number }, maxp: number): number[] => {
  const deq = ring.buf.dma_handle + 16 * ring.idx;
  return [0, (3 << 1) | (X.CTRL_EP << 3) | (maxp << 16), (deq % 0x1_0000_0000) | ring.cycle_state, Math.floor(deq / 0x1_0000_0000), 8];
};

/** xhci_setup_device: Address Device with the slot and ep0 contexts; with BSR (enable_device) the device stays at address 0. */
function* xhci_setup_device(hcd: usb_hcd, udev: usb_device, bsr: boolean): KGen<number> {
  const xhci = hcd_to_xhci(hcd), vdev = xhci.devs[udev.slot_id];
  if (!vdev) return -EINVAL;
  const ep0 = vdev.eps[1]!;
  ep0.ring ??= xhci_ring_alloc(xhci.dev);
  if (!ep0.ring) return -ENOMEM;
  in_ctx_write(vdev, 0, [0, 3]);
  in_ctx_write(vdev, 1, [X.LAST_CTX(1) | (xhci_speed(udev.speed) << X.DEV_SPEED_SHIFT) | udev.route, X.ROOT_HUB_PORT(hw_port(xhci, udev))]);
  in_ctx_write(vdev, 2, ep0_dwords(ep0.ring, udev.ep0.desc.wMaxPacketSize));
  const cmd = yield* xhci_command_sync(xhci, BigInt(vdev.in_ctx.dma_handle), 0, X.TRB_TYPE(X.TRB_ADDR_DEV) | X.SLOT_ID_FOR_TRB(udev.slot_id) | (bsr ? X.TRB_BSR : 0));
  if (cmd.status === X.COMP_SUCCESS) return 0;
  if (cmd.status === X.COMP_USB_TRANSACTION_ERROR) { dev_warn(udev.dev, 'Device not responding to setup address.'); return -EPROTO; }
  dev_err(xhci.dev, `ERROR: unexpected setup ${bsr ? 'context' : 'address'} command completion code 0x${cmd.status.toString(16)}.`);
  return cmd.status < 0 ? cmd.status : -EINVAL;
}

/** xhci_update_device (Evaluate Context): ep0's max packet size after the 8-byte descriptor read. */
function* xhci_evaluate_ep0(hcd: usb_hcd, udev: usb_device): KGen<number> {
  const xhci = hcd_to_xhci(hcd), vdev = xhci.devs[udev.slot_id];
  if (!vdev?.eps[1]!.ring) return -EINVAL;
  in_ctx_write(vdev, 0, [0, 2]);
  in_ctx_write(vdev, 2, ep0_dwords(vdev.eps[1]!.ring, udev.ep0.desc.wMaxPacketSize));
  const cmd = yield* xhci_command_sync(xhci, BigInt(vdev.in_ctx.dma_handle), 0, X.TRB_TYPE(X.TRB_EVAL_CONTEXT) | X.SLOT_ID_FOR_TRB(udev.slot_id));
  return cmd.status === X.COMP_SUCCESS ? 0 : -EINVAL;
}

const ep_type = (e: usb_host_endpoint): number => {
  const t = e.desc.bmAttributes & USB_ENDPOINT_XFERTYPE_MASK, inb = (e.desc.bEndpointAddress & USB_ENDPOINT_DIR_MASK) !== 0;
  if (t === USB_ENDPOINT_XFER_BULK) return inb ? X.BULK_IN_EP : X.BULK_OUT_EP;
  if (t === USB_ENDPOINT_XFER_INT) return inb ? X.INT_IN_EP : X.INT_OUT_EP;
  if (t === USB_ENDPOINT_XFER_ISOC) return inb ? X.ISOC_IN_EP : X.ISOC_OUT_EP;
  return X.CTRL_EP;
};

/** xhci_get_endpoint_interval: high-speed and SuperSpeed intervals are exponents already; full/low-speed frames become microframes. */
function ep_interval(udev: usb_device, e: usb_host_endpoint): number {
  const t = e.desc.bmAttributes & USB_ENDPOINT_XFERTYPE_MASK;
  if (t !== USB_ENDPOINT_XFER_INT && t !== USB_ENDPOINT_XFER_ISOC) return 0;
  if (udev.speed >= USB_SPEED_HIGH) return Math.max(0, Math.min(15, e.desc.bInterval - 1));
  return Math.max(3, Math.min(10, 31 - Math.clz32(e.desc.bInterval * 8)));
}

/** xhci_check_bandwidth: drop the endpoints of the old configuration and add those of `config` (alt 0) in one Configure Endpoint. */
function* xhci_check_bandwidth(hcd: usb_hcd, udev: usb_device, config: usb_host_config | null): KGen<number> {
  const xhci = hcd_to_xhci(hcd), vdev = xhci.devs[udev.slot_id];
  if (!vdev) return -ENODEV;
  let drop = 0, add = 1, last = 1;
  for (let dci = 2; dci < 32; dci++) if (vdev.eps[dci]!.ring) drop |= 1 << dci;
  const eps = config ? config.intf_cache.flatMap((alts) => (alts?.[0]?.endpoint ?? [])) : [];
  const rings = new Map<number, NonNullable<ReturnType<typeof xhci_ring_alloc>>>();
  for (const e of eps) {
    const dci = xhci_dci(e), ring = xhci_ring_alloc(xhci.dev);
    if (!ring) return -ENOMEM;
    rings.set(dci, ring);
    add |= 1 << dci;
    last = Math.max(last, dci);
    const maxp = e.desc.wMaxPacketSize & 0x7ff, deq = ring.buf.dma_handle;
    in_ctx_write(vdev, dci + 1, [ep_interval(udev, e) << 16, (3 << 1) | (ep_type(e) << 3) | (maxp << 16), (deq % 0x1_0000_0000) | 1, Math.floor(deq / 0x1_0000_0000), maxp]);
  }
  in_ctx_write(vdev, 0, [drop, add]);
  in_ctx_write(vdev, 1, [X.LAST_CTX(last) | (xhci_speed(udev.speed) << X.DEV_SPEED_SHIFT) | udev.route, X.ROOT_HUB_PORT(hw_port(xhci, udev))]);
  const cmd = yield* xhci_command_sync(xhci, BigInt(vdev.in_ctx.dma_handle), 0, X.TRB_TYPE(X.TRB_CONFIG_EP) | X.SLOT_ID_FOR_TRB(udev.slot_id));
  if (cmd.status !== X.COMP_SUCCESS) {
    for (const r of rings.values()) xhci_ring_free(xhci.dev, r);
    dev_err(xhci.dev, `Not enough bandwidth (completion code ${cmd.status})`);
    return -ENOMEM;
  }
  for (let dci = 2; dci < 32; dci++) {
    const ep = vdev.eps[dci]!;
    if (drop & (1 << dci)) { xhci_ring_free(xhci.dev, ep.ring); ep.ring = null; ep.tds = []; }
    const r = rings.get(dci);
    if (r) ep.ring = r;
  }
  return 0;
}

// ---- URBs -------------------------------------------------------------------------------------

const ring_doorbell = (xhci: xhci_hcd, slot: number, dci: number): void => iowrite32(dci, xhci.db + 4 * slot);

/** xhci_urb_enqueue: a control TD (Setup, Data, Status) or a bulk/interrupt TD of Normal TRBs of at most 64 KiB, then the endpoint's doorbell. */
function xhci_urb_enqueue(hcd: usb_hcd, u: urb): number {
  const xhci = hcd_to_xhci(hcd), udev = u.dev!, vdev = xhci.devs[udev.slot_id];
  const dci = xhci_dci(u.ep!), vep = vdev?.eps[dci];
  if (!vdev || !vep?.ring) return -EINVAL;
  const ring = vep.ring, len = u.transfer_buffer_length, inb = usb_pipein(u.pipe);
  const td: xhci_td = { urb: u, trbs: [], cancelled: false, short_len: null };
  if (dci === 1) {
    if (room_on_ring(ring, vep.tds) < 3) return -ENOMEM;
    const s = u.setup_packet!;
    const setup = new DataView(s.buffer, s.byteOffset, 8).getBigUint64(0, true);
    const trt = len ? (s[0]! & 0x80 ? X.TRB_TX_TYPE_IN : X.TRB_TX_TYPE_OUT) : X.TRB_TX_TYPE_NO_DATA;
    td.trbs.push(queue_trb(ring, setup, 8, X.TRB_TYPE(X.TRB_SETUP) | X.TRB_IDT | (trt << 16), true));
    if (len) td.trbs.push(queue_trb(ring, BigInt(u.transfer_dma), len, X.TRB_TYPE(X.TRB_DATA) | (s[0]! & 0x80 ? X.TRB_DIR_IN | X.TRB_ISP : 0)));
    td.trbs.push(queue_trb(ring, 0n, 0, X.TRB_TYPE(X.TRB_STATUS) | X.TRB_IOC | (len > 0 && s[0]! & 0x80 ? 0 : X.TRB_DIR_IN)));
  } else {
    const n = Math.max(1, Math.ceil(len / 0x10000));
    if (room_on_ring(ring, vep.tds) < n) return -ENOMEM;
    for (let i = 0; i < n; i++) {
      const chunk = Math.min(0x10000, len - i * 0x10000), last = i === n - 1;
      td.trbs.push(queue_trb(ring, BigInt(u.transfer_dma + i * 0x10000), Math.max(0, chunk), X.TRB_TYPE(X.TRB_NORMAL) | (last ? X.TRB_IOC : X.TRB_CHAIN) | (inb ? X.TRB_ISP : 0), i === 0));
    }
  }
  giveback_first_trb(ring, td.trbs[0]!);
  vep.tds.push(td);
  u.hcpriv = td;
  ring_doorbell(xhci, udev.slot_id, dci);
  return 0;
}

/** TRB lengths of a TD (for the bytes moved before a short packet). */
const trb_len = (xhci: xhci_hcd, ring: NonNullable<xhci_virt_device['eps'][number]['ring']>, addr: number): number => { void xhci; return read_trb(ring, (addr - ring.buf.dma_handle) / 16).status & 0x1ffff; };

/** xhci_td_cleanup: the TD leaves its endpoint and its URB is given back. */
function xhci_giveback(xhci: xhci_hcd, vdev: xhci_virt_device, dci: number, td: xhci_td, status: number): void {
  const ep = vdev.eps[dci]!;
  ep.tds.splice(ep.tds.indexOf(td), 1);
  const hcd = vdev.udev.speed >= USB_SPEED_SUPER ? xhci.shared_hcd! : xhci.main_hcd!;
  usb_hcd_giveback_urb(hcd, td.urb, status);
}

/** xhci_urb_dequeue: the TD is marked cancelled and the endpoint stopped; the URB is given back when Stop Endpoint completes. */
function xhci_urb_dequeue(hcd: usb_hcd, u: urb, _status: number): number {
  const xhci = hcd_to_xhci(hcd), td = u.hcpriv as xhci_td | null, udev = u.dev!;
  const vdev = xhci.devs[udev.slot_id];
  if (!td || !vdev) return -EIDRM;
  td.cancelled = true;
  const dci = xhci_dci(u.ep!), ep = vdev.eps[dci]!;
  if (!ep.stop_pending) {
    ep.stop_pending = true;
    xhci_queue_command(xhci, 0n, 0, X.TRB_TYPE(X.TRB_STOP_RING) | X.SLOT_ID_FOR_TRB(udev.slot_id) | X.EP_ID_FOR_TRB(dci), () => xhci_handle_cmd_stop_ep(xhci, udev.slot_id, dci));
  }
  return 0;
}

/** xhci_handle_cmd_stop_ep: cancelled TDs become No-Op TRBs (the controller skips them when restarted) and their URBs are given back. */
function xhci_handle_cmd_stop_ep(xhci: xhci_hcd, slot: number, dci: number): void {
  const vdev = xhci.devs[slot];
  if (!vdev) return;
  const ep = vdev.eps[dci]!;
  ep.stop_pending = false;
  for (const td of ep.tds.filter((t) => t.cancelled)) {
    for (const a of td.trbs) {
      const idx = (a - ep.ring!.buf.dma_handle) / 16, t = read_trb(ep.ring!, idx);
      write_trb(ep.ring!, idx, 0n, 0, (t.control & (X.TRB_CYCLE | X.TRB_CHAIN)) | X.TRB_TYPE(X.TRB_TR_NOOP));
    }
    xhci_giveback(xhci, vdev, dci, td, td.urb.unlinked);
  }
  if (ep.tds.length) ring_doorbell(xhci, slot, dci);
}

/** A stalled endpoint: Reset Endpoint, then the dequeue pointer past the failed TD (xhci_handle_halted_endpoint + Set TR Dequeue). */
function xhci_handle_halted_endpoint(xhci: xhci_hcd, slot: number, dci: number, td: xhci_td): void {
  const ring = xhci.devs[slot]!.eps[dci]!.ring!;
  const last = td.trbs[td.trbs.length - 1]!, lastIdx = (last - ring.buf.dma_handle) / 16;
  let nextIdx = lastIdx + 1, cycle = read_trb(ring, lastIdx).control & X.TRB_CYCLE;
  if (nextIdx === TRBS_PER_SEGMENT - 1) { nextIdx = 0; cycle ^= 1; }
  xhci_queue_command(xhci, 0n, 0, X.TRB_TYPE(X.TRB_RESET_EP) | X.SLOT_ID_FOR_TRB(slot) | X.EP_ID_FOR_TRB(dci), () => {
    xhci_queue_command(xhci, BigInt(trb_addr(ring, nextIdx) | cycle), 0, X.TRB_TYPE(X.TRB_SET_DEQ) | X.SLOT_ID_FOR_TRB(slot) | X.EP_ID_FOR_TRB(dci), () => {
      if (xhci.devs[slot]?.eps[dci]!.tds.length) ring_doorbell(xhci, slot, dci);
    });
  });
}

/** handle_tx_event: the TD the event points into completes, short, stalled or failed. */
function handle_tx_event(xhci: xhci_hcd, param: number, status: number, control: number): void {
  const slot = X.TRB_TO_SLOT_ID(control), dci = X.TRB_TO_EP_ID(control), vdev = xhci.devs[slot];
  const ep = vdev?.eps[dci];
  if (!vdev || !ep?.ring) return;
  const td = ep.tds.find((t) => t.trbs.includes(param));
  const cc = X.GET_COMP_CODE(status), residual = X.EVENT_TRB_LEN(status);
  if (!td || cc === X.COMP_STOPPED || td.cancelled) return;
  const u = td.urb, lastTrb = td.trbs[td.trbs.length - 1]!;
  if (cc === X.COMP_STALL_ERROR) { u.actual_length = 0; xhci_giveback(xhci, vdev, dci, td, -EPIPE); xhci_handle_halted_endpoint(xhci, slot, dci, td); return; }
  if (cc !== X.COMP_SUCCESS && cc !== X.COMP_SHORT_PACKET) { xhci_giveback(xhci, vdev, dci, td, -EPROTO); return; }
  if (dci === 1) {
    if (cc === X.COMP_SHORT_PACKET || param !== lastTrb) { td.short_len = u.transfer_buffer_length - residual; return; }
    u.actual_length = td.short_len ?? u.transfer_buffer_length;
    xhci_giveback(xhci, vdev, dci, td, 0);
    return;
  }
  const i = td.trbs.indexOf(param);
  u.actual_length = cc === X.COMP_SHORT_PACKET ? td.trbs.slice(0, i).reduce((a, t) => a + trb_len(xhci, ep.ring!, t), 0) + trb_len(xhci, ep.ring!, param) - residual : u.transfer_buffer_length;
  xhci_giveback(xhci, vdev, dci, td, 0);
}

// ---- interrupts ---------------------------------------------------------------------------------

/** xhci_handle_event: one event TRB. */
function xhci_handle_event(xhci: xhci_hcd, param: bigint, status: number, control: number): void {
  const type = X.TRB_FIELD_TO_TYPE(control);
  if (type === X.TRB_COMPLETION) {
    const i = xhci.commands.findIndex((c) => c.trb === Number(param));
    if (i < 0) return;
    const cmd = xhci.commands.splice(i, 1)[0]!;
    cmd.status = X.GET_COMP_CODE(status);
    cmd.slot_id = X.TRB_TO_SLOT_ID(control);
    cmd.done = true;
    cmd.on_done?.(cmd);
    __wake_up(xhci.cmd_wait, TASK_NORMAL, 0);
  } else if (type === X.TRB_PORT_STATUS) {
    const port = Number(param >> 24n);
    const hcd = xhci.usb3_ports.includes(port) ? xhci.shared_hcd : xhci.main_hcd;
    if (hcd) usb_hcd_poll_rh_status(hcd);
  } else if (type === X.TRB_TRANSFER) handle_tx_event(xhci, Number(param), status, control);
}

/** xhci_irq: acknowledge, drain the event ring while its cycle bits are ours, then move ERDP (clearing EHB). */
function xhci_irq(_irq: number, dev_id: unknown): number {
  const xhci = dev_id as xhci_hcd;
  const sts = ioread32(xhci.op + X.OP_USBSTS);
  if (sts === 0xffffffff) return IRQ_NONE;
  if (!(sts & X.STS_EINT)) return IRQ_NONE;
  iowrite32(X.STS_EINT, xhci.op + X.OP_USBSTS);
  const ir = xhci.run + X.RT_IR0;
  iowrite32(ioread32(ir + X.IR_IMAN) | X.IMAN_IP, ir + X.IR_IMAN);
  const er = xhci.event_ring;
  for (let n = 0; n < TRBS_PER_SEGMENT; n++) {
    const t = read_trb(er, er.idx);
    if ((t.control & X.TRB_CYCLE) !== er.cycle_state) break;
    if (++er.idx === TRBS_PER_SEGMENT) { er.idx = 0; er.cycle_state ^= 1; }
    xhci_handle_event(xhci, t.param, t.status, t.control);
  }
  w64(trb_addr(er, er.idx) | X.ERDP_EHB, ir + X.IR_ERDP);
  return IRQ_HANDLED;
}

/** xhci_setup_msix: min(CPUs + 1, MaxIntrs) MSI-X vectors, each with the handler (only interrupter 0 is used); MSI or INTx without MSI-X. */
function xhci_setup_msix(xhci: xhci_hcd, ncpus: number): number {
  const want = Math.min(ncpus + 1, (xhci.hcs_params1 >> 8) & 0x7ff);
  let n = pci_alloc_irq_vectors(xhci.pdev, want, want, PCI_IRQ_MSIX);
  if (n < 0) n = pci_alloc_irq_vectors(xhci.pdev, 1, 1, PCI_IRQ_MSI | PCI_IRQ_LEGACY);
  if (n < 0) return n;
  xhci.msix_count = n;
  for (let i = 0; i < n; i++) {
    const r = request_irq(pci_irq_vector(xhci.pdev, i), xhci_irq, 0, 'xhci_hcd', xhci);
    if (r) return r;
  }
  return 0;
}

// ---- setup and run ------------------------------------------------------------------------------

/** xhci_halt + xhci_reset: stop, HCRST, wait for Controller Not Ready to clear. */
function* xhci_reset(xhci: xhci_hcd): KGen<number> {
  iowrite32(ioread32(xhci.op + X.OP_USBCMD) & ~X.CMD_RUN, xhci.op + X.OP_USBCMD);
  iowrite32(X.CMD_RESET, xhci.op + X.OP_USBCMD);
  for (let i = 0; i < 100; i++) {
    if (!(ioread32(xhci.op + X.OP_USBCMD) & X.CMD_RESET) && !(ioread32(xhci.op + X.OP_USBSTS) & X.STS_CNR)) return 0;
    yield* schedule_timeout_uninterruptible(1_000_000);
  }
  dev_err(xhci.dev, 'Host took too long to start, waited 16000 microseconds.');
  return -ETIME;
}

/** xhci_mem_init: DCBAA, command ring (CRCR), event ring and its one-entry ERST for interrupter 0. */
function xhci_mem_init(xhci: xhci_hcd): number {
  const dcbaa = dma_alloc_coherent(xhci.dev, 8 * (xhci.max_slots + 1));
  const cmd = xhci_ring_alloc(xhci.dev), ev = dma_alloc_coherent(xhci.dev, 16 * TRBS_PER_SEGMENT), erst = dma_alloc_coherent(xhci.dev, 64);
  if (!dcbaa || !cmd || !ev || !erst) return -ENOMEM;
  dcbaa.fill(0); ev.fill(0); erst.fill(0);
  Object.assign(xhci, { dcbaa, cmd_ring: cmd, event_ring: { buf: ev, idx: 0, cycle_state: 1 }, erst });
  iowrite32(xhci.max_slots, xhci.op + X.OP_CONFIG);
  w64(dcbaa.dma_handle, xhci.op + X.OP_DCBAAP);
  w64(cmd.buf.dma_handle | cmd.cycle_state, xhci.op + X.OP_CRCR);
  const e = new Uint8Array(16), v = new DataView(e.buffer);
  v.setBigUint64(0, BigInt(ev.dma_handle), true);
  v.setUint32(8, TRBS_PER_SEGMENT, true);
  erst.write(0, e);
  const ir = xhci.run + X.RT_IR0;
  iowrite32(1, ir + X.IR_ERSTSZ);
  w64(ev.dma_handle, ir + X.IR_ERDP);
  w64(erst.dma_handle, ir + X.IR_ERSTBA);
  return 0;
}

/** xhci_gen_setup (the hcd's reset): the capability registers, the "hcc params" line, reset and memory; the shared (USB 3.0) hcd only announces itself. */
function* xhci_gen_setup(hcd: usb_hcd): KGen<number> {
  const xhci = hcd_to_xhci(hcd);
  if (hcd.primary_hcd) { dev_info(xhci.dev, 'Host supports USB 3.0 SuperSpeed'); return 0; }
  xhci.op = xhci.cap + (ioread32(xhci.cap) & 0xff);
  xhci.hci_version = ioread32(xhci.cap) >>> 16;
  xhci.hcs_params1 = ioread32(xhci.cap + X.CAP_HCSPARAMS1);
  xhci.hcc_params = ioread32(xhci.cap + X.CAP_HCCPARAMS1);
  xhci.run = xhci.cap + (ioread32(xhci.cap + X.CAP_RTSOFF) & ~0x1f);
  xhci.db = xhci.cap + (ioread32(xhci.cap + X.CAP_DBOFF) & ~0x3);
  xhci.max_slots = xhci.hcs_params1 & 0xff;
  xhci.max_ports = xhci.hcs_params1 >>> 24;
  xhci_create_rhub_port_array(xhci);
  if (xhci.hci_version > 0x96) xhci.quirks |= XHCI_SPURIOUS_SUCCESS;
  dev_info(xhci.dev, `hcc params 0x${xhci.hcc_params.toString(16).padStart(8, '0')} hci version 0x${xhci.hci_version.toString(16)} quirks 0x${xhci.quirks.toString(16).padStart(16, '0')}`);
  const r = yield* xhci_reset(xhci);
  if (r) return r;
  return xhci_mem_init(xhci);
}

/** xhci_create_rhub_port_array: the Supported Protocol capabilities say which ports are USB 2.0 and which USB 3.0. */
function xhci_create_rhub_port_array(xhci: xhci_hcd): void {
  xhci.usb2_ports = []; xhci.usb3_ports = [];
  let off = ((xhci.hcc_params >>> 16) & 0xffff) << 2;
  for (let n = 0; off && n < 16; n++) {
    const d0 = ioread32(xhci.cap + off);
    if ((d0 & 0xff) === 2) {
      const d2 = ioread32(xhci.cap + off + 8), first = d2 & 0xff, count = (d2 >> 8) & 0xff;
      const list = d0 >>> 24 === 3 ? xhci.usb3_ports : xhci.usb2_ports;
      for (let p = first; p < first + count; p++) list.push(p);
    }
    const next = (d0 >> 8) & 0xff;
    off = next ? off + 4 * next : 0;
  }
}

/** xhci_run: interrupts, interrupter 0 enabled, Run/Stop set (primary hcd only). */
function* xhci_run(hcd: usb_hcd): KGen<number> {
  const xhci = hcd_to_xhci(hcd);
  if (hcd.primary_hcd) return 0;
  const r = xhci_setup_msix(xhci, 2);
  if (r) { dev_err(xhci.dev, `request interrupt failed: ${r}`); return r; }
  const ir = xhci.run + X.RT_IR0;
  iowrite32(160, ir + X.IR_IMOD);
  iowrite32(ioread32(ir + X.IR_IMAN) | X.IMAN_IE, ir + X.IR_IMAN);
  iowrite32(X.CMD_EIE | X.CMD_RUN, xhci.op + X.OP_USBCMD);
  return 0;
}

function* xhci_stop(hcd: usb_hcd): KGen<void> {
  const xhci = hcd_to_xhci(hcd);
  if (hcd.primary_hcd) return;
  iowrite32(0, xhci.op + X.OP_USBCMD);
}

export const xhci_hc_driver: hc_driver = {
  description: 'xhci-hcd', product_desc: 'xHCI Host Controller', flags: HCD_MEMORY | HCD_DMA | HCD_USB3 | HCD_SHARED | HCD_BH,
  reset: xhci_gen_setup, start: xhci_run, stop: xhci_stop,
  urb_enqueue: xhci_urb_enqueue, urb_dequeue: xhci_urb_dequeue,
  hub_status_data: xhci_hub_status_data, hub_control: xhci_hub_control,
  alloc_dev: xhci_alloc_dev, free_dev: xhci_free_dev,
  enable_device: (hcd, udev) => xhci_setup_device(hcd, udev, true),
  address_device: (hcd, udev) => xhci_setup_device(hcd, udev, false),
  update_device: xhci_evaluate_ep0,
  check_bandwidth: xhci_check_bandwidth,
};

/** A fresh xhci_hcd for a PCI function (xhci_pci_probe fills in the register base). */
export function xhci_alloc(pdev: xhci_hcd['pdev'], dev: xhci_hcd['dev'], cap: number): xhci_hcd {
  return {
    pdev, dev, cap, op: 0, run: 0, db: 0, hcs_params1: 0, hcc_params: 0, hci_version: 0, quirks: 0n, max_slots: 0, max_ports: 0,
    usb2_ports: [], usb3_ports: [], commands: [], cmd_wait: new wait_queue_head('xhci_cmd'), devs: [], main_hcd: null, shared_hcd: null, msix_count: 0,
  } as unknown as xhci_hcd;
}
