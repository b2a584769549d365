// Models QEMU hw/i2c/smbus_master.c: the SMBus protocols (quick, byte, byte data, word data, block, I2C block) as I2C transfers.
import type { I2CBus } from './core.ts';

/** -1: the device did not ACK (the controller reports DEV_ERR). */
const NACK = -1;

export function smbus_quick_command(bus: I2CBus, addr: number, read: boolean): number {
  if (bus.start_transfer(addr, read)) return NACK;
  bus.end_transfer();
  return 0;
}

export function smbus_receive_byte(bus: I2CBus, addr: number): number {
  if (bus.start_transfer(addr, true)) return NACK;
  const data = bus.recv();
  bus.nack();
  bus.end_transfer();
  return data;
}

export function smbus_send_byte(bus: I2CBus, addr: number, data: number): number {
  if (bus.start_transfer(addr, false)) return NACK;
  const r = bus.send(data);
  bus.end_transfer();
  return r ? NACK : 0;
}

/** A write of the command byte then a repeated START for reading: the combined format SMBus reads use. */
function command_then_read(bus: I2CBus, addr: number, command: number): boolean {
  if (bus.start_transfer(addr, false)) return false;
  if (bus.send(command)) {
    bus.end_transfer();
    return false;
  }
  if (bus.start_transfer(addr, true)) {
    bus.end_transfer();
    return false;
  }
  return true;
}

export function smbus_read_byte(bus: I2CBus, addr: number, command: number): number {
  if (!command_then_read(bus, addr, command)) return NACK;
  const data = bus.recv();
  bus.nack();
  bus.end_transfer();
  return data;
}

/** Writes the command and `bytes` in one transfer; NACK on any byte ends it. */
function write_bytes(bus: I2CBus, addr: number, command: number, bytes: readonly number[]): number {
  if (bus.start_transfer(addr, false)) return NACK;
  for (const b of [command, ...bytes]) {
    if (bus.send(b)) {
      bus.end_transfer();
      return NACK;
    }
  }
  bus.end_transfer();
  return 0;
}

export function smbus_write_byte(bus: I2CBus, addr: number, command: number, data: number): number {
  return write_bytes(bus, addr, command, [data]);
}

/** SMBus words travel low byte first. */
export function smbus_read_word(bus: I2CBus, addr: number, command: number): number {
  if (!command_then_read(bus, addr, command)) return NACK;
  const lo = bus.recv();
  const hi = bus.recv();
  bus.nack();
  bus.end_transfer();
  return lo | (hi << 8);
}

export function smbus_write_word(bus: I2CBus, addr: number, command: number, data: number): number {
  return write_bytes(bus, addr, command, [data & 0xff, (data >> 8) & 0xff]);
}

/** SMBus block read: the device sends a count first (1..32); an I2C block read (`i2c`) reads `len` bytes without one. */
export function smbus_read_block(bus: I2CBus, addr: number, command: number, len: number, i2c: boolean): number[] | null {
  if (!command_then_read(bus, addr, command)) return null;
  const n = i2c ? len : Math.min(bus.recv(), 32);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(bus.recv());
  bus.nack();
  bus.end_transfer();
  return out;
}

/** SMBus block write sends the count; an I2C block write does not. */
export function smbus_write_block(bus: I2CBus, addr: number, command: number, data: readonly number[], i2c: boolean): number {
  return write_bytes(bus, addr, command, i2c ? data : [data.length, ...data]);
}
