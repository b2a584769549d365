// Models QEMU hw/pci/pci_host.c, pcie_host.c and the PCIBus of pci.c: config cycles (0xCF8/0xCFC, ECAM), bus tree, INTx and MSI routing.
import { DeviceState, type HwContext } from '../core/qdev.ts';
import { type AddressSpace, type FlatRange, MemoryRegion } from '../core/memory.ts';
import { hex } from '../core/guest-error.ts';
import { type DmaContext, type MSIMessage, type PCIBusLike, PCIDevice, PCI_BAR_UNMAPPED, pci_get_word } from './pci.ts';
import type { PCIBridge } from './pci_bridge.ts';
import * as R from './pci_regs.ts';
import { type VMStateDescription, vmstate_info_scalar } from '../core/vmstate.ts';

/** pci_swizzle_map_irq_fn(): INTx pin of a device behind a bridge as seen on the bridge's own pin. */
export function pci_swizzle(slot: number, pin: number): number {
  return (pin + slot) % R.PCI_NUM_PINS;
}

export class PCIBus implements PCIBusLike {
  readonly devices: (PCIDevice | null)[] = new Array<PCIDevice | null>(256).fill(null);
  /** The bridges on this bus in devfn order: a config cycle for a bus below is routed through them, not through 256 slots. */
  private bridges: PCIBridge[] = [];
  /** INTx assertion counts per output line (root bus: per PIRQ of the host's map_irq). */
  irq_count: number[] = [];

  constructor(
    public host: PCIHostState | null,
    readonly parent_dev: PCIBridge | null,
  ) {}

  root_host(): PCIHostState | null {
    let b: PCIBus = this;
    while (b.parent_dev) {
      const up = b.parent_dev.bus as PCIBus | null;
      if (!up) return null;
      b = up;
    }
    return b.host;
  }

  bus_num(): number {
    return this.parent_dev ? this.parent_dev.secondary_bus() : (this.host?.bus_nr ?? 0);
  }

  /** pci_qdev_realize() placement: puts `dev` at `devfn` on this bus. */
  attach(dev: PCIDevice, devfn: number): void {
    if (this.devices[devfn]) throw new Error(`PCI: devfn ${R.PCI_SLOT(devfn).toString(16)}.${R.PCI_FUNC(devfn)} on bus ${this.bus_num()} is already taken by ${this.devices[devfn]!.id}`);
    dev.devfn = devfn;
    dev.bus = this;
    this.devices[devfn] = dev;
    if ((dev as Partial<PCIBridge>).sec_bus) this.bridges = this.devices.filter((d): d is PCIBridge => !!(d as Partial<PCIBridge> | null)?.sec_bus);
    this.host_invalidate();
  }

  /** Bridges on this bus, in devfn order. */
  bridge_devices(): readonly PCIBridge[] {
    return this.bridges;
  }

  /** Hot-unplug: the function disappears from config space and its BARs stop decoding. */
  detach(dev: PCIDevice): void {
    if (this.devices[dev.devfn] !== dev) return;
    if (dev.irq_state) this.change_irq_level(dev, Math.max(0, dev.config[R.PCI_INTERRUPT_PIN]! - 1), -1);
    this.devices[dev.devfn] = null;
    dev.bus = null;
    if ((dev as Partial<PCIBridge>).sec_bus) this.bridges = this.bridges.filter((b) => b !== dev);
    this.host_invalidate();
  }

  host_invalidate(): void {
    this.root_host()?.invalidate();
  }

  /** Upstream memory transactions (DMA, MSI) need Bus Master on every bridge on the way up. */
  upstream_blocked(): PCIBridge | null {
    let br = this.parent_dev;
    while (br) {
      if (!(pci_get_word(br.config, R.PCI_COMMAND) & R.PCI_COMMAND_MASTER)) return br;
      br = (br.bus as PCIBus | null)?.parent_dev ?? null;
    }
    return null;
  }

  dma(): DmaContext | null {
    const br = this.upstream_blocked();
    if (br) {
      br.guest_error('dma', `${br.id}: upstream DMA dropped: Bus Master is off on bridge ${br.slot_name()} (pci_set_master() on a device also enables its bridges)`);
      return null;
    }
    return this.root_host()?.dma ?? null;
  }

  send_msi(dev: PCIDevice, msg: MSIMessage): void {
    if (!(pci_get_word(dev.config, R.PCI_COMMAND) & R.PCI_COMMAND_MASTER)) {
      dev.guest_error('config', `${dev.id}: MSI not sent: an MSI is a memory write, and Bus Master is off (the driver must call pci_set_master())`);
      return;
    }
    if (this.upstream_blocked()) {
      dev.guest_error('config', `${dev.id}: MSI not sent: Bus Master is off on a bridge above the device`);
      return;
    }
    this.root_host()?.deliver_msi(dev, msg);
  }

  /** pci_change_irq_level(): swizzles up through bridges, then counts assertions per host line. */
  change_irq_level(dev: PCIDevice, pin: number, change: number): void {
    let bus: PCIBus = this;
    let d = dev;
    let p = pin;
    while (bus.parent_dev) {
      p = pci_swizzle(R.PCI_SLOT(d.devfn), p);
      d = bus.parent_dev;
      const up = d.bus as PCIBus | null;
      if (!up) return;
      bus = up;
    }
    const host = bus.host;
    if (!host) return;
    const line = host.map_irq(d, p);
    const n = (bus.irq_count[line] ?? 0) + change;
    bus.irq_count[line] = n;
    host.set_irq(line, n !== 0 ? 1 : 0);
  }

  /** Resets every function on this bus (and, through bridges, below). */
  reset(): void {
    for (const d of this.devices) d?.reset();
  }

  /** Every function on this bus and below, depth first. */
  *walk(): Generator<PCIDevice> {
    for (const d of this.devices) {
      if (!d) continue;
      yield d;
      const sec = (d as Partial<PCIBridge>).sec_bus;
      if (sec) yield* sec.walk();
    }
  }
}

/** How a machine wires the root bus: INTx pin to a host line (PIRQ/GSI), line levels, and MSI delivery. */
export interface PCIHostWiring {
  /** QEMU's pci_map_irq_fn for the root bus: (device on bus 0, pin 0..3) -> line. */
  map_irq(dev: PCIDevice, pin: number): number;
  set_irq(line: number, level: number): void;
  msi(msg: MSIMessage, dev: PCIDevice): void;
}

/**
 * A PCI host bridge's config mechanism and root bus (QEMU's PCIHostState +
 * PCIExpressHost): 0xCF8/0xCFC, ECAM, and the flat views of all BARs.
 */
export class PCIHostState extends DeviceState {
  readonly type_info = { name: 'pcie-host', desc: 'PCI Express host: config access and root bus' };
  readonly root_bus: PCIBus;
  /** Last value written to 0xCF8 (CONFIG_ADDRESS). */
  config_reg = 0;
  readonly conf_mem: MemoryRegion;
  readonly data_mem: MemoryRegion;
  readonly mmcfg: MemoryRegion;
  /** Where ECAM decodes now, or -1. */
  mmcfg_base = -1;
  dma: DmaContext | null = null;
  /** Bumped by every config write and reset of a function below and by attach/detach: what a function's remembered DMA route is valid for. */
  config_gen = 0;

  constructor(
    ctx: HwContext,
    id: string,
    readonly segment: number,
    readonly bus_nr: number,
    readonly system_memory: AddressSpace,
    readonly system_io: AddressSpace,
    public wiring: PCIHostWiring,
    /** ECAM size: buses * 1 MiB. */
    readonly mmcfg_size = 256 << 20,
  ) {
    super(ctx, id);
    this.root_bus = new PCIBus(this, null);
    this.conf_mem = new MemoryRegion(this, 'pci-conf-idx', 4, {
      read: () => this.config_reg,
      write: (_o, v) => {
        this.config_reg = Number(v) >>> 0;
      },
      valid: { min_access_size: 4, max_access_size: 4, check: (_o, s) => (s !== 4 ? 'CONFIG_ADDRESS (0xcf8) takes 4-byte accesses only' : null) },
    });
    this.data_mem = new MemoryRegion(this, 'pci-conf-data', 4, {
      read: (o, s) => this.cf8_data_read(o, s),
      write: (o, v, s) => this.cf8_data_write(o, Number(v), s),
      valid: { min_access_size: 1, max_access_size: 4, unaligned: false },
    });
    this.mmcfg = new MemoryRegion(this, 'pcie-mmcfg-mmio', mmcfg_size, {
      read: (o, s) => this.mmcfg_read(o, s),
      write: (o, v, s) => this.mmcfg_write(o, Number(v), s),
      valid: { min_access_size: 1, max_access_size: 4 },
    });
    system_memory.add_provider(() => this.bar_ranges('mem'));
    system_io.add_provider(() => this.bar_ranges('io'));
  }

  reset(): void {
    this.config_reg = 0;
    this.root_bus.reset();
  }

  /** The CF8 latch, and ECAM's base (loading it maps ECAM again). */
  readonly vmsd: VMStateDescription<PCIHostState> = {
    name: 'pcie-host',
    fields: [
      ['config_reg', vmstate_info_scalar],
      ['mmcfg_base', { put: (d) => d.mmcfg_base, get: (d, _f, v) => d.pcie_host_mmcfg_update((v as number) >= 0, v as number) }],
    ],
  };

  /** Registers 0xCF8/0xCFC in the I/O space (QEMU's pci_host conf/data regions). */
  map_cf8_cfc(): void {
    this.system_io.memory_region_add_subregion(0xcf8, this.conf_mem);
    this.system_io.memory_region_add_subregion(0xcfc, this.data_mem);
  }

  /** pcie_host_mmcfg_update(): maps or unmaps ECAM at `base`. */
  pcie_host_mmcfg_update(enable: boolean, base: number): void {
    if (this.mmcfg_base >= 0) this.system_memory.memory_region_del_subregion(this.mmcfg);
    this.mmcfg_base = -1;
    if (enable) {
      this.mmcfg_base = base;
      this.system_memory.memory_region_add_subregion(base, this.mmcfg, 1);
    }
  }

  invalidate(): void {
    // A function came or went: DMA routes are checked again.
    this.config_gen++;
    this.system_memory.invalidate();
    this.system_io.invalidate();
  }

  map_irq(dev: PCIDevice, pin: number): number {
    return this.wiring.map_irq(dev, pin);
  }

  set_irq(line: number, level: number): void {
    this.wiring.set_irq(line, level);
  }

  deliver_msi(dev: PCIDevice, msg: MSIMessage): void {
    this.wiring.msi(msg, dev);
  }

  /** pci_find_device(): routes a config cycle by bus number through the bridges (type 1 -> type 0). */
  pci_find_device(bus_num: number, devfn: number): PCIDevice | null {
    let bus: PCIBus = this.root_bus;
    if (bus_num === this.bus_nr) return bus.devices[devfn] ?? null;
    for (;;) {
      let next: PCIBus | null = null;
      for (const br of bus.bridge_devices()) {
        const sec = br.secondary_bus();
        const sub = br.subordinate_bus();
        if (sec !== 0 && sec <= bus_num && bus_num <= sub) {
          next = br.sec_bus;
          break;
        }
      }
      if (!next) return null;
      if (next.bus_num() === bus_num) return next.devices[devfn] ?? null;
      bus = next;
    }
  }

  /** pci_host_config_read_common(): reads all ones where no function answers or past its config space. */
  pci_host_config_read(bus_num: number, devfn: number, offset: number, size: number): number {
    const d = this.pci_find_device(bus_num, devfn);
    const ones = size === 4 ? 0xffffffff : (1 << (size * 8)) - 1;
    if (!d || offset + size > d.config_size()) return ones;
    return d.config_read(offset, size) >>> 0;
  }

  pci_host_config_write(bus_num: number, devfn: number, offset: number, value: number, size: number): void {
    const d = this.pci_find_device(bus_num, devfn);
    if (!d || offset + size > d.config_size()) return;
    d.config_write(offset, value >>> 0, size);
  }

  private cf8_target(): { bus: number; devfn: number; reg: number } | null {
    if (!(this.config_reg & 0x80000000)) return null;
    return { bus: (this.config_reg >>> 16) & 0xff, devfn: (this.config_reg >>> 8) & 0xff, reg: this.config_reg & 0xfc };
  }

  private cf8_data_read(off: number, size: number): number {
    const t = this.cf8_target();
    if (!t) return size === 4 ? 0xffffffff : (1 << (size * 8)) - 1;
    return this.pci_host_config_read(t.bus, t.devfn, t.reg | off, size);
  }

  private cf8_data_write(off: number, v: number, size: number): void {
    const t = this.cf8_target();
    if (!t) return;
    this.pci_host_config_write(t.bus, t.devfn, t.reg | off, v, size);
  }

  private mmcfg_read(off: number, size: number): number {
    return this.pci_host_config_read(this.bus_nr + (off >>> 20), (off >>> 12) & 0xff, off & 0xfff, size);
  }

  private mmcfg_write(off: number, v: number, size: number): void {
    this.pci_host_config_write(this.bus_nr + (off >>> 20), (off >>> 12) & 0xff, off & 0xfff, v, size);
  }

  /** Every decoded BAR of every function visible from the CPU (bridges forwarding), as flat ranges. */
  bar_ranges(space: 'io' | 'mem'): FlatRange[] {
    const out: FlatRange[] = [];
    const visit = (bus: PCIBus, chain: PCIBridge[]) => {
      for (const d of bus.devices) {
        if (!d) continue;
        for (const r of d.io_regions) {
          if (!r || r.addr === PCI_BAR_UNMAPPED) continue;
          const is_io = (r.type & R.PCI_BASE_ADDRESS_SPACE_IO) !== 0;
          if (is_io !== (space === 'io')) continue;
          const pref = (r.type & R.PCI_BASE_ADDRESS_MEM_PREFETCH) !== 0;
          // pc_pci_as_mapping_init(): the PCI address space sits below system memory (priority -1), so a sysbus device a BAR overlaps still answers.
          if (chain.every((br) => br.forwards(space, r.addr, r.size, pref))) out.push({ base: r.addr, size: r.size, mr: r.memory, priority: space === 'mem' ? -1 : 0 });
        }
        const br = d as PCIBridge;
        if (br.sec_bus) visit(br.sec_bus, [...chain, br]);
      }
    };
    visit(this.root_bus, []);
    return out;
  }

  /** Human-readable ECAM address of a function's config register (for messages and tests). */
  ecam_address(bus: number, devfn: number, offset: number): string {
    return hex(this.mmcfg_base + ((bus - this.bus_nr) << 20) + (devfn << 12) + offset);
  }
}
