// Models QEMU hw/i2c/core.c: an I2C bus with slaves at 7-bit addresses; START (with direction), bytes, STOP.
import { DeviceState } from '../core/qdev.ts';

/** enum i2c_event: what a slave is told when the master addresses it or ends the transfer. */
export type i2c_event = 'I2C_START_RECV' | 'I2C_START_SEND' | 'I2C_FINISH' | 'I2C_NACK';

/** I2CSlaveClass: a device on the bus. event() returns nonzero to NACK its address. */
export abstract class I2CSlave extends DeviceState {
  /** The 7-bit address it answers (the node's reg). */
  address = 0;
  abstract event(ev: i2c_event): number;
  /** A byte from the master; returns nonzero to NACK it. */
  abstract send(data: number): number;
  /** A byte to the master. */
  abstract recv(): number;
}

/** I2CBus: the slaves by address and the one the current transfer addressed. */
export class I2CBus {
  readonly slaves = new Map<number, I2CSlave>();
  private current: I2CSlave | null = null;
  private receiving = false;

  constructor(readonly name: string) {}

  /** i2c_slave_realize_and_unref's attach: a second device at one address is a wiring error the caller reports. */
  attach(addr: number, dev: I2CSlave): string | null {
    if (addr < 0 || addr > 0x7f) return `I2C address 0x${addr.toString(16)} is not a 7-bit address`;
    const other = this.slaves.get(addr);
    if (other) return `I2C address 0x${addr.toString(16).padStart(2, '0')} is already used by ${other.id}`;
    dev.address = addr;
    this.slaves.set(addr, dev);
    return null;
  }

  busy(): boolean {
    return this.current !== null;
  }

  /** i2c_start_transfer(): 0 when a slave ACKs its address, 1 when nobody answers. A repeated START re-addresses. */
  start_transfer(addr: number, is_recv: boolean): number {
    const dev = this.slaves.get(addr);
    this.current = null;
    if (!dev || dev.event(is_recv ? 'I2C_START_RECV' : 'I2C_START_SEND')) return 1;
    this.current = dev;
    this.receiving = is_recv;
    return 0;
  }

  /** i2c_send(): 0 on ACK; a send with no transfer open, or during a read, NACKs. */
  send(data: number): number {
    if (!this.current || this.receiving) return 1;
    return this.current.send(data & 0xff);
  }

  /** i2c_recv(): the addressed slave's next byte; an idle bus reads 0xff (the pull-ups). */
  recv(): number {
    if (!this.current || !this.receiving) return 0xff;
    return this.current.recv() & 0xff;
  }

  /** i2c_nack(): the master NACKs the last byte it read (end of a read). */
  nack(): void {
    this.current?.event('I2C_NACK');
  }

  /** i2c_end_transfer(): STOP. */
  end_transfer(): void {
    this.current?.event('I2C_FINISH');
    this.current = null;
  }
}
