// Models QEMU hw/usb/hcd-xhci.c and hcd-xhci-pci.c (qemu-xhci, 1b36:000d): an xHCI controller — capability, operational, port, runtime and doorbell registers, the command ring, event ring 0 with MSI-X/MSI/INTx, transfer rings, slot and endpoint contexts in guest memory, and USB devices plugged into its ports at run time.
import type { QEMUTimer } from '../core/clock.ts';
import { hex } from '../core/guest-error.ts';
import { MemoryRegion } from '../core/memory.ts';
import type { HwContext } from '../core/qdev.ts';
import { type VMStateDescription, vmstate_info_json, vmstate_info_scalar, vmstate_info_timer } from '../core/vmstate.ts';
import { msi_enabled, msi_init, msi_notify } from '../pci/msi.ts';
import { msix_enabled, msix_init, msix_notify } from '../pci/msix.ts';
import { PCIDevice, type PCIDeviceClass, memory_region_container, pci_dma_read, pci_dma_write, pci_set_irq } from '../pci/pci.ts';
import * as R from '../pci/pci_regs.ts';
import type { TypeInfo } from '../core/qom.ts';
import type { USBDevice, USBPacketResult, USBSetup } from './dev.ts';
import { USB_REQ_SET_ADDRESS } from './dev.ts';
import * as X from './xhci-regs.ts';

export const XHCI_PCI_CLASS: PCIDeviceClass = {
  vendor_id: 0x1b36, device_id: 0x000d, revision: 0x01, class_id: 0x0c03, prog_if: 0x30,
  subsystem_vendor_id: 0x1af4, subsystem_id: 0x1100, interrupt_pin: 1,
};

const XHCI_MSIX_VECTORS = 16;
/** Virtual time the controller takes for a command and for one transfer descriptor. */
const CMD_DELAY_NS = 2_000, XFER_DELAY_NS = 20_000, PORT_RESET_NS = 50_000;

interface EPState { ring: number; ccs: number; state: number; type: number; maxp: number; pending: boolean }
interface SlotState { enabled: boolean; port: number; ctx: number; eps: (EPState | null)[] }
export interface XHCIPort { portsc: number; usb3: boolean; dev: USBDevice | null }
interface TRB { addr: number; param: bigint; status: number; control: number }

const speed_id = (d: USBDevice): number => ({ low: X.XDEV_LS, full: X.XDEV_FS, high: X.XDEV_HS, super: X.XDEV_SS })[d.speed];

export class XHCIState extends PCIDevice {
  readonly type_info = { name: 'qemu-xhci', desc: 'QEMU XHCI Host Controller' };
  readonly pci_class = XHCI_PCI_CLASS;
  usbcmd = 0; usbsts = X.STS_HALT; dnctrl = 0; config_reg = 0; dcbaap = 0;
  crcr_ring = 0; crcr_ccs = 0; cmd_running = false;
  iman = 0; imod = 0; erstsz = 0; erstba = 0; erdp = 0;
  /** The event ring segment the controller writes (from ERST entry 0), its enqueue index and producer cycle state. */
  er_start = 0; er_size = 0; er_ep_idx = 0; er_pcs = 1;
  ports: XHCIPort[] = [];
  slots: SlotState[] = [];
  /** Doorbells rung and not yet served: 0 for the command ring, else (slot << 8 | dci). */
  kicks: number[] = [];
  private work_timer!: QEMUTimer;
  private reset_timer!: QEMUTimer;
  private resetting: number[] = [];

  constructor(ctx: HwContext, id: string) { super(ctx, id); }

  protected pci_realize(): void {
    this.work_timer = this.ctx.clock.timer_new_ns(() => this.xhci_run_work());
    this.reset_timer = this.ctx.clock.timer_new_ns(() => this.xhci_port_reset_done());
    const regs = new MemoryRegion(this, 'xhci', 0x3000, {
      read: (off) => this.xhci_read(off),
      write: (off, v) => this.xhci_write(off, Number(BigInt.asUintN(32, typeof v === 'bigint' ? v : BigInt(v >>> 0)))),
      valid: { min_access_size: 4, max_access_size: 4, check: (off) => (off & 3 ? 'xHCI registers take aligned 4-byte accesses' : null) },
    });
    msi_init(this, 0x70, 1, true, false);
    const { table, pba } = msix_init(this, XHCI_MSIX_VECTORS, 0, 0x3000, 0, 0x3800, 0x90);
    this.pci_register_bar(0, R.PCI_BASE_ADDRESS_SPACE_MEMORY | R.PCI_BASE_ADDRESS_MEM_TYPE_64, memory_region_container(this, 'xhci-bar0', X.XHCI_LEN_REGS, [
      { offset: 0, mr: regs }, { offset: 0x3000, mr: table }, { offset: 0x3800, mr: pba },
    ]));
    this.ports = Array.from({ length: X.XHCI_NUMPORTS_2 + X.XHCI_NUMPORTS_3 }, (_, i) => ({ portsc: 0, usb3: i >= X.XHCI_NUMPORTS_2, dev: null }));
  }

  /** xhci_reset: halted, rings forgotten, slots disabled; plugged devices stay plugged (PORTSC shows them again). */
  protected device_reset(): void {
    this.usbcmd = 0; this.usbsts = X.STS_HALT; this.dnctrl = 0; this.config_reg = 0; this.dcbaap = 0;
    this.crcr_ring = 0; this.crcr_ccs = 0; this.cmd_running = false;
    this.iman = 0; this.imod = 0; this.erstsz = 0; this.erstba = 0; this.erdp = 0;
    this.er_start = 0; this.er_size = 0; this.er_ep_idx = 0; this.er_pcs = 1;
    this.slots = Array.from({ length: X.XHCI_MAXSLOTS + 1 }, () => ({ enabled: false, port: 0, ctx: 0, eps: [] }));
    this.kicks = [];
    this.resetting = [];
    if (this.work_timer) this.ctx.clock.timer_del(this.work_timer);
    if (this.reset_timer) this.ctx.clock.timer_del(this.reset_timer);
    for (const p of this.ports) this.xhci_port_update(p, false);
  }

  // ---- registers -------------------------------------------------------------

  private xhci_read(off: number): number {
    if (off < X.XHCI_OPER) return this.cap_read(off);
    if (off < X.XHCI_PORTS) return this.oper_read(off - X.XHCI_OPER);
    if (off < X.XHCI_PORTS + 0x10 * this.ports.length) {
      const p = this.ports[(off - X.XHCI_PORTS) >> 4]!;
      return (off & 0xf) === X.PORT_SC ? p.portsc >>> 0 : 0;
    }
    if (off >= X.XHCI_RUNTIME && off < X.XHCI_DOORBELL) return this.runtime_read(off - X.XHCI_RUNTIME);
    return 0;
  }

  private xhci_write(off: number, v: number): void {
    if (off < X.XHCI_OPER) return this.guest_error('access', `${this.id}: write to capability register ${hex(off, 2)} ignored: it is read-only`);
    if (off < X.XHCI_PORTS) return this.oper_write(off - X.XHCI_OPER, v);
    if (off < X.XHCI_PORTS + 0x10 * this.ports.length) {
      if ((off & 0xf) === X.PORT_SC) this.xhci_port_write(this.ports[(off - X.XHCI_PORTS) >> 4]!, (off - X.XHCI_PORTS) >> 4, v);
      return;
    }
    if (off >= X.XHCI_RUNTIME && off < X.XHCI_DOORBELL) return this.runtime_write(off - X.XHCI_RUNTIME, v);
    if (off >= X.XHCI_DOORBELL && off < X.XHCI_DOORBELL + 4 * (X.XHCI_MAXSLOTS + 1)) return this.xhci_doorbell_write((off - X.XHCI_DOORBELL) >> 2, v);
  }

  /** The capability registers, and the two Supported Protocol capabilities (USB 2.0 ports 1-4, USB 3.0 ports 5-8). */
  private cap_read(off: number): number {
    const n2 = X.XHCI_NUMPORTS_2, n3 = X.XHCI_NUMPORTS_3;
    const regs: Record<number, number> = {
      [X.CAP_CAPLENGTH]: (X.XHCI_HCIVERSION << 16) | X.XHCI_CAPLENGTH,
      [X.CAP_HCSPARAMS1]: ((n2 + n3) << 24) | (X.XHCI_MAXINTRS << 8) | X.XHCI_MAXSLOTS,
      [X.CAP_HCSPARAMS2]: 0x0000000f,
      [X.CAP_HCSPARAMS3]: 0,
      [X.CAP_HCCPARAMS1]: ((X.XHCI_EXTCAP_START >> 2) << 16) | (0x7 << 12) | 1,
      [X.CAP_DBOFF]: X.XHCI_DOORBELL, [X.CAP_RTSOFF]: X.XHCI_RUNTIME, [X.CAP_HCCPARAMS2]: 0,
      0x20: 0x02000402, 0x24: 0x20425355, 0x28: (n2 << 8) | 1, 0x2c: 0,
      0x30: 0x03000002, 0x34: 0x20425355, 0x38: (n3 << 8) | (n2 + 1), 0x3c: 0,
    };
    return (regs[off] ?? 0) >>> 0;
  }

  private oper_read(off: number): number {
    switch (off) {
      case X.OP_USBCMD: return this.usbcmd;
      case X.OP_USBSTS: return this.usbsts;
      case X.OP_PAGESIZE: return 1;
      case X.OP_DNCTRL: return this.dnctrl;
      case X.OP_CRCR: return this.cmd_running ? X.CMD_RING_RUNNING : 0;
      case X.OP_CRCR + 4: return 0;
      case X.OP_DCBAAP: return this.dcbaap >>> 0;
      case X.OP_DCBAAP + 4: return Math.floor(this.dcbaap / 0x1_0000_0000);
      case X.OP_CONFIG: return this.config_reg;
      default: return 0;
    }
  }

  private oper_write(off: number, v: number): void {
    switch (off) {
      case X.OP_USBCMD:
        if (v & X.CMD_RESET) { this.device_reset(); return; }
        this.usbcmd = v & (X.CMD_RUN | X.CMD_EIE | X.CMD_HSEIE);
        this.usbsts = this.usbcmd & X.CMD_RUN ? this.usbsts & ~X.STS_HALT : this.usbsts | X.STS_HALT;
        this.xhci_intr_update();
        return;
      case X.OP_USBSTS: this.usbsts &= ~(v & (X.STS_FATAL | X.STS_EINT | X.STS_PORT)); this.xhci_intr_update(); return;
      case X.OP_DNCTRL: this.dnctrl = v & 0xffff; return;
      case X.OP_CRCR:
        if (this.cmd_running) return;
        this.crcr_ring = Math.floor(this.crcr_ring / 0x1_0000_0000) * 0x1_0000_0000 + ((v & ~0x3f) >>> 0);
        this.crcr_ccs = v & 1;
        return;
      case X.OP_CRCR + 4: if (!this.cmd_running) this.crcr_ring = v * 0x1_0000_0000 + (this.crcr_ring % 0x1_0000_0000); return;
      case X.OP_DCBAAP: this.dcbaap = Math.floor(this.dcbaap / 0x1_0000_0000) * 0x1_0000_0000 + ((v & ~0x3f) >>> 0); return;
      case X.OP_DCBAAP + 4: this.dcbaap = v * 0x1_0000_0000 + (this.dcbaap % 0x1_0000_0000); return;
      case X.OP_CONFIG: this.config_reg = v & 0xff; return;
      default: this.guest_error('access', `${this.id}: write to operational register ${hex(off, 2)} ignored: no register there`);
    }
  }

  private runtime_read(off: number): number {
    if (off === X.RT_MFINDEX) return Math.floor(this.ctx.clock.now_ns() / 125_000) & 0x3fff;
    switch (off - X.RT_IR0) {
      case X.IR_IMAN: return this.iman;
      case X.IR_IMOD: return this.imod;
      case X.IR_ERSTSZ: return this.erstsz;
      case X.IR_ERSTBA: return this.erstba >>> 0;
      case X.IR_ERSTBA + 4: return Math.floor(this.erstba / 0x1_0000_0000);
      case X.IR_ERDP: return this.erdp >>> 0;
      case X.IR_ERDP + 4: return Math.floor(this.erdp / 0x1_0000_0000);
      default: return 0;
    }
  }

  private runtime_write(off: number, v: number): void {
    const lo = (cur: number): number => Math.floor(cur / 0x1_0000_0000) * 0x1_0000_0000 + (v >>> 0);
    const hi = (cur: number): number => v * 0x1_0000_0000 + (cur % 0x1_0000_0000);
    switch (off - X.RT_IR0) {
      case X.IR_IMAN:
        if (v & X.IMAN_IP) this.iman &= ~X.IMAN_IP;
        this.iman = (this.iman & ~X.IMAN_IE) | (v & X.IMAN_IE);
        this.xhci_intr_update();
        return;
      case X.IR_IMOD: this.imod = v; return;
      case X.IR_ERSTSZ: this.erstsz = v & 0xffff; return;
      case X.IR_ERSTBA: this.erstba = lo(this.erstba) & ~0x3f; return;
      case X.IR_ERSTBA + 4: this.erstba = hi(this.erstba); this.xhci_er_reset(); return;
      case X.IR_ERDP: this.erdp = lo(this.erdp) & ~0xf; return;
      case X.IR_ERDP + 4: this.erdp = hi(this.erdp); return;
      default: return;
    }
  }

  /** xhci_er_reset: the event ring starts at ERST entry 0 (one segment, as Linux sets it up). */
  private xhci_er_reset(): void {
    if (this.erstsz < 1) { this.er_start = 0; this.er_size = 0; return; }
    const e = pci_dma_read(this, this.erstba, 16);
    if (!e) return;
    const dv = new DataView(e.buffer, e.byteOffset, 16);
    this.er_start = dv.getUint32(0, true) + dv.getUint32(4, true) * 0x1_0000_0000;
    this.er_size = dv.getUint32(8, true) & 0xffff;
    this.er_ep_idx = 0;
    this.er_pcs = 1;
  }

  // ---- interrupts and events ------------------------------------------------------

  /** xhci_intr_update: the interrupter's pending bit raises MSI-X vector 0, the MSI, or INTx. */
  private xhci_intr_update(): void {
    const level = (this.iman & X.IMAN_IP) !== 0 && (this.iman & X.IMAN_IE) !== 0 && (this.usbcmd & X.CMD_EIE) !== 0;
    if (msix_enabled(this) || msi_enabled(this)) return;
    pci_set_irq(this, level ? 1 : 0);
  }

  /** xhci_event: one TRB onto event ring 0, then the interrupt. */
  private xhci_event(param: bigint, status: number, control: number): void {
    if (!this.er_size) {
      this.guest_error('access', `${this.id}: event dropped: the event ring is not set up (ERSTSZ/ERSTBA of interrupter 0)`);
      return;
    }
    const b = new Uint8Array(16), dv = new DataView(b.buffer);
    dv.setBigUint64(0, param, true);
    dv.setUint32(8, status >>> 0, true);
    dv.setUint32(12, ((control & ~X.TRB_CYCLE) | this.er_pcs) >>> 0, true);
    pci_dma_write(this, this.er_start + 16 * this.er_ep_idx, b);
    if (++this.er_ep_idx >= this.er_size) { this.er_ep_idx = 0; this.er_pcs ^= 1; }
    this.usbsts |= X.STS_EINT;
    const was = this.iman & X.IMAN_IP;
    this.iman |= X.IMAN_IP;
    if (!(this.iman & X.IMAN_IE) || !(this.usbcmd & X.CMD_EIE)) return;
    if (msix_enabled(this)) { if (!was) msix_notify(this, 0); }
    else if (msi_enabled(this)) { if (!was) msi_notify(this, 0); }
    else this.xhci_intr_update();
  }

  // ---- ports -------------------------------------------------------------------------

  /** xhci_port_update: PORTSC from what is plugged; `notify` posts a Port Status Change Event. */
  private xhci_port_update(p: XHCIPort, notify: boolean): void {
    let sc = X.PORT_POWER | (p.portsc & (X.PORT_CHANGE_MASK | X.PORT_WKCONN_E | X.PORT_WKDISC_E | X.PORT_WKOC_E));
    if (p.dev) {
      sc |= X.PORT_CONNECT | (speed_id(p.dev) << X.PORT_SPEED_SHIFT);
      // A USB 3.0 link trains to U0 and is enabled on connect; a USB 2.0 port waits for the reset.
      sc |= p.usb3 ? X.PORT_PE | (X.XDEV_U0 << X.PORT_PLS_SHIFT) : X.XDEV_POLLING << X.PORT_PLS_SHIFT;
    } else sc |= X.XDEV_RXDETECT << X.PORT_PLS_SHIFT;
    p.portsc = sc >>> 0;
    if (notify) this.xhci_port_notify(p, X.PORT_CSC);
  }

  private xhci_port_notify(p: XHCIPort, bits: number): void {
    p.portsc = (p.portsc | bits) >>> 0;
    if (!(this.usbcmd & X.CMD_RUN)) return;
    this.usbsts |= X.STS_PORT;
    this.xhci_event(BigInt(this.ports.indexOf(p) + 1) << 24n, X.COMP_SUCCESS << 24, X.TRB_TYPE(X.TRB_PORT_STATUS));
  }

  /** xhci_port_write: change bits are write-1-to-clear, PE write-1 disables, PR (or WPR on USB 3.0) starts a reset. */
  private xhci_port_write(p: XHCIPort, idx: number, v: number): void {
    let sc = p.portsc & ~(v & X.PORT_CHANGE_MASK);
    if (v & X.PORT_PE) sc &= ~X.PORT_PE;
    sc = (sc & ~(X.PORT_WKCONN_E | X.PORT_WKDISC_E | X.PORT_WKOC_E)) | (v & (X.PORT_WKCONN_E | X.PORT_WKDISC_E | X.PORT_WKOC_E));
    if (v & X.PORT_LINK_STROBE && p.dev) sc = (sc & ~X.PORT_PLS_MASK) | (v & X.PORT_PLS_MASK);
    p.portsc = sc >>> 0;
    if (v & X.PORT_RESET || (p.usb3 && v & X.PORT_WR)) {
      p.portsc = (p.portsc | X.PORT_RESET) & ~X.PORT_PE;
      if (!this.resetting.includes(idx)) this.resetting.push(idx);
      this.ctx.clock.timer_mod(this.reset_timer, this.ctx.clock.now_ns() + PORT_RESET_NS);
    }
  }

  /** The bus reset finished: the device is at address 0, the port enabled in U0, PRC set. */
  private xhci_port_reset_done(): void {
    for (const idx of this.resetting.splice(0)) {
      const p = this.ports[idx]!;
      p.dev?.reset();
      p.portsc &= ~(X.PORT_RESET | X.PORT_PLS_MASK);
      if (p.dev) p.portsc |= X.PORT_PE | (X.XDEV_U0 << X.PORT_PLS_SHIFT);
      this.xhci_port_notify(p, X.PORT_RC | (p.usb3 ? X.PORT_WRC : 0));
    }
  }

  /** Hotplug: a device into root port `port` (1-based); the port's change bit and event tell the driver. */
  usb_attach(port: number, dev: USBDevice): string | null {
    const p = this.ports[port - 1];
    if (!p) return `${this.id}: no port ${port} (ports 1-${this.ports.length})`;
    if (p.dev) return `${this.id}: port ${port} already has ${p.dev.name}`;
    if ((dev.speed === 'super') !== p.usb3) return `${this.id}: a ${dev.speed}-speed device does not fit USB ${p.usb3 ? '3.0' : '2.0'} port ${port}`;
    p.dev = dev;
    dev.port = { wakeup: (d) => this.xhci_wakeup(d) };
    this.xhci_port_update(p, true);
    return null;
  }

  usb_detach(port: number): USBDevice | null {
    const p = this.ports[port - 1];
    if (!p?.dev) return null;
    const dev = p.dev;
    dev.port = null;
    p.dev = null;
    // QEMU's xhci_detach_slot: transfers in flight are dropped without events; the driver stops the rings.
    this.xhci_port_update(p, true);
    if (p.portsc & X.PORT_PE) p.portsc &= ~X.PORT_PE;
    return dev;
  }

  // ---- rings --------------------------------------------------------------------------

  private read_trb(addr: number): TRB | null {
    const b = pci_dma_read(this, addr, 16);
    if (!b) return null;
    const dv = new DataView(b.buffer, b.byteOffset, 16);
    return { addr, param: dv.getBigUint64(0, true), status: dv.getUint32(8, true), control: dv.getUint32(12, true) };
  }

  /** xhci_ring_fetch: the next TRB the driver owns (its cycle bit matches ours), following Link TRBs; null when the ring is empty. */
  private ring_fetch(r: { ring: number; ccs: number }): TRB | null {
    for (let hops = 0; hops < 4; hops++) {
      const t = this.read_trb(r.ring);
      if (!t || (t.control & X.TRB_CYCLE) !== r.ccs) return null;
      if (X.TRB_FIELD_TO_TYPE(t.control) !== X.TRB_LINK) { r.ring += 16; return t; }
      r.ring = Number(t.param & ~0xfn);
      if (t.control & X.LINK_TOGGLE) r.ccs ^= 1;
    }
    return null;
  }

  private xhci_doorbell_write(slot: number, v: number): void {
    if (!(this.usbcmd & X.CMD_RUN)) return this.guest_error('access', `${this.id}: doorbell ${slot} rung while the controller is halted (USBCMD.RS is 0)`);
    if (slot === 0) { if (v !== 0) return; this.cmd_running = true; }
    else if (!this.slots[slot]?.enabled) return this.guest_error('access', `${this.id}: doorbell ${slot} rung for a slot that is not enabled`);
    const k = slot === 0 ? 0 : (slot << 8) | (v & 0xff);
    if (!this.kicks.includes(k)) this.kicks.push(k);
    this.ctx.clock.timer_mod(this.work_timer, this.ctx.clock.now_ns() + (slot === 0 ? CMD_DELAY_NS : XFER_DELAY_NS));
  }

  /** A device has IN data: retry its NAKed endpoints. */
  private xhci_wakeup(d: USBDevice): void {
    this.slots.forEach((s, slot) => {
      if (!s.enabled || this.ports[s.port - 1]?.dev !== d) return;
      s.eps.forEach((ep, dci) => { if (ep?.pending && !this.kicks.includes((slot << 8) | dci)) this.kicks.push((slot << 8) | dci); });
    });
    if (this.kicks.length) this.ctx.clock.timer_mod(this.work_timer, this.ctx.clock.now_ns() + XFER_DELAY_NS);
  }

  private xhci_run_work(): void {
    const kicks = this.kicks.splice(0);
    for (const k of kicks) {
      if (k === 0) this.xhci_process_commands();
      else this.xhci_kick_ep(k >> 8, k & 0xff);
    }
  }

  // ---- commands ---------------------------------------------------------------------

  private xhci_process_commands(): void {
    const r = { ring: this.crcr_ring, ccs: this.crcr_ccs };
    for (let t = this.ring_fetch(r); t; t = this.ring_fetch(r)) {
      const [cc, slot] = this.xhci_command(t);
      this.xhci_event(BigInt(t.addr), cc << 24, X.TRB_TYPE(X.TRB_COMPLETION) | X.SLOT_ID_FOR_TRB(slot));
    }
    this.crcr_ring = r.ring;
    this.crcr_ccs = r.ccs;
    this.cmd_running = false;
  }

  private xhci_command(t: TRB): [number, number] {
    const type = X.TRB_FIELD_TO_TYPE(t.control), slot = X.TRB_TO_SLOT_ID(t.control);
    if (type === X.TRB_ENABLE_SLOT) {
      const i = this.slots.findIndex((s, n) => n > 0 && n <= (this.config_reg || X.XHCI_MAXSLOTS) && !s.enabled);
      if (i < 0) return [X.COMP_NO_SLOTS_AVAILABLE, 0];
      this.slots[i] = { enabled: true, port: 0, ctx: 0, eps: [] };
      return [X.COMP_SUCCESS, i];
    }
    if (type === X.TRB_CMD_NOOP) return [X.COMP_SUCCESS, 0];
    const s = this.slots[slot];
    if (!s?.enabled) return [X.COMP_SLOT_NOT_ENABLED, slot];
    switch (type) {
      case X.TRB_DISABLE_SLOT: this.slots[slot] = { enabled: false, port: 0, ctx: 0, eps: [] }; return [X.COMP_SUCCESS, slot];
      case X.TRB_ADDR_DEV: return [this.xhci_address_slot(slot, s, Number(t.param & ~0xfn), (t.control & X.TRB_BSR) !== 0), slot];
      case X.TRB_CONFIG_EP: return [this.xhci_configure_slot(s, Number(t.param & ~0xfn), (t.control & X.TRB_DC) !== 0), slot];
      case X.TRB_EVAL_CONTEXT: return [this.xhci_evaluate_slot(s, Number(t.param & ~0xfn)), slot];
      case X.TRB_RESET_EP: {
        const ep = s.eps[X.TRB_TO_EP_ID(t.control)];
        if (!ep) return [X.COMP_EP_NOT_ENABLED, slot];
        if (ep.state !== X.EP_STATE_HALTED) return [X.COMP_CONTEXT_STATE_ERROR, slot];
        ep.state = X.EP_STATE_STOPPED;
        this.write_ep_state(s, X.TRB_TO_EP_ID(t.control), ep);
        return [X.COMP_SUCCESS, slot];
      }
      case X.TRB_STOP_RING: {
        const dci = X.TRB_TO_EP_ID(t.control), ep = s.eps[dci];
        if (!ep) return [X.COMP_EP_NOT_ENABLED, slot];
        if (ep.pending) {
          // xhci_ep_nuke_xfers(CC_STOPPED): the TD in flight is reported stopped before the command completes.
          ep.pending = false;
          this.xhci_event(BigInt(ep.ring), X.COMP_STOPPED << 24, X.TRB_TYPE(X.TRB_TRANSFER) | X.SLOT_ID_FOR_TRB(slot) | X.EP_ID_FOR_TRB(dci));
        }
        ep.state = X.EP_STATE_STOPPED;
        this.write_ep_state(s, dci, ep);
        return [X.COMP_SUCCESS, slot];
      }
      case X.TRB_SET_DEQ: {
        const dci = X.TRB_TO_EP_ID(t.control), ep = s.eps[dci];
        if (!ep) return [X.COMP_EP_NOT_ENABLED, slot];
        if (ep.state !== X.EP_STATE_STOPPED && ep.state !== X.EP_STATE_ERROR) return [X.COMP_CONTEXT_STATE_ERROR, slot];
        ep.ring = Number(t.param & ~0xfn);
        ep.ccs = Number(t.param & 1n);
        ep.pending = false;
        return [X.COMP_SUCCESS, slot];
      }
      case X.TRB_RESET_DEV:
        s.eps = s.eps.map((e, i) => (i === 1 ? e : null));
        this.ports[s.port - 1]?.dev?.reset();
        return [X.COMP_SUCCESS, slot];
      default:
        this.guest_error('unimplemented', `${this.id}: command TRB type ${type} is not implemented`);
        return [X.COMP_TRB_ERROR, slot];
    }
  }

  private ctx_read(addr: number, len: number): DataView | null {
    const b = pci_dma_read(this, addr, len);
    return b ? new DataView(b.buffer, b.byteOffset, len) : null;
  }

  private ep_from_ctx(v: DataView, off: number): EPState {
    const d1 = v.getUint32(off + 4, true), deq = v.getUint32(off + 8, true) + v.getUint32(off + 12, true) * 0x1_0000_0000;
    return { ring: deq - (deq % 16), ccs: deq & 1, state: X.EP_STATE_RUNNING, type: (d1 >> 3) & 7, maxp: d1 >>> 16, pending: false };
  }

  /** Writes a context into the output device context (DCBAA[slot]) with the state the controller gives it. */
  private write_out_ctx(s: SlotState, idx: number, ctx: Uint8Array): void {
    if (s.ctx) pci_dma_write(this, s.ctx + X.CTX_SIZE * idx, ctx);
  }

  private write_ep_state(s: SlotState, dci: number, ep: EPState): void {
    if (!s.ctx) return;
    const v = this.ctx_read(s.ctx + X.CTX_SIZE * dci, X.CTX_SIZE);
    if (!v) return;
    v.setUint32(0, (v.getUint32(0, true) & ~7) | ep.state, true);
    this.write_out_ctx(s, dci, new Uint8Array(v.buffer, v.byteOffset, X.CTX_SIZE));
  }

  /** xhci_address_slot: the root port from the input slot context, SET_ADDRESS (slot id as address) unless BSR, ep0's ring. */
  private xhci_address_slot(slotid: number, s: SlotState, ictx: number, bsr: boolean): number {
    const v = this.ctx_read(ictx, 3 * X.CTX_SIZE);
    const dcbaa = this.ctx_read(this.dcbaap + 8 * slotid, 8);
    if (!v || !dcbaa) return X.COMP_TRB_ERROR;
    if ((v.getUint32(4, true) & 3) !== 3) return X.COMP_PARAMETER_ERROR;
    const port = (v.getUint32(X.CTX_SIZE + 4, true) >>> 16) & 0xff;
    const dev = this.ports[port - 1]?.dev;
    if (!dev) return X.COMP_USB_TRANSACTION_ERROR;
    s.port = port;
    s.ctx = dcbaa.getUint32(0, true) + dcbaa.getUint32(4, true) * 0x1_0000_0000;
    if (!bsr) dev.handle_control({ bmRequestType: 0, bRequest: USB_REQ_SET_ADDRESS, wValue: slotid, wIndex: 0, wLength: 0 }, new Uint8Array(0));
    s.eps = [];
    s.eps[1] = this.ep_from_ctx(v, 2 * X.CTX_SIZE);
    const slot = new Uint8Array(v.buffer.slice(v.byteOffset + X.CTX_SIZE, v.byteOffset + 2 * X.CTX_SIZE)), sv = new DataView(slot.buffer);
    sv.setUint32(12, ((bsr ? X.SLOT_STATE_DEFAULT : X.SLOT_STATE_ADDRESSED) << 27) | (bsr ? 0 : slotid), true);
    this.write_out_ctx(s, 0, slot);
    const ep0 = new Uint8Array(v.buffer.slice(v.byteOffset + 2 * X.CTX_SIZE, v.byteOffset + 3 * X.CTX_SIZE));
    ep0[0] = (ep0[0]! & ~7) | X.EP_STATE_RUNNING;
    this.write_out_ctx(s, 1, ep0);
    return X.COMP_SUCCESS;
  }

  /** xhci_configure_slot: endpoints dropped and added by the input control context (or all dropped with DC). */
  private xhci_configure_slot(s: SlotState, ictx: number, dc: boolean): number {
    if (dc) { s.eps = s.eps.map((e, i) => (i === 1 ? e : null)); return X.COMP_SUCCESS; }
    const v = this.ctx_read(ictx, 33 * X.CTX_SIZE);
    if (!v) return X.COMP_TRB_ERROR;
    const drop = v.getUint32(0, true), add = v.getUint32(4, true);
    for (let dci = 2; dci < 32; dci++) {
      if (drop & (1 << dci)) { s.eps[dci] = null; this.write_out_ctx(s, dci, new Uint8Array(X.CTX_SIZE)); }
      if (add & (1 << dci)) {
        const off = (dci + 1) * X.CTX_SIZE;
        s.eps[dci] = this.ep_from_ctx(v, off);
        const ctx = new Uint8Array(v.buffer.slice(v.byteOffset + off, v.byteOffset + off + X.CTX_SIZE));
        ctx[0] = (ctx[0]! & ~7) | X.EP_STATE_RUNNING;
        this.write_out_ctx(s, dci, ctx);
      }
    }
    if (add & 1) {
      const slot = new Uint8Array(v.buffer.slice(v.byteOffset + X.CTX_SIZE, v.byteOffset + 2 * X.CTX_SIZE)), sv = new DataView(slot.buffer);
      sv.setUint32(12, (X.SLOT_STATE_CONFIGURED << 27) | (this.ports[s.port - 1]?.dev?.addr ?? 0), true);
      this.write_out_ctx(s, 0, slot);
    }
    return X.COMP_SUCCESS;
  }

  /** xhci_evaluate_slot: ep0's max packet size from the input context. */
  private xhci_evaluate_slot(s: SlotState, ictx: number): number {
    const v = this.ctx_read(ictx, 3 * X.CTX_SIZE);
    if (!v) return X.COMP_TRB_ERROR;
    const ep0 = s.eps[1];
    if (ep0 && v.getUint32(4, true) & 2) ep0.maxp = v.getUint32(2 * X.CTX_SIZE + 4, true) >>> 16;
    return X.COMP_SUCCESS;
  }

  // ---- transfers --------------------------------------------------------------------------

  /** xhci_kick_ep: runs the endpoint's transfer descriptors until its ring is empty or the device NAKs. */
  private xhci_kick_ep(slotid: number, dci: number): void {
    const s = this.slots[slotid], ep = s?.eps[dci];
    if (!s || !ep) return this.guest_error('access', `${this.id}: doorbell for slot ${slotid} endpoint ${dci}, which is not configured`);
    if (ep.state === X.EP_STATE_HALTED) return;
    ep.state = X.EP_STATE_RUNNING;
    for (;;) {
      const r = { ring: ep.ring, ccs: ep.ccs };
      const td: TRB[] = [];
      for (let t = this.ring_fetch(r); t; t = this.ring_fetch(r)) {
        td.push(t);
        if (!(t.control & X.TRB_CHAIN) && X.TRB_FIELD_TO_TYPE(t.control) !== X.TRB_SETUP && X.TRB_FIELD_TO_TYPE(t.control) !== X.TRB_DATA) break;
      }
      if (!td.length) return;
      if (td.every((t) => X.TRB_FIELD_TO_TYPE(t.control) === X.TRB_TR_NOOP)) {
        // A TD the driver cancelled and turned into No-Ops: skipped (reported only when it asks with IOC).
        const last = td[td.length - 1]!;
        if (last.control & X.TRB_IOC) this.transfer_event(slotid, dci, last, X.COMP_SUCCESS, 0);
        ep.ring = r.ring; ep.ccs = r.ccs; ep.pending = false;
        continue;
      }
      const dev = this.ports[s.port - 1]?.dev;
      // A device that went away leaves the TD where it is; the driver stops the ring.
      if (!dev) { ep.pending = true; return; }
      const done = dci === 1 ? this.xhci_fire_ctl_transfer(slotid, dev, td) : this.xhci_fire_transfer(slotid, dci, dev, ep, td);
      if (!done) { ep.pending = true; return; }
      ep.pending = false;
      ep.ring = r.ring;
      ep.ccs = r.ccs;
      if (ep.state === X.EP_STATE_HALTED) return;
    }
  }

  private transfer_event(slot: number, dci: number, t: TRB, cc: number, residual: number): void {
    this.xhci_event(BigInt(t.addr), (cc << 24) | (residual & 0xffffff), X.TRB_TYPE(X.TRB_TRANSFER) | X.SLOT_ID_FOR_TRB(slot) | X.EP_ID_FOR_TRB(dci));
  }

  /** A control TD: Setup (immediate 8 bytes), optional Data, Status. Returns false on NAK. */
  private xhci_fire_ctl_transfer(slot: number, dev: USBDevice, td: TRB[]): boolean {
    const setup_trb = td[0]!;
    if (X.TRB_FIELD_TO_TYPE(setup_trb.control) !== X.TRB_SETUP || !(setup_trb.control & X.TRB_IDT)) {
      this.guest_error('access', `${this.id}: control TD on slot ${slot} does not start with an immediate-data Setup TRB`);
      this.transfer_event(slot, 1, setup_trb, X.COMP_TRB_ERROR, 0);
      return true;
    }
    const p = setup_trb.param;
    const setup: USBSetup = {
      bmRequestType: Number(p & 0xffn), bRequest: Number((p >> 8n) & 0xffn), wValue: Number((p >> 16n) & 0xffffn),
      wIndex: Number((p >> 32n) & 0xffffn), wLength: Number((p >> 48n) & 0xffffn),
    };
    const data = td.find((t) => X.TRB_FIELD_TO_TYPE(t.control) === X.TRB_DATA);
    const status = td.find((t) => X.TRB_FIELD_TO_TYPE(t.control) === X.TRB_STATUS) ?? td[td.length - 1]!;
    const len = data ? data.status & 0x1ffff : 0;
    const out = data && !(data.control & X.TRB_DIR_IN) ? pci_dma_read(this, Number(data.param), len) ?? new Uint8Array(0) : new Uint8Array(0);
    const res: USBPacketResult = dev.handle_control(setup, out);
    if (res.status === 'nak') return false;
    if (res.status === 'stall') { this.transfer_event(slot, 1, data ?? status, X.COMP_STALL_ERROR, len); this.slots[slot]!.eps[1]!.state = X.EP_STATE_HALTED; return true; }
    if (data && data.control & X.TRB_DIR_IN) {
      const got = res.data.subarray(0, len);
      pci_dma_write(this, Number(data.param), got);
      if (got.length < len && data.control & (X.TRB_ISP | X.TRB_IOC)) this.transfer_event(slot, 1, data, X.COMP_SHORT_PACKET, len - got.length);
    }
    if (status.control & X.TRB_IOC) this.transfer_event(slot, 1, status, X.COMP_SUCCESS, 0);
    return true;
  }

  /** A bulk or interrupt TD of Normal TRBs: OUT gathers their buffers, IN scatters what the device returns. Returns false on NAK. */
  private xhci_fire_transfer(slot: number, dci: number, dev: USBDevice, ep: EPState, td: TRB[]): boolean {
    const addr = (dci >> 1) | (dci & 1 ? 0x80 : 0);
    const lens = td.map((t) => t.status & 0x1ffff), total = lens.reduce((a, b) => a + b, 0);
    const last = td[td.length - 1]!;
    if (dci & 1) {
      const res = dev.handle_data(addr, new Uint8Array(0), total);
      if (res.status === 'nak') return false;
      if (res.status === 'stall') { ep.state = X.EP_STATE_HALTED; this.transfer_event(slot, dci, td[0]!, X.COMP_STALL_ERROR, total); return true; }
      let off = 0;
      for (let i = 0; i < td.length; i++) {
        const chunk = res.data.subarray(off, off + lens[i]!);
        if (chunk.length) pci_dma_write(this, Number(td[i]!.param), chunk);
        off += chunk.length;
        if (chunk.length < lens[i]!) {
          // Short packet: the TD ends here; the event carries what was not filled of this TRB.
          this.transfer_event(slot, dci, td[i]!, X.COMP_SHORT_PACKET, lens[i]! - chunk.length);
          return true;
        }
      }
      if (last.control & X.TRB_IOC) this.transfer_event(slot, dci, last, X.COMP_SUCCESS, 0);
      return true;
    }
    const parts = td.map((t, i) => (t.control & X.TRB_IDT ? new Uint8Array(new BigUint64Array([t.param]).buffer).subarray(0, lens[i]) : pci_dma_read(this, Number(t.param), lens[i]!) ?? new Uint8Array(0)));
    const data = new Uint8Array(total);
    let off = 0;
    for (const p of parts) { data.set(p, off); off += p.length; }
    const res = dev.handle_data(addr, data, total);
    if (res.status === 'nak') return false;
    if (res.status === 'stall') { ep.state = X.EP_STATE_HALTED; this.transfer_event(slot, dci, td[0]!, X.COMP_STALL_ERROR, total); return true; }
    if (last.control & X.TRB_IOC) this.transfer_event(slot, dci, last, X.COMP_SUCCESS, 0);
    // Room in the device may unblock NAKed OUTs of other endpoints.
    this.xhci_wakeup(dev);
    return true;
  }

  /** The registers, rings, slots and ports; plugged devices are models outside the saved state (they are re-plugged by the UI). */
  readonly model_vmsd: VMStateDescription<XHCIState> = {
    name: 'qemu-xhci',
    fields: [
      ['usbcmd', vmstate_info_scalar], ['usbsts', vmstate_info_scalar], ['dnctrl', vmstate_info_scalar], ['config_reg', vmstate_info_scalar],
      ['dcbaap', vmstate_info_scalar], ['crcr_ring', vmstate_info_scalar], ['crcr_ccs', vmstate_info_scalar], ['iman', vmstate_info_scalar],
      ['imod', vmstate_info_scalar], ['erstsz', vmstate_info_scalar], ['erstba', vmstate_info_scalar], ['erdp', vmstate_info_scalar],
      ['er_start', vmstate_info_scalar], ['er_size', vmstate_info_scalar], ['er_ep_idx', vmstate_info_scalar], ['er_pcs', vmstate_info_scalar],
      ['slots', vmstate_info_json], ['kicks', vmstate_info_json], ['work_timer', vmstate_info_timer((d) => (d as XHCIState).ctx.clock)],
    ],
  };
}

export const types: TypeInfo<XHCIState>[] = [{
  name: 'qemu-xhci', compatible: 'qemu,qemu-xhci', bus: 'pci',
  instance_init: (ctx) => new XHCIState(ctx, ''),
}];
