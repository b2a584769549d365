// Models QEMU qom/object.c (TypeInfo, type_register) and the bus kinds of hw/core/qdev.c: device types as data, found per bus by device-tree compatible.
//
// A model file exports its types (`export const types: TypeInfo[] = [...]`) and
// hw/Kbuild.ts lists the model files; the machine builder looks a node up in the
// table of the bus it sits on, makes the instance, and lets the type plug it in.
// Building a machine therefore never asks what class a device is.
import type { DTNode } from '../../scripts/dtc/livetree.ts';
import { prop_cells, prop_strings } from '../../scripts/dtc/livetree.ts';
import type { DeviceState, HwContext } from './qdev.ts';
import type { KwbMachine } from './machine-builder.ts';
import type { PCIBus, PCIHostState } from '../pci/pci_host.ts';
import type { ICH9LPCState } from '../isa/lpc_ich9.ts';
import type { I2CBus } from '../i2c/core.ts';

/** The bus a type plugs into (QEMU's TYPE_PCI_DEVICE / TYPE_ISA_DEVICE / TYPE_SYS_BUS_DEVICE parents). */
export type BusKind = 'pci' | 'isa' | 'sysbus' | 'i2c' | 'ssi';

/** What instance_init may use besides its node: the machine's shape and the UART output. */
export interface InstanceEnv {
  smp_cpus: number;
  /** Bytes a UART transmits go here, tagged with the device. */
  chr_write(dev: DeviceState, byte: number): void;
}

/** Where a realized instance lands: its node, the machine, the PCI host above it, the device owning its bus. */
export interface PlugEnv {
  node: DTNode;
  machine: KwbMachine;
  host: PCIHostState | null;
  /** The device whose bus this is (the ISA bridge for an ISA device), or null. */
  parent: DeviceState | null;
  /** A line:column error at the node: the machine is not built. */
  fail(message: string): void;
}

/** Buses a device provides for the nodes below it. */
export interface ChildBuses {
  pci?: PCIBus;
  isa?: ICH9LPCState;
  /** An I2C/SMBus segment: its child nodes are slaves at their reg addresses. */
  i2c?: I2CBus;
}

/** TypeInfo + DeviceClass, as data: the name, what it is in the device tree, its bus, how to make and plug one. */
export interface TypeInfo<D extends DeviceState = any> {
  /** QEMU type name: instance names start from it ("edu", "edu@00:02.0"). */
  name: string;
  /** The device-tree compatible it instantiates. */
  compatible: string;
  bus: BusKind;
  /** instance_init plus the properties the node sets. */
  instance_init(ctx: HwContext, node: DTNode, env: InstanceEnv): D;
  /** The hotplug handler's plug: wires the realized instance into the machine; may offer buses to its children. */
  plug?(dev: D, env: PlugEnv): ChildBuses | void;
}

/** A model file as hw/Kbuild.ts lists it. */
export interface hw_unit {
  readonly types?: readonly TypeInfo[];
}

export type TypeRegistry = Readonly<Record<BusKind, ReadonlyMap<string, TypeInfo>>>;

/** type_register for every listed unit: one table per bus; a compatible registered twice on a bus is an error. */
export function type_register(units: readonly hw_unit[]): TypeRegistry {
  const reg: Record<BusKind, Map<string, TypeInfo>> = { pci: new Map(), isa: new Map(), sysbus: new Map(), i2c: new Map(), ssi: new Map() };
  for (const u of units) {
    for (const t of u.types ?? []) {
      if (reg[t.bus].has(t.compatible)) throw new Error(`type_register: ${t.compatible} registered twice on the ${t.bus} bus`);
      reg[t.bus].set(t.compatible, t);
    }
  }
  return reg;
}

/** The type a node instantiates on `bus`: its first compatible string that has one. */
export function type_lookup(reg: TypeRegistry, bus: BusKind, node: DTNode): TypeInfo | undefined {
  const c = node.get_property('compatible');
  if (!c) return undefined;
  for (const s of prop_strings(c)) {
    const t = reg[bus].get(s);
    if (t) return t;
  }
  return undefined;
}

/** A 64-bit property (one or two cells), as the models' options take it. */
export function u64_prop(n: DTNode, name: string): bigint | undefined {
  const p = n.get_property(name);
  if (!p) return undefined;
  const c = prop_cells(p);
  return c.length === 2 ? (c[0]! << 32n) | c[1]! : c[0];
}
