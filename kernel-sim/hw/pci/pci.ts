// Models QEMU hw/pci/pci.c: PCI functions with config space masks, BARs, INTx, and DMA through bus helpers.
import { DeviceState, type HwContext } from '../core/qdev.ts';
import { type VMStateDescription, type VMStateInfo, vmstate_info_buffer, vmstate_info_json, vmstate_info_struct } from '../core/vmstate.ts';
import { MemoryRegion, type RegionOwner } from '../core/memory.ts';
import { hex } from '../core/guest-error.ts';
import * as R from './pci_regs.ts';

/** What a config write hands its hooks as the old bytes when there are none to tell. */
const NO_BYTES = new Uint8Array(0);

/** A PCI function's identity, declared as data (QEMU's PCIDeviceClass fields). */
export interface PCIDeviceClass {
  vendor_id: number;
  device_id: number;
  revision: number;
  /** Base class and subclass, e.g. 0x00ff or 0x0604. */
  class_id: number;
  prog_if?: number;
  subsystem_vendor_id?: number;
  subsystem_id?: number;
  /** 0: normal (type 0 header), 1: PCI-PCI bridge (type 1). */
  header_type?: 0 | 1;
  /** PCI Express function: 4 KiB config space. */
  is_express?: boolean;
  /** Interrupt pin: 1 = INTA ... 4 = INTD, 0 = none. */
  interrupt_pin?: number;
}

/** What a BAR decodes, declared as data (QEMU's pci_register_bar type argument). */
export interface PCIBarDecl {
  index: number;
  size: number;
  /** PCI_BASE_ADDRESS_SPACE_IO, or memory flags: MEM_TYPE_64 | MEM_PREFETCH. */
  type: number;
}

export const PCI_BAR_UNMAPPED = -1;

export interface PCIIORegion {
  size: number;
  type: number;
  /** Where the BAR is decoded now, or PCI_BAR_UNMAPPED. */
  addr: number;
  memory: MemoryRegion;
}

export type DMADirection = 'to_device' | 'from_device';

/** Guest RAM as DMA sees it: the machine supplies it (a Uint8Array, or pages allocated on demand). */
export interface GuestMemory {
  readonly size: number;
  read(addr: number, len: number): Uint8Array;
  /** Copies [addr, addr + dst.length) into `dst` (a read with no buffer of its own: the DMA layer's bounce copy back). */
  read_into(addr: number, dst: Uint8Array): void;
  write(addr: number, data: Uint8Array): void;
}

/**
 * The DMA side of a machine (QEMU's bus-master AddressSpace plus the
 * kernel's DMA-API debug checks): RAM and a hook telling whether the driver
 * mapped a range for DMA in that direction.
 */
export interface DmaContext {
  ram: GuestMemory;
  isMappedForDma(addr: number, len: number, dir: DMADirection, dev: PCIDevice): boolean;
}

/** Delivery of an MSI message (a posted write to 0xfeeXXXXX) to the interrupt controller. */
export interface MSIMessage {
  address: bigint;
  data: number;
}

/** The host bridge as a function's DMA route sees it: its memory and the count of config writes and topology changes below it. */
export interface PCIHostLike {
  dma: DmaContext | null;
  config_gen: number;
}

/** What dma_check found on the way up (Bus Master on here and on every bridge, the host's memory): good while the host's config_gen stays `gen`. */
interface pci_dma_route {
  host: PCIHostLike;
  gen: number;
  ctx: DmaContext;
}

/** What a function needs from the bus tree above it; implemented by PCIBus. */
export interface PCIBusLike {
  readonly devices: (PCIDevice | null)[];
  root_host(): PCIHostLike | null;
  host_invalidate(): void;
  dma(): DmaContext | null;
  send_msi(dev: PCIDevice, msg: MSIMessage): void;
  change_irq_level(dev: PCIDevice, pin: number, change: number): void;
  bus_num(): number;
  /** Reset of everything on this bus (bridge secondary-bus reset). */
  reset(): void;
}

export abstract class PCIDevice extends DeviceState {
  abstract readonly pci_class: PCIDeviceClass;
  config = new Uint8Array(R.PCI_CONFIG_SPACE_SIZE);
  /** Bits the guest may write. */
  wmask = new Uint8Array(R.PCI_CONFIG_SPACE_SIZE);
  /** Bits a guest write of 1 clears (W1C). */
  w1cmask = new Uint8Array(R.PCI_CONFIG_SPACE_SIZE);
  /** Bytes claimed by a capability (to catch overlaps). */
  used = new Uint8Array(R.PCI_CONFIG_SPACE_SIZE);
  /** Config space as it was at the end of realize: what reset restores. */
  private config_reset = new Uint8Array(0);
  io_regions: (PCIIORegion | null)[] = [null, null, null, null, null, null, null];
  bus: PCIBusLike | null = null;
  /** dma_check's answer for this function's last allowed access (a disk's request makes about a dozen): no config read or bridge walk per access. */
  dma_route: pci_dma_route | null = null;
  irq_state = 0;
  /** Set before realize when other functions share the slot: header type bit 7. */
  multifunction = false;
  /** Capability offsets (0 when absent). */
  msi_cap = 0;
  msix_cap = 0;
  exp_cap = 0;
  pm_cap = 0;
  /** Hooks that capabilities (MSI-X, PM ...) register for config writes. */
  protected config_write_hooks: Array<(addr: number, val: number, len: number, old: Uint8Array) => void> = [];
  /** Capability state that is not in config space (MSI-X table, pending bits). */
  cap_state: { [k: string]: unknown } = {};

  constructor(ctx: HwContext, id: string, public devfn = 0) {
    super(ctx, id);
  }

  config_size(): number {
    return this.config.length;
  }

  /** pci_qdev_realize(): allocates config, writes the header, then the model's pci_realize(). */
  override realize(): void {
    const k = this.pci_class;
    const size = k.is_express ? R.PCIE_CONFIG_SPACE_SIZE : R.PCI_CONFIG_SPACE_SIZE;
    this.config = new Uint8Array(size);
    this.wmask = new Uint8Array(size);
    this.w1cmask = new Uint8Array(size);
    this.used = new Uint8Array(size);
    this.used.fill(1, 0, R.PCI_CONFIG_HEADER_SIZE);
    pci_set_word(this.config, R.PCI_VENDOR_ID, k.vendor_id);
    pci_set_word(this.config, R.PCI_DEVICE_ID, k.device_id);
    this.config[R.PCI_REVISION_ID] = k.revision;
    this.config[R.PCI_CLASS_PROG] = k.prog_if ?? 0;
    pci_set_word(this.config, R.PCI_CLASS_DEVICE, k.class_id);
    this.config[R.PCI_HEADER_TYPE] = (k.header_type ?? 0) | (this.multifunction ? R.PCI_HEADER_TYPE_MULTI_FUNCTION : 0);
    if ((k.header_type ?? 0) === 0) {
      pci_set_word(this.config, R.PCI_SUBSYSTEM_VENDOR_ID, k.subsystem_vendor_id ?? 0);
      pci_set_word(this.config, R.PCI_SUBSYSTEM_ID, k.subsystem_id ?? 0);
    }
    this.config[R.PCI_INTERRUPT_PIN] = k.interrupt_pin ?? 0;
    // pci_init_cmask/wmask/w1cmask
    this.wmask[R.PCI_CACHE_LINE_SIZE] = 0xff;
    this.wmask[R.PCI_INTERRUPT_LINE] = 0xff;
    pci_set_word(this.wmask, R.PCI_COMMAND, R.PCI_COMMAND_IO | R.PCI_COMMAND_MEMORY | R.PCI_COMMAND_MASTER | R.PCI_COMMAND_PARITY | R.PCI_COMMAND_SERR | R.PCI_COMMAND_INTX_DISABLE);
    pci_set_word(this.w1cmask, R.PCI_STATUS, R.PCI_STATUS_PARITY | R.PCI_STATUS_SIG_TARGET_ABORT | R.PCI_STATUS_REC_TARGET_ABORT | R.PCI_STATUS_REC_MASTER_ABORT | R.PCI_STATUS_SIG_SYSTEM_ERROR | R.PCI_STATUS_DETECTED_PARITY);
    if (k.header_type === 1) pci_init_mask_bridge(this);
    this.pci_realize();
    super.realize();
    this.config_reset = this.config.slice();
  }

  /** The model's own realize (QEMU's PCIDeviceClass::realize): BARs, capabilities, internal state. */
  protected abstract pci_realize(): void;

  /** The model's internal reset (registers, timers); config space is reset by reset(). */
  protected abstract device_reset(): void;

  /** pci_do_device_reset(): power-on config space, INTx lowered, BARs unmapped, then the model's reset. */
  reset(): void {
    if (this.irq_state) pci_set_irq(this, 0);
    if (this.config_reset.length) this.config.set(this.config_reset);
    pci_config_changed(this);
    this.cap_state = {};
    this.device_reset();
    pci_update_mappings(this);
  }

  /** pci_register_bar(): declares BAR `index` with region `mr`; the guest sizes and places it. */
  pci_register_bar(index: number, type: number, mr: MemoryRegion): void {
    const size = mr.size;
    if (size & (size - 1)) throw new Error(`${this.id}: BAR${index} size ${size} is not a power of two`);
    const is64 = (type & R.PCI_BASE_ADDRESS_MEM_TYPE_64) !== 0 && !(type & R.PCI_BASE_ADDRESS_SPACE_IO);
    this.io_regions[index] = { size, type, addr: PCI_BAR_UNMAPPED, memory: mr };
    const off = index === 6 ? (this.pci_class.header_type === 1 ? R.PCI_ROM_ADDRESS1 : R.PCI_ROM_ADDRESS) : R.PCI_BASE_ADDRESS_0 + index * 4;
    let wmask = ~(size - 1) >>> 0;
    if (index === 6) wmask = (wmask | R.PCI_ROM_ADDRESS_ENABLE) >>> 0;
    pci_set_long(this.config, off, type);
    if (is64) {
      pci_set_quad(this.wmask, off, (BigInt.asUintN(64, ~BigInt(size - 1))) & ~0xfn);
    } else {
      pci_set_long(this.wmask, off, (wmask & (type & R.PCI_BASE_ADDRESS_SPACE_IO ? 0xfffffffc : 0xfffffff0 | (index === 6 ? 1 : 0))) >>> 0);
    }
  }

  /** Config read as the bus delivers it (QEMU's config_read); models may override. */
  config_read(addr: number, len: number): number {
    let v = 0;
    for (let i = len - 1; i >= 0; i--) v = v * 256 + this.config[addr + i]!;
    return v;
  }

  /** pci_default_write_config(): applies wmask and w1cmask, then reacts to BAR, command and capability changes. */
  config_write(addr: number, val: number, len: number): void {
    // The bytes before the write, for the hooks (MSI, MSI-X, PM, ...) that compare: a BAR sizing write needs none.
    const old = this.config_write_hooks.length ? this.config.slice(addr, addr + len) : NO_BYTES;
    const was_intx_disabled = pci_irq_disabled(this);
    for (let i = 0; i < len; i++) {
      const b = Math.floor(val / 2 ** (8 * i)) & 0xff;
      const wm = this.wmask[addr + i]!;
      const w1c = this.w1cmask[addr + i]!;
      this.config[addr + i] = ((this.config[addr + i]! & ~wm) | (b & wm)) & ~(b & w1c);
    }
    if (ranges_overlap(addr, len, R.PCI_BASE_ADDRESS_0, 24) || ranges_overlap(addr, len, R.PCI_ROM_ADDRESS, 4) || ranges_overlap(addr, len, R.PCI_ROM_ADDRESS1, 4) || ranges_overlap(addr, len, R.PCI_COMMAND, 1)) {
      pci_update_mappings(this);
    }
    if (ranges_overlap(addr, len, R.PCI_COMMAND, 2) && was_intx_disabled !== pci_irq_disabled(this)) pci_update_irq_disabled(this, was_intx_disabled);
    pci_config_changed(this);
    for (const h of this.config_write_hooks) h(addr, val, len, old);
  }

  add_config_write_hook(h: (addr: number, val: number, len: number, old: Uint8Array) => void): void {
    this.config_write_hooks.push(h);
  }

  /** "0000:00:02.0" style name once on a bus. */
  slot_name(): string {
    const b = this.bus?.bus_num() ?? 0;
    return `0000:${b.toString(16).padStart(2, '0')}:${R.PCI_SLOT(this.devfn).toString(16).padStart(2, '0')}.${R.PCI_FUNC(this.devfn)}`;
  }

  readonly vmsd: VMStateDescription<PCIDevice> = vmstate_pci_device;

  /** The model's own registers, saved under "model" after config space (the device's vmsd in QEMU). */
  abstract readonly model_vmsd: VMStateDescription<any>;
}

/** irq_state comes back through the routing, so the controllers' counts agree (QEMU's get_pci_irq_state). */
const vmstate_info_pci_irq_state: VMStateInfo<PCIDevice> = {
  put: (d) => d.irq_state,
  get: (d, _f, v) => {
    const level = (v as number) ?? 0;
    if (level === d.irq_state) return;
    d.irq_state = 0;
    if (level) pci_set_irq(d, level);
  },
};

/** vmstate_pci_device: config space, capability state, the model, the INTx level; then the BARs are remapped. */
const vmstate_pci_device: VMStateDescription<PCIDevice> = {
  name: 'PCIDevice',
  fields: [
    ['config', vmstate_info_buffer],
    ['cap_state', vmstate_info_json],
    ['model', vmstate_info_struct((d: PCIDevice) => d.model_vmsd)],
    ['irq_state', vmstate_info_pci_irq_state],
  ],
  post_load: (d) => pci_update_mappings(d),
};

export function ranges_overlap(a: number, alen: number, b: number, blen: number): boolean {
  return a < b + blen && b < a + alen;
}

export function pci_get_byte(c: Uint8Array, off: number): number {
  return c[off]!;
}
export function pci_get_word(c: Uint8Array, off: number): number {
  return c[off]! | (c[off + 1]! << 8);
}
export function pci_get_long(c: Uint8Array, off: number): number {
  return (c[off]! | (c[off + 1]! << 8) | (c[off + 2]! << 16) | (c[off + 3]! << 24)) >>> 0;
}
export function pci_get_quad(c: Uint8Array, off: number): bigint {
  return BigInt(pci_get_long(c, off)) | (BigInt(pci_get_long(c, off + 4)) << 32n);
}
export function pci_set_byte(c: Uint8Array, off: number, v: number): void {
  c[off] = v & 0xff;
}
export function pci_set_word(c: Uint8Array, off: number, v: number): void {
  c[off] = v & 0xff;
  c[off + 1] = (v >> 8) & 0xff;
}
export function pci_set_long(c: Uint8Array, off: number, v: number): void {
  for (let i = 0; i < 4; i++) c[off + i] = (v >>> (8 * i)) & 0xff;
}
export function pci_set_quad(c: Uint8Array, off: number, v: bigint): void {
  pci_set_long(c, off, Number(v & 0xffffffffn));
  pci_set_long(c, off + 4, Number((v >> 32n) & 0xffffffffn));
}

/** pci_init_mask_bridge(): which type-1 header bits are writable. */
function pci_init_mask_bridge(d: PCIDevice): void {
  const w = d.wmask;
  w[R.PCI_PRIMARY_BUS] = 0xff;
  w[R.PCI_SECONDARY_BUS] = 0xff;
  w[R.PCI_SUBORDINATE_BUS] = 0xff;
  w[R.PCI_SEC_LATENCY_TIMER] = 0xff;
  w[R.PCI_IO_BASE] = 0xf0;
  w[R.PCI_IO_LIMIT] = 0xf0;
  pci_set_word(w, R.PCI_MEMORY_BASE, 0xfff0);
  pci_set_word(w, R.PCI_MEMORY_LIMIT, 0xfff0);
  pci_set_word(w, R.PCI_PREF_MEMORY_BASE, 0xfff0);
  pci_set_word(w, R.PCI_PREF_MEMORY_LIMIT, 0xfff0);
  pci_set_long(w, R.PCI_PREF_BASE_UPPER32, 0xffffffff);
  pci_set_long(w, R.PCI_PREF_LIMIT_UPPER32, 0xffffffff);
  pci_set_word(w, R.PCI_IO_BASE_UPPER16, 0xffff);
  pci_set_word(w, R.PCI_IO_LIMIT_UPPER16, 0xffff);
  pci_set_word(w, R.PCI_BRIDGE_CONTROL, R.PCI_BRIDGE_CTL_PARITY | R.PCI_BRIDGE_CTL_SERR | R.PCI_BRIDGE_CTL_ISA | R.PCI_BRIDGE_CTL_VGA | R.PCI_BRIDGE_CTL_MASTER_ABORT | R.PCI_BRIDGE_CTL_BUS_RESET);
  pci_set_word(d.w1cmask, R.PCI_SEC_STATUS, R.PCI_STATUS_PARITY | R.PCI_STATUS_SIG_TARGET_ABORT | R.PCI_STATUS_REC_TARGET_ABORT | R.PCI_STATUS_REC_MASTER_ABORT | R.PCI_STATUS_SIG_SYSTEM_ERROR | R.PCI_STATUS_DETECTED_PARITY);
  d.config[R.PCI_IO_BASE] = R.PCI_IO_RANGE_TYPE_32;
  d.config[R.PCI_IO_LIMIT] = R.PCI_IO_RANGE_TYPE_32;
  pci_set_word(d.config, R.PCI_PREF_MEMORY_BASE, R.PCI_PREF_RANGE_TYPE_64);
  pci_set_word(d.config, R.PCI_PREF_MEMORY_LIMIT, R.PCI_PREF_RANGE_TYPE_64);
}

function bar_offset(d: PCIDevice, index: number): number {
  if (index === 6) return d.pci_class.header_type === 1 ? R.PCI_ROM_ADDRESS1 : R.PCI_ROM_ADDRESS;
  return R.PCI_BASE_ADDRESS_0 + index * 4;
}

/** pci_bar_address(): where BAR `index` decodes now, honouring Memory/IO Space enable, or PCI_BAR_UNMAPPED. */
export function pci_bar_address(d: PCIDevice, index: number): number {
  const r = d.io_regions[index];
  if (!r) return PCI_BAR_UNMAPPED;
  const cmd = pci_get_word(d.config, R.PCI_COMMAND);
  const off = bar_offset(d, index);
  if (r.type & R.PCI_BASE_ADDRESS_SPACE_IO) {
    if (!(cmd & R.PCI_COMMAND_IO)) return PCI_BAR_UNMAPPED;
    const a = (pci_get_long(d.config, off) & ~(r.size - 1) & 0xfffffffc) >>> 0;
    const last = a + r.size - 1;
    if (!a || last > 0xffff || a > 0xffff) return PCI_BAR_UNMAPPED;
    return a;
  }
  if (!(cmd & R.PCI_COMMAND_MEMORY)) return PCI_BAR_UNMAPPED;
  let a: number;
  if (index === 6) {
    const v = pci_get_long(d.config, off);
    if (!(v & R.PCI_ROM_ADDRESS_ENABLE)) return PCI_BAR_UNMAPPED;
    a = (v & ~(r.size - 1)) >>> 0;
  } else if (r.type & R.PCI_BASE_ADDRESS_MEM_TYPE_64) {
    const q = pci_get_quad(d.config, off) & ~BigInt(r.size - 1) & ~0xfn;
    if (q > BigInt(Number.MAX_SAFE_INTEGER)) return PCI_BAR_UNMAPPED;
    a = Number(q);
  } else {
    a = (pci_get_long(d.config, off) & ~(r.size - 1) & 0xfffffff0) >>> 0;
  }
  const last = a + r.size - 1;
  // A BAR at 0 or one being sized (all ones) decodes nothing.
  if (!a || (!(r.type & R.PCI_BASE_ADDRESS_MEM_TYPE_64) && last > 0xffffffff) || last >= 2 ** 52) return PCI_BAR_UNMAPPED;
  return a;
}

/** Whether the function decodes its BARs at all (D3hot decodes config cycles only). */
export function pci_power_state(d: PCIDevice): number {
  if (!d.pm_cap) return R.PCI_D0;
  return pci_get_word(d.config, d.pm_cap + R.PCI_PM_CTRL) & R.PCI_PM_CTRL_STATE_MASK;
}

/** pci_update_mappings(): recomputes every BAR address and refreshes the flat views when one moved. */
export function pci_update_mappings(d: PCIDevice): void {
  let changed = false;
  const d0 = pci_power_state(d) === R.PCI_D0;
  for (let i = 0; i < d.io_regions.length; i++) {
    const r = d.io_regions[i];
    if (!r) continue;
    const a = d0 ? pci_bar_address(d, i) : PCI_BAR_UNMAPPED;
    if (a !== r.addr) {
      r.addr = a;
      changed = true;
    }
  }
  if (changed) d.bus?.host_invalidate();
}

export function pci_irq_disabled(d: PCIDevice): boolean {
  return (pci_get_word(d.config, R.PCI_COMMAND) & R.PCI_COMMAND_INTX_DISABLE) !== 0;
}

function pci_intx(d: PCIDevice): number {
  return Math.max(0, d.config[R.PCI_INTERRUPT_PIN]! - 1);
}

function pci_update_irq_disabled(d: PCIDevice, was_disabled: boolean): void {
  if (!d.irq_state) return;
  d.bus?.change_irq_level(d, pci_intx(d), was_disabled ? 1 : -1);
}

/** pci_set_irq(): a device drives its INTx pin; INTx Disable masks it, Interrupt Status shows it. */
export function pci_set_irq(d: PCIDevice, level: number): void {
  const l = level ? 1 : 0;
  const change = l - d.irq_state;
  if (!change) return;
  d.irq_state = l;
  const st = pci_get_word(d.config, R.PCI_STATUS);
  pci_set_word(d.config, R.PCI_STATUS, l ? st | R.PCI_STATUS_INTERRUPT : st & ~R.PCI_STATUS_INTERRUPT);
  if (pci_irq_disabled(d)) return;
  if (!d.config[R.PCI_INTERRUPT_PIN]) return;
  d.bus?.change_irq_level(d, pci_intx(d), change);
}

export function pci_irq_assert(d: PCIDevice): void {
  pci_set_irq(d, 1);
}
export function pci_irq_deassert(d: PCIDevice): void {
  pci_set_irq(d, 0);
}

/** What a refused access tried, for the guest-error line (worded only when refused: every virtqueue access of a disk comes through dma_check). */
function dma_what(addr: number, len: number, dir: DMADirection): string {
  return dir === 'to_device' ? `read ${len} bytes from RAM at ${hex(addr)}` : `write ${len} bytes to RAM at ${hex(addr)}`;
}

/** A config write or reset of `d` may turn Bus Master off on it or (a bridge) on everything below: every function under the host checks its route again. */
function pci_config_changed(d: PCIDevice): void {
  const host = d.bus?.root_host();
  if (host) host.config_gen++;
}

/** The upstream part of dma_check, remembered per function until a config write or topology change under its host. */
function dma_route(d: PCIDevice, addr: number, len: number, dir: DMADirection): DmaContext | null {
  const r = d.dma_route;
  if (r !== null && r.gen === r.host.config_gen && r.host.dma === r.ctx && d.bus !== null) return r.ctx;
  if (!(pci_get_word(d.config, R.PCI_COMMAND) & R.PCI_COMMAND_MASTER)) {
    d.guest_error('dma', `${d.id}: DMA blocked: the device tried to ${dma_what(addr, len, dir)} but Bus Master is off in its command register (the driver must call pci_set_master())`, { ram_addr: addr, len });
    return null;
  }
  const ctx = d.bus?.dma() ?? null;
  if (!ctx) {
    d.guest_error('dma', `${d.id}: DMA failed: the device tried to ${dma_what(addr, len, dir)} but it is not on a bus with memory`, { ram_addr: addr, len });
    return null;
  }
  const host = d.bus?.root_host();
  d.dma_route = host && host.dma === ctx ? { host, gen: host.config_gen, ctx } : null;
  return ctx;
}

function dma_check(d: PCIDevice, addr: number, len: number, dir: DMADirection): DmaContext | null {
  const ctx = dma_route(d, addr, len, dir);
  if (!ctx) return null;
  if (addr < 0 || len < 0 || addr + len > ctx.ram.size) {
    d.guest_error('dma', `${d.id}: DMA fault: the device tried to ${dma_what(addr, len, dir)}, which is outside RAM (RAM ends at ${hex(ctx.ram.size)})`, { ram_addr: addr, len });
    return null;
  }
  if (!ctx.isMappedForDma(addr, len, dir, d)) {
    d.guest_error('dma', `${d.id}: DMA fault: the device tried to ${dma_what(addr, len, dir)} (${hex(addr)}..${hex(addr + len - 1)}), which the driver never mapped for DMA ${dir === 'to_device' ? 'to the device' : 'from the device'} (dma_map_single/dma_alloc_coherent)`, { ram_addr: addr, len });
    return null;
  }
  return ctx;
}

/** pci_dma_read(): the device reads guest RAM (DMA_TO_DEVICE); null when refused (logged as a guest error). */
export function pci_dma_read(d: PCIDevice, addr: number, len: number): Uint8Array | null {
  const ctx = dma_check(d, addr, len, 'to_device');
  return ctx ? ctx.ram.read(addr, len) : null;
}

/** pci_dma_read() into the device's own buffer (QEMU's signature): no array per access for a device that reads small fields often (virtqueue descriptors); false when refused. */
export function pci_dma_read_into(d: PCIDevice, addr: number, buf: Uint8Array): boolean {
  const ctx = dma_check(d, addr, buf.length, 'to_device');
  if (ctx) ctx.ram.read_into(addr, buf);
  return ctx !== null;
}

/** pci_dma_write(): the device writes guest RAM (DMA_FROM_DEVICE); false when refused (logged). */
export function pci_dma_write(d: PCIDevice, addr: number, bytes: Uint8Array): boolean {
  const ctx = dma_check(d, addr, bytes.length, 'from_device');
  if (!ctx) return false;
  ctx.ram.write(addr, bytes);
  return true;
}

/** pci_add_capability(): links a capability at `offset` into the list (new ones go first, as in QEMU). */
export function pci_add_capability(d: PCIDevice, cap_id: number, offset: number, size: number): number {
  for (let i = offset; i < offset + size; i++) {
    if (d.used[i]) throw new Error(`${d.id}: capability ${hex(cap_id)} at ${hex(offset)} overlaps another one`);
  }
  d.config[offset] = cap_id;
  d.config[offset + 1] = d.config[R.PCI_CAPABILITY_LIST]!;
  d.config[R.PCI_CAPABILITY_LIST] = offset;
  pci_set_word(d.config, R.PCI_STATUS, pci_get_word(d.config, R.PCI_STATUS) | R.PCI_STATUS_CAP_LIST);
  d.used.fill(1, offset, offset + size);
  // The list pointers are read-only.
  d.wmask.fill(0, offset, offset + size);
  return offset;
}

/** pci_find_capability(): walks the list as a driver does. */
export function pci_find_capability(d: PCIDevice, cap_id: number): number {
  if (!(pci_get_word(d.config, R.PCI_STATUS) & R.PCI_STATUS_CAP_LIST)) return 0;
  let pos = d.config[R.PCI_CAPABILITY_LIST]! & ~3;
  for (let ttl = 48; pos && ttl > 0; ttl--) {
    if (d.config[pos] === cap_id) return pos;
    pos = d.config[pos + 1]! & ~3;
  }
  return 0;
}

/** pcie_add_capability(): appends an extended capability (list starts at 0x100). */
export function pcie_add_capability(d: PCIDevice, cap_id: number, ver: number, offset: number, size: number): void {
  const header = (id: number, v: number, next: number) => (id | (v << 16) | (next << 20)) >>> 0;
  if (offset !== 0x100) {
    let pos = 0x100;
    for (;;) {
      const h = pci_get_long(d.config, pos);
      const next = h >>> 20;
      if (!next) {
        pci_set_long(d.config, pos, header(h & 0xffff, (h >>> 16) & 0xf, offset));
        break;
      }
      pos = next;
    }
  }
  pci_set_long(d.config, offset, header(cap_id, ver, 0));
  d.used.fill(1, offset, offset + size);
}

/**
 * QEMU's hw/misc/unimp.c for a BAR: a device present in config space whose registers are not modelled. Reads are
 * zero and writes dropped, and each access is reported to the guest-error log (LOG_UNIMP), so a driver poking at it
 * learns that nothing answers.
 */
export function unimplemented_region(owner: RegionOwner, name: string, size: number): MemoryRegion {
  const at = (offset: number, n: number): string => `(size ${n}, offset 0x${offset.toString(16)})`;
  return new MemoryRegion(owner, name, size, {
    read: (offset, n) => { owner.guest_error('unimplemented', `${name}: unimplemented device read ${at(offset, n)}`); return 0; },
    write: (offset, value, n) => { owner.guest_error('unimplemented', `${name}: unimplemented device write ${at(offset, n)}, value 0x${value.toString(16)}`); },
    valid: { min_access_size: 1, max_access_size: 8 },
  });
}

/** A BAR made of several regions at fixed offsets (QEMU's container + subregions). */
export function memory_region_container(owner: DeviceState, name: string, size: number, parts: Array<{ offset: number; mr: MemoryRegion }>): MemoryRegion {
  const find = (off: number) => parts.find((p) => off >= p.offset && off < p.offset + p.mr.size) ?? null;
  return new MemoryRegion(owner, name, size, {
    read: (off, sz) => {
      const p = find(off);
      if (!p) return 0;
      return p.mr.ops.read(off - p.offset, sz);
    },
    write: (off, v, sz) => {
      const p = find(off);
      if (p) p.mr.ops.write(off - p.offset, v, sz);
    },
    valid: {
      min_access_size: 1,
      max_access_size: 8,
      check: (off, sz, w) => {
        const p = find(off);
        if (!p) return null;
        const v = p.mr.ops.valid;
        if (sz < v.min_access_size || sz > v.max_access_size) return `${p.mr.name} takes ${v.min_access_size}..${v.max_access_size}-byte accesses`;
        return v.check?.(off - p.offset, sz, w) ?? null;
      },
    },
  });
}
