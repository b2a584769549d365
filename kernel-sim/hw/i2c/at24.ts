// Models an AT24C02 serial EEPROM on I2C (QEMU hw/nvram/eeprom_at24c.c, Atmel AT24C02 datasheet): 256 bytes, an address pointer that reads advance, 8-byte page writes.
import type { HwContext } from '../core/qdev.ts';
import type { TypeInfo } from '../core/qom.ts';
import { type VMStateDescription, vmstate_info_buffer, vmstate_info_scalar } from '../core/vmstate.ts';
import { I2CSlave, type i2c_event } from './core.ts';
import { i2c_slave_plug } from './i2c_slave.ts';

/** Geometry per compatible: size in bytes and page size (the at24 driver's at24_chip_data). */
const AT24_CHIPS: Readonly<Record<string, { size: number; page: number }>> = {
  'atmel,24c01': { size: 128, page: 8 },
  'atmel,24c02': { size: 256, page: 8 },
};

export class AT24State extends I2CSlave {
  readonly type_info = { name: 'at24c-eeprom', desc: 'AT24C serial EEPROM' };
  readonly mem: Uint8Array;
  /** The address pointer: where the next read or write lands. */
  cur = 0;
  /** A write's first byte sets the pointer; the rest is data. */
  private haveaddr = false;
  private writing = false;
  /** Page writes so far (each costs the chip a write cycle). */
  page_writes = 0;

  constructor(ctx: HwContext, id: string, readonly size = 256, readonly page = 8) {
    super(ctx, id);
    // A blank EEPROM reads all ones.
    this.mem = new Uint8Array(size).fill(0xff);
  }

  event(ev: i2c_event): number {
    if (ev === 'I2C_START_SEND') {
      this.haveaddr = false;
      this.writing = true;
    } else if (ev === 'I2C_START_RECV') this.writing = false;
    else if (ev === 'I2C_FINISH' && this.writing && this.haveaddr) this.page_writes++;
    return 0;
  }

  send(data: number): number {
    if (!this.haveaddr) {
      this.cur = data % this.size;
      this.haveaddr = true;
      return 0;
    }
    this.mem[this.cur] = data;
    // Within a page the address rolls over: the 9th byte of a page write overwrites the page's first.
    const base = this.cur - (this.cur % this.page);
    this.cur = base + ((this.cur + 1) % this.page);
    return 0;
  }

  recv(): number {
    const v = this.mem[this.cur]!;
    this.cur = (this.cur + 1) % this.size;
    return v;
  }

  /** The contents survive reset (it is non-volatile); only the transfer state goes. */
  reset(): void {
    this.haveaddr = false;
    this.writing = false;
  }

  readonly vmsd: VMStateDescription<AT24State> = {
    name: 'at24c-eeprom',
    fields: [['mem', vmstate_info_buffer], ['cur', vmstate_info_scalar], ['haveaddr', vmstate_info_scalar], ['page_writes', vmstate_info_scalar]],
  };
}

export const types: TypeInfo<AT24State>[] = Object.entries(AT24_CHIPS).map(([compatible, g]) => ({
  name: 'at24c-eeprom', compatible, bus: 'i2c' as const,
  instance_init: (ctx: HwContext, n) => new AT24State(ctx, n.name, g.size, g.page),
  plug: i2c_slave_plug,
}));
