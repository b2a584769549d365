// Models QEMU hw/ssi/ssi.c: a synchronous serial (SPI) bus with chip-select lines and the peripherals on them.
//
// A controller owns one SSIBus. Each peripheral sits on a chip select (its
// device-tree reg). Selecting a chip select starts a frame for that device;
// every word the controller shifts out is answered by one shifted in, as the
// MOSI and MISO wires do on each clock. A peripheral samples on the edge its
// SPI mode names (CPOL/CPHA); a controller clocking it in another mode sees
// the data one bit off, as a mismatched bus does.
import type { DTNode } from '../../scripts/dtc/livetree.ts';
import { prop_strings } from '../../scripts/dtc/livetree.ts';
import { DeviceState } from '../core/qdev.ts';
import type { TypeInfo } from '../core/qom.ts';

/** SPI mode bits (CPHA = bit 0, CPOL = bit 1), as include/uapi/linux/spi/spi.h numbers them. */
export const SPI_CPHA = 0x01, SPI_CPOL = 0x02;

/** QEMU's SSIPeripheralClass: what the bus calls on a device. */
export abstract class SSIPeripheral extends DeviceState {
  /** The modes the part works in (datasheet: "SPI modes 0 and 3"). */
  abstract readonly spi_modes: readonly number[];
  /** Chip select (reg) on its controller. */
  cs = 0;
  /** Whether its chip select is asserted. */
  selected = false;
  /** One byte in, one byte out, while selected. */
  abstract transfer(tx: number): number;
  /** The chip select was asserted (true) or released (false): a command ends on release. */
  abstract set_cs(select: boolean): void;
}

/** A peripheral type on the SSI bus (QEMU's TYPE_SSI_PERIPHERAL children): registered on the 'ssi' bus, instantiated by its controller. */
export type SSITypeInfo = TypeInfo<SSIPeripheral> & { bus: 'ssi' };

export class SSIBus {
  readonly devices: SSIPeripheral[] = [];

  constructor(readonly num_cs: number) {}

  attach(dev: SSIPeripheral): void { this.devices.push(dev); }

  /** Drives the chip-select lines: bit n of `mask` asserts chip select n (the SER register's meaning). */
  set_cs_mask(mask: number): void {
    for (const d of this.devices) {
      const sel = ((mask >>> d.cs) & 1) === 1;
      if (sel !== d.selected) { d.selected = sel; d.set_cs(sel); }
    }
  }

  /**
   * ssi_transfer: shifts one frame of `bits` (4..32) out MSB first in SPI `mode`; returns the frame
   * shifted in. Nothing selected leaves MISO floating high (all ones), as a pulled-up line reads.
   */
  transfer(word: number, bits: number, mode: number): number {
    const sel = this.devices.filter((d) => d.selected);
    if (!sel.length) return bits >= 32 ? 0xffffffff : (2 ** bits) - 1;
    let rx = 0;
    for (const d of sel) rx |= frame(d, word, bits, mode);
    return rx >>> 0;
  }
}

/** One frame to one device, byte by byte, MSB first; a mode the part does not take shifts both directions by a bit. */
function frame(d: SSIPeripheral, word: number, bits: number, mode: number): number {
  const skew = !d.spi_modes.includes(mode & (SPI_CPHA | SPI_CPOL));
  const nbytes = Math.ceil(bits / 8);
  const mask = bits >= 32 ? 0xffffffff : (2 ** bits) - 1;
  const out = skew ? ((word << 1) & mask) : word & mask;
  let rx = 0;
  for (let i = nbytes - 1; i >= 0; i--) rx = rx * 256 + (d.transfer(Math.floor(out / 2 ** (8 * i)) & 0xff) & 0xff);
  if (skew) rx = Math.floor(rx / 2);
  return (rx % 2 ** bits) >>> 0;
}

/** The SPI devices below a controller node: available children with a compatible and a reg (chip select). */
export function ssi_child_nodes(n: DTNode): DTNode[] {
  return n.children.filter((c) => c.is_available() && c.get_property('compatible'));
}

/** The first compatible of `n` a table knows. */
export function ssi_type_lookup(table: readonly SSITypeInfo[], n: DTNode): SSITypeInfo | undefined {
  const c = n.get_property('compatible');
  if (!c) return undefined;
  for (const s of prop_strings(c)) { const t = table.find((x) => x.compatible === s); if (t) return t; }
  return undefined;
}
