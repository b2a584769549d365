// Models QEMU hw/i386/pc_q35.c + hw/core/sysbus-fdt.c: builds a machine's hardware from a parsed device tree.
import { dtc_compile, format_diagnostic } from '../../scripts/dtc/dtc.ts';
import { type IncludeResolver, dtc_apply_overlay, dtc_parse } from '../../scripts/dtc/dtc-parser.ts';
import { dtc_check, pci_reg_devfn } from '../../scripts/dtc/checks.ts';
import { type DTNode, type DeviceTree, type Diagnostic, addr_size_cells, cells_to_number, find_by_phandle, get_node_by_path, prop_cells, prop_string, prop_strings, prop_u32, walk_nodes } from '../../scripts/dtc/livetree.ts';
import type { VirtualClock } from './clock.ts';
import { GuestErrorLog } from './guest-error.ts';
import { AddressSpace } from './memory.ts';
import { DeviceState, type DeviceSaveState, type HwContext, qdev_realize } from './qdev.ts';
import { SparseRAM } from './ram.ts';
import { IOAPICState, IOAPIC_DEFAULT_BASE_ADDRESS, type IrqSink } from '../intc/ioapic.ts';
import { HPETState, HPET_BASE } from '../timer/hpet.ts';
import type { SerialState } from '../char/serial.ts';
import type { KwbGpioState } from '../gpio/kwb-gpio.ts';
import { type ICH9LPCState, ICH9_LPC_PIC_NUM_PINS, ich9_default_irr } from '../isa/lpc_ich9.ts';
import { type BusKind, type InstanceEnv, type PlugEnv, type TypeInfo, type_lookup } from './qom.ts';
import { hw_types } from '../Kbuild.ts';
import { seabios_q35_setup } from '../i386/firmware.ts';
import { seabios_pci_setup } from '../i386/pciinit.ts';
import { acpi_setup } from '../i386/acpi-build.ts';
import { type DMADirection, type GuestMemory, type PCIDevice } from '../pci/pci.ts';
import { type PCIBus, PCIHostState } from '../pci/pci_host.ts';
import { PCI_DEVFN, PCI_SLOT } from '../pci/pci_regs.ts';

export interface MachineBuildOptions {
  /** File name for diagnostics. */
  file?: string;
  clock: VirtualClock;
  /** Interrupts leave the hardware here (the kernel's callback). */
  sink: IrqSink;
  log?: GuestErrorLog;
  /** Guest RAM; default: pages allocated on demand, size from /memory. */
  ram?: GuestMemory;
  /** The kernel's DMA-API check; default: every RAM address may be used for DMA. */
  isMappedForDma?: (addr: number, len: number, dir: DMADirection, dev: PCIDevice) => boolean;
  include?: IncludeResolver;
  /** Bytes a UART transmits: (index in ttyS order, byte). */
  chr_write?: (index: number, byte: number) => void;
  /**
   * What runs before the kernel: 'seabios' (default) programs the chipset and
   * places bus numbers, BARs, windows and interrupt lines as SeaBIOS does on
   * QEMU q35, so Linux finds them assigned; 'chipset' only sets up the chipset
   * (ECAM, PAM, LPC) and leaves every BAR and bridge at reset values for the
   * kernel to assign.
   */
  firmware?: 'seabios' | 'chipset';
}

export interface BuiltDevice {
  path: string;
  compatible: string;
  /** The bus it sits on: PCI functions are reset by their host, the others by the machine. */
  bus: BusKind;
  dev: DeviceState;
}

export interface MachineLed {
  path: string;
  label: string;
  gpio: KwbGpioState;
  line: number;
  active_low: boolean;
  trigger: string | null;
}

function reg_entries(n: DTNode): Array<{ addr: number; size: number }> {
  const reg = n.get_property('reg');
  if (!reg) return [];
  const { ac, sc } = addr_size_cells(n);
  const c = prop_cells(reg);
  const out: Array<{ addr: number; size: number }> = [];
  for (let i = 0; i + ac + sc <= c.length; i += ac + sc) out.push({ addr: cells_to_number(c, i, ac), size: cells_to_number(c, i + ac, sc) });
  return out;
}

/** The hardware of one machine, ready for the kernel to drive. */
export class KwbMachine {
  readonly system_memory: AddressSpace;
  readonly system_io: AddressSpace;
  ram!: GuestMemory;
  ram_size = 0;
  smp_cpus = 0;
  model = '';
  bootargs = '';
  ioapic!: IOAPICState;
  /** The HPET pc_basic_device_init always adds at 0xfed00000 (the ACPI HPET table announces it). */
  hpet!: HPETState;
  readonly pci_hosts: PCIHostState[] = [];
  /** UARTs in ttyS order (aliases serialN first, then tree order). */
  readonly serials: SerialState[] = [];
  readonly devices: BuiltDevice[] = [];
  readonly clocks: Array<{ path: string; name: string; rate: number }> = [];
  readonly leds: MachineLed[] = [];
  warnings: Diagnostic[] = [];
  /** PCI bus nodes (host and bridges) by device-tree path, for hotplug. */
  readonly buses = new Map<string, { bus: PCIBus; host: PCIHostState; where: string }>();
  /** Hosts whose ECAM the MCH places through PCIEXBAR (the others use reg as is). */
  readonly mch_hosts = new Set<PCIHostState>();
  /** The LPC bridge that routes each host's PIRQs (the firmware programs it). */
  readonly lpc_of = new Map<PCIHostState, ICH9LPCState>();
  /** GPIO controllers by device-tree path, for the LEDs that use them. */
  readonly gpio_controllers = new Map<string, KwbGpioState>();
  /** The (address, size) pairs of a node's reg in its parent's cells. */
  reg_entries(n: DTNode): Array<{ addr: number; size: number }> { return reg_entries(n); }
  /** Set by machine_build: builds one PCI function node onto a bus. */
  hotplug_build: ((k: DTNode, bus: PCIBus, host: PCIHostState, where: string) => { dev: PCIDevice | null; errors: Diagnostic[] }) | null = null;

  constructor(
    readonly tree: DeviceTree,
    readonly ctx: HwContext,
  ) {
    this.system_memory = new AddressSpace('system memory', 2 ** 52, ctx.log, () => ctx.clock.now_ns());
    this.system_io = new AddressSpace('I/O ports', 0x10000, ctx.log, () => ctx.clock.now_ns());
  }

  /** Config read for (segment, bus, devfn, offset): all ones where no function answers. */
  pci_config_read(segment: number, bus: number, devfn: number, offset: number, size: number): number {
    const h = this.pci_hosts.find((x) => x.segment === segment);
    return h ? h.pci_host_config_read(bus, devfn, offset, size) : size === 4 ? 0xffffffff : (1 << (size * 8)) - 1;
  }

  pci_config_write(segment: number, bus: number, devfn: number, offset: number, value: number, size: number): void {
    this.pci_hosts.find((x) => x.segment === segment)?.pci_host_config_write(bus, devfn, offset, value, size);
  }

  /** MMIO from the CPU: readb/w/l/q land here. */
  mmio_read(addr: number, size: number): number | bigint {
    return this.system_memory.read(addr, size);
  }
  mmio_write(addr: number, value: number | bigint, size: number): void {
    this.system_memory.write(addr, value, size);
  }
  /** Port I/O from the CPU: inb/outb ... */
  io_read(port: number, size: number): number {
    return Number(this.system_io.read(port, size));
  }
  io_write(port: number, value: number, size: number): void {
    this.system_io.write(port, value, size);
  }

  /**
   * Hot-plug (QEMU's device_add): `node_source` is one DTS node, e.g.
   * 'edu@5 { compatible = "qemu,edu"; reg = <0x2800 0 0 0 0>; };', added under
   * the PCI bus node `bus_path`. The function appears in config space; the
   * kernel finds it by rescanning. Returns file:line:column messages on error.
   */
  device_add(bus_path: string, node_source: string): { ok: true; dev: PCIDevice } | { ok: false; messages: string[] } {
    const bus = this.buses.get(bus_path);
    const parent = get_node_by_path(this.tree, bus_path);
    if (!bus || !parent) return { ok: false, messages: [`device_add: ${bus_path} is not a PCI bus node (known: ${[...this.buses.keys()].join(', ')})`] };
    const parsed = dtc_parse(`/dts-v1/;\n/plugin/;\n&{${bus_path}} {\n${node_source}\n};\n`, 'device_add');
    const syntax = parsed.diagnostics.filter((d) => d.severity === 'error');
    // Positions count from the first line of node_source (the wrapper takes 3 lines).
    const relative = (d: Diagnostic) => format_diagnostic(d.pos.file === 'device_add' ? { ...d, pos: { ...d.pos, line: Math.max(1, d.pos.line - 3) } } : d);
    if (syntax.length) return { ok: false, messages: syntax.map(relative) };
    const before = [...parent.children];
    const diags = [...dtc_apply_overlay(this.tree, parsed.tree), ...dtc_check(this.tree).filter((d) => d.severity === 'error' && d.pos.file === 'device_add')];
    const added = parent.children.filter((c) => !before.includes(c));
    if (!diags.some((d) => d.severity === 'error') && added.length !== 1) diags.push({ severity: 'error', pos: { file: 'device_add', line: 1, column: 1 }, message: 'device_add takes exactly one new node' });
    let dev: PCIDevice | null = null;
    if (!diags.some((d) => d.severity === 'error')) {
      const r = this.hotplug_build!(added[0]!, bus.bus, bus.host, bus.where);
      diags.push(...r.errors);
      dev = r.dev;
    }
    if (!dev || diags.some((d) => d.severity === 'error')) {
      parent.children = before;
      return { ok: false, messages: diags.filter((d) => d.severity === 'error').map(relative) };
    }
    return { ok: true, dev };
  }

  /** Hot-unplug (QEMU's device_del): the function (and anything behind it) leaves config space and the tree. */
  device_del(path: string): boolean {
    const d = this.devices.find((x) => x.path === path);
    const node = get_node_by_path(this.tree, path);
    if (!d || !node || !('devfn' in d.dev)) return false;
    const dev = d.dev as PCIDevice;
    (dev.bus as PCIBus | null)?.detach(dev);
    const gone = (p: string) => p === path || p.startsWith(path + '/');
    for (let i = this.devices.length - 1; i >= 0; i--) if (gone(this.devices[i]!.path)) this.devices.splice(i, 1);
    for (const k of [...this.buses.keys()]) if (gone(k)) this.buses.delete(k);
    if (node.parent) node.parent.children = node.parent.children.filter((c) => c !== node);
    return true;
  }

  find_device(path: string): DeviceState | undefined {
    return this.devices.find((d) => d.path === path)?.dev;
  }

  /** Every PCI function, depth first. */
  *pci_functions(): Generator<PCIDevice> {
    for (const h of this.pci_hosts) yield* h.root_bus.walk();
  }

  /** qemu_system_reset(): every device to power-on state, then the firmware's chipset setup. */
  reset(): void {
    this.ioapic.reset();
    this.hpet.reset();
    for (const d of this.devices) if (d.bus !== 'pci' && d.dev !== this.ioapic) d.dev.reset();
    for (const h of this.pci_hosts) h.reset();
    this.run_firmware();
  }

  firmware: 'seabios' | 'chipset' = 'seabios';

  /** The firmware's setup after power-on or reset. */
  run_firmware(): void {
    for (const h of this.pci_hosts) {
      seabios_q35_setup(h, this.ecam_base(h));
      if (this.firmware === 'seabios') seabios_pci_setup(h, this.lpc_of.get(h) ?? null);
    }
    if (this.firmware === 'seabios') acpi_setup(this);
  }

  private ecam_bases = new Map<PCIHostState, number>();
  ecam_base(h: PCIHostState): number {
    return this.ecam_bases.get(h) ?? 0xb0000000;
  }
  set_ecam_base(h: PCIHostState, base: number): void {
    this.ecam_bases.set(h, base);
  }

  save(): DeviceSaveState {
    const devices: Record<string, DeviceSaveState> = {};
    for (const d of this.devices) devices[d.path] = d.dev.save();
    return { devices, hosts: this.pci_hosts.map((h) => h.save()), ioapic: this.ioapic.save(), hpet: this.hpet.save() };
  }

  load(s: DeviceSaveState): void {
    const devs = s.devices as Record<string, DeviceSaveState>;
    for (const d of this.devices) if (devs[d.path]) d.dev.load(devs[d.path]!);
    (s.hosts as DeviceSaveState[]).forEach((hs, i) => this.pci_hosts[i]?.load(hs));
    this.ioapic.load(s.ioapic as DeviceSaveState);
    if (s.hpet) this.hpet.load(s.hpet as DeviceSaveState);
  }
}

export type MachineBuildResult = { ok: true; machine: KwbMachine; warnings: Diagnostic[]; messages: string[] } | { ok: false; errors: Diagnostic[]; messages: string[] };

/**
 * machine_build(): parse + check the DTS, then build the hardware. A DTS with
 * errors builds nothing: the result carries file:line:column messages.
 */
export function machine_build(source: string, opts: MachineBuildOptions): MachineBuildResult {
  const file = opts.file ?? 'machine.dts';
  const r = dtc_compile(source, file, opts.include);
  if (r.failed) return { ok: false, errors: r.diagnostics.filter((d) => d.severity === 'error'), messages: r.messages };
  const ctx: HwContext = { clock: opts.clock, log: opts.log ?? new GuestErrorLog() };
  const m = new KwbMachine(r.tree, ctx);
  const errors: Diagnostic[] = [];
  const fail = (n: DTNode, message: string) => errors.push({ severity: 'error', pos: n.pos, message });
  m.warnings = r.diagnostics;
  const root = r.tree.root;
  m.model = prop_string(root, 'model') ?? '';
  m.bootargs = prop_string(root.get_child('chosen') ?? root, 'bootargs') ?? '';
  m.smp_cpus = root.get_child('cpus')?.children.filter((c) => c.basename === 'cpu' && c.is_available()).length ?? 0;
  for (const n of root.children) {
    if (prop_string(n, 'device_type') === 'memory') for (const e of reg_entries(n)) m.ram_size = Math.max(m.ram_size, e.addr + e.size);
  }
  m.ram = opts.ram ?? new SparseRAM(m.ram_size);
  const isMapped = opts.isMappedForDma ?? (() => true);

  // Interrupt controller (q35 always has one; the node places it).
  m.ioapic = new IOAPICState(ctx, opts.sink);
  qdev_realize(m.ioapic);
  const ioapic_node = [...walk_nodes(root)].find((n) => n.is_compatible('intel,ce4100-ioapic'));
  m.system_memory.memory_region_add_subregion(ioapic_node ? (reg_entries(ioapic_node)[0]?.addr ?? IOAPIC_DEFAULT_BASE_ADDRESS) : IOAPIC_DEFAULT_BASE_ADDRESS, m.ioapic.mmio);
  if (ioapic_node) m.devices.push({ path: ioapic_node.full_path, compatible: 'intel,ce4100-ioapic', bus: 'sysbus', dev: m.ioapic });
  // The HPET, wired to every I/O APIC input as pc_basic_device_init connects it.
  m.hpet = new HPETState(ctx, m.ioapic.irqs);
  qdev_realize(m.hpet);
  m.system_memory.memory_region_add_subregion(HPET_BASE, m.hpet.mmio);

  // Instance names: the model name, numbered when a machine has several.
  const counts = new Map<string, number>();
  for (const n of walk_nodes(root)) {
    const c = type_lookup(hw_types, 'pci', n)?.compatible;
    if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const ienv: InstanceEnv = { smp_cpus: m.smp_cpus, chr_write: (dev, b) => opts.chr_write?.(m.serials.indexOf(dev as SerialState), b) };
  const plug_env = (node: DTNode, host: PCIHostState | null, parent: DeviceState | null): PlugEnv => ({ node, machine: m, host, parent, fail: (msg) => fail(node, msg) });
  /** Plugs a realized instance in and builds the buses it offers. */
  const plug = (t: TypeInfo, dev: DeviceState, k: DTNode, host: PCIHostState | null, parent: DeviceState | null, where: string) => {
    const child = t.plug?.(dev, plug_env(k, host, parent));
    if (child?.pci && host) {
      m.buses.set(k.full_path, { bus: child.pci, host, where: `${where}/` });
      build_bus(k, child.pci, host, `${where}/`);
    }
    if (child?.isa) build_isa(k, child.isa, host);
    if (child?.i2c) build_i2c(k, dev, host);
  };
  const seen = new Map<string, number>();
  const instance_id = (c: string, dev_name: string, where: string) => {
    const i = seen.get(c) ?? 0;
    seen.set(c, i + 1);
    return (counts.get(c) ?? 0) > 1 ? `${dev_name}@${where}` : dev_name;
  };

  const build_bus = (bus_node: DTNode, bus: PCIBus, host: PCIHostState, path_bdf: string) => {
    const kids = bus_node.children.filter((c) => c.is_available() && c.get_property('compatible'));
    const slots = new Map<number, number[]>();
    for (const k of kids) {
      const d = pci_reg_devfn(k);
      if (!d) continue;
      slots.set(d.dev, [...(slots.get(d.dev) ?? []), d.fn]);
    }
    for (const [slot, fns] of slots) {
      if (!fns.includes(0)) {
        const k = kids.find((x) => pci_reg_devfn(x)?.dev === slot)!;
        fail(k, `slot ${slot.toString(16)} has function ${fns[0]} but no function 0: Linux scans functions 1-7 only when function 0 exists`);
      }
    }
    for (const k of kids) build_fn(k, bus, host, path_bdf, (slots.get(pci_reg_devfn(k)?.dev ?? -1)?.length ?? 0) > 1);
  };
  const build_fn = (k: DTNode, bus: PCIBus, host: PCIHostState, path_bdf: string, multifunction: boolean): PCIDevice | null => {
    const d = pci_reg_devfn(k);
    const t = type_lookup(hw_types, 'pci', k);
    if (!d || !t) return null;
    const c = t.compatible;
    const devfn = PCI_DEVFN(d.dev, d.fn);
    const where = `${path_bdf}${d.dev.toString(16).padStart(2, '0')}.${d.fn}`;
    const probe = t.instance_init(ctx, k, ienv) as PCIDevice;
    probe.id = instance_id(c, probe.type_info.name, where);
    probe.multifunction = multifunction;
    if (bus.devices[devfn]) {
      fail(k, `devfn ${d.dev.toString(16)}.${d.fn} is already used by ${bus.devices[devfn]!.id}`);
      return null;
    }
    qdev_realize(probe);
    bus.attach(probe, devfn);
    m.devices.push({ path: k.full_path, compatible: c, bus: 'pci', dev: probe });
    plug(t, probe, k, host, null, where);
    return probe;
  };
  m.hotplug_build = (k, bus, host, where) => {
    errors.length = 0;
    counts.set(type_lookup(hw_types, 'pci', k)?.compatible ?? '', 2);
    const dev = build_fn(k, bus, host, where, false);
    return { dev, errors: [...errors] };
  };

  const build_isa = (isa_node: DTNode, lpc: ICH9LPCState, host: PCIHostState | null) => {
    for (const k of isa_node.children) {
      const t = k.is_available() ? type_lookup(hw_types, 'isa', k) : undefined;
      if (!t) continue;
      const dev = t.instance_init(ctx, k, ienv);
      qdev_realize(dev);
      m.devices.push({ path: k.full_path, compatible: t.compatible, bus: 'isa', dev });
      plug(t, dev, k, host, lpc, '');
    }
  };

  // I2C slaves below a controller: each type attaches itself at its reg (hw/i2c/i2c_slave.ts).
  const build_i2c = (bus_node: DTNode, ctl: DeviceState, host: PCIHostState | null) => {
    for (const k of bus_node.children) {
      const t = k.is_available() ? type_lookup(hw_types, 'i2c', k) : undefined;
      if (!t) continue;
      const dev = t.instance_init(ctx, k, ienv);
      qdev_realize(dev);
      m.devices.push({ path: k.full_path, compatible: t.compatible, bus: 'i2c', dev });
      plug(t, dev, k, host, ctl, '');
    }
  };

  // PCI hosts.
  for (const n of walk_nodes(root)) {
    if (!n.is_compatible('pci-host-ecam-generic') || !n.is_available()) continue;
    const ecam = reg_entries(n)[0];
    const br = n.get_property('bus-range') ? prop_cells(n.get_property('bus-range')!) : [0n, 255n];
    const segment = prop_u32(n, 'linux,pci-domain') ?? m.pci_hosts.length;
    const bus_nr = Number(br[0]);
    const nbus = Number(br[1]) - bus_nr + 1;
    const default_irr = ich9_default_irr();
    const host = new PCIHostState(ctx, `pcie-host${segment ? segment : ''}`, segment, bus_nr, m.system_memory, m.system_io, {
      map_irq: (d, pin) => { const lpc = m.lpc_of.get(host); return lpc ? lpc.map_irq_gsi(d.devfn, pin) : ICH9_LPC_PIC_NUM_PINS + default_irr[PCI_SLOT(d.devfn)]![pin]!; },
      set_irq: (gsi, level) => m.ioapic.ioapic_set_irq(gsi, level),
      msi: (msg, dev) => m.ioapic.apic_deliver_msi(msg, dev.id),
    }, nbus << 20);
    host.dma = { ram: m.ram, isMappedForDma: isMapped };
    if (segment === 0) host.map_cf8_cfc();
    m.pci_hosts.push(host);
    m.set_ecam_base(host, ecam?.addr ?? 0xb0000000);
    m.buses.set(n.full_path, { bus: host.root_bus, host, where: '' });
    build_bus(n, host.root_bus, host, '');
    // Without an MCH to program PCIEXBAR, ECAM is simply where reg says.
    if (!m.mch_hosts.has(host)) host.pcie_host_mmcfg_update(true, ecam?.addr ?? 0xb0000000);
  }

  // UART numbering: aliases serialN, then tree order.
  const aliases = root.get_child('aliases');
  const alias_idx = (n: DTNode) => {
    for (const p of aliases?.props ?? []) {
      const mm = /^serial(\d+)$/.exec(p.name);
      const target = p.chunks[0]?.kind === 'path' ? p.chunks[0].path : prop_strings(p)[0];
      if (mm && target === n.full_path) return Number(mm[1]);
    }
    return 1000;
  };
  const node_of = (s: SerialState) => get_node_by_path(r.tree, m.devices.find((d) => d.dev === s)!.path)!;
  m.serials.sort((a, b) => alias_idx(node_of(a)) - alias_idx(node_of(b)));

  // Platform devices.
  for (const n of walk_nodes(root)) {
    if (!n.is_available()) continue;
    if (n.is_compatible('fixed-clock')) {
      const names = n.get_property('clock-output-names');
      m.clocks.push({ path: n.full_path, name: names ? prop_strings(names)[0]! : n.name, rate: prop_u32(n, 'clock-frequency')! });
    } else {
      const t = type_lookup(hw_types, 'sysbus', n);
      if (!t) continue;
      const dev = t.instance_init(ctx, n, ienv);
      qdev_realize(dev);
      m.devices.push({ path: n.full_path, compatible: t.compatible, bus: 'sysbus', dev });
      plug(t, dev, n, null, null, '');
    }
  }
  for (const n of walk_nodes(root)) {
    if (!n.is_available() || !n.is_compatible('gpio-leds')) continue;
    for (const led of n.children) {
      const g = prop_cells(led.get_property('gpios')!);
      const ctl = find_by_phandle(r.tree, Number(g[0]));
      const dev = ctl ? m.gpio_controllers.get(ctl.full_path) : undefined;
      if (!dev) {
        fail(led, `"gpios" of ${led.full_path} must point at a GPIO controller (kwb,simple-gpio)`);
        continue;
      }
      const line = Number(g[1] ?? 0n);
      if (line >= dev.ngpios) fail(led, `LED ${led.full_path} uses line ${line}, but ${ctl!.full_path} has only ${dev.ngpios} lines`);
      m.leds.push({ path: led.full_path, label: prop_string(led, 'label') ?? led.name, gpio: dev, line, active_low: (Number(g[2] ?? 0n) & 1) === 1, trigger: prop_string(led, 'linux,default-trigger') ?? null });
    }
  }
  if (errors.length) return { ok: false, errors, messages: errors.map((e) => `${e.pos.file}:${e.pos.line}:${e.pos.column}: error: ${e.message}`) };
  m.firmware = opts.firmware ?? 'seabios';
  m.run_firmware();
  return { ok: true, machine: m, warnings: r.diagnostics, messages: r.messages };
}

export { get_node_by_path };
