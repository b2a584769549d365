// Models linux/drivers/i2c/i2c-core-smbus.c: i2c_smbus_xfer (the adapter's SMBus engine, or SMBus emulated with I2C messages) and the i2c_smbus_read/write_* helpers drivers call.
import type { KGen } from '../../include/linux/sched.ts';
import {
  I2C_CLIENT_PEC, I2C_CLIENT_TEN, I2C_M_RD, I2C_M_RECV_LEN, I2C_SMBUS_BLOCK_DATA, I2C_SMBUS_BLOCK_MAX, I2C_SMBUS_BYTE, I2C_SMBUS_BYTE_DATA,
  I2C_SMBUS_I2C_BLOCK_DATA, I2C_SMBUS_PROC_CALL, I2C_SMBUS_QUICK, I2C_SMBUS_READ, I2C_SMBUS_WORD_DATA, I2C_SMBUS_WRITE, type i2c_adapter,
  type i2c_client, type i2c_msg, type i2c_smbus_data, i2c_smbus_data_alloc,
} from '../../include/linux/i2c.ts';
import { EAGAIN, EINVAL, EIO, EOPNOTSUPP, EPROTO } from '../../include/uapi/asm-generic/errno.ts';
import { mutex_lock, mutex_unlock } from '../../kernel/locking/mutex.ts';
import { call_maybe_gen } from '../base/base.ts';
import { dev_err } from '../base/core.ts';
import { __i2c_transfer } from './i2c-core-base.ts';

/** i2c_smbus_xfer_emulated(): the SMBus protocol as one or two I2C messages (write command, repeated START, read). */
function* i2c_smbus_xfer_emulated(adap: i2c_adapter, addr: number, flags: number, read_write: number, command: number, size: number, data: i2c_smbus_data): KGen<number> {
  const w = new Uint8Array(I2C_SMBUS_BLOCK_MAX + 3);
  const r = new Uint8Array(I2C_SMBUS_BLOCK_MAX + 2);
  const f = flags & I2C_CLIENT_TEN;
  const msgs: i2c_msg[] = [{ addr, flags: f, len: 1, buf: w }, { addr, flags: f | I2C_M_RD, len: 0, buf: r }];
  let nmsgs = read_write === I2C_SMBUS_READ ? 2 : 1;
  w[0] = command;
  switch (size) {
    case I2C_SMBUS_QUICK:
      msgs[0]!.len = 0;
      msgs[0]!.flags = f | (read_write === I2C_SMBUS_READ ? I2C_M_RD : 0);
      nmsgs = 1;
      break;
    case I2C_SMBUS_BYTE:
      if (read_write === I2C_SMBUS_READ) { msgs[0]!.flags = f | I2C_M_RD; msgs[0]!.buf = r; nmsgs = 1; }
      break;
    case I2C_SMBUS_BYTE_DATA:
      if (read_write === I2C_SMBUS_READ) msgs[1]!.len = 1;
      else { msgs[0]!.len = 2; w[1] = data[0]!; }
      break;
    case I2C_SMBUS_WORD_DATA:
      if (read_write === I2C_SMBUS_READ) msgs[1]!.len = 2;
      else { msgs[0]!.len = 3; w[1] = data[0]!; w[2] = data[1]!; }
      break;
    case I2C_SMBUS_PROC_CALL:
      nmsgs = 2;
      msgs[0]!.len = 3; w[1] = data[0]!; w[2] = data[1]!;
      msgs[1]!.len = 2;
      break;
    case I2C_SMBUS_BLOCK_DATA:
      if (read_write === I2C_SMBUS_READ) { msgs[1]!.flags |= I2C_M_RECV_LEN; msgs[1]!.len = 1; }
      else {
        const n = data[0]!;
        if (n > I2C_SMBUS_BLOCK_MAX || n === 0) { dev_err(adap.dev, `Invalid block write size ${n}`); return -EINVAL; }
        msgs[0]!.len = n + 2;
        w.set(data.subarray(0, n + 1), 1);
      }
      break;
    case I2C_SMBUS_I2C_BLOCK_DATA: {
      const n = data[0]!;
      if (n > I2C_SMBUS_BLOCK_MAX) { dev_err(adap.dev, `Invalid block ${read_write === I2C_SMBUS_READ ? 'read' : 'write'} size ${n}`); return -EINVAL; }
      if (read_write === I2C_SMBUS_READ) msgs[1]!.len = n;
      else { msgs[0]!.len = n + 1; w.set(data.subarray(1, n + 1), 1); }
      break;
    }
    default:
      dev_err(adap.dev, `Unsupported transaction ${size}`);
      return -EOPNOTSUPP;
  }
  for (const m of msgs) m.buf = m.buf.subarray(0, Math.max(m.len, m.flags & I2C_M_RECV_LEN ? I2C_SMBUS_BLOCK_MAX + 1 : 0));
  const status = yield* __i2c_transfer(adap, msgs.slice(0, nmsgs));
  if (status < 0) return status;
  if (status !== nmsgs) return -EIO;
  if (read_write === I2C_SMBUS_READ) {
    const rb = msgs[nmsgs - 1]!.buf;
    switch (size) {
      case I2C_SMBUS_BYTE: data[0] = rb[0]!; break;
      case I2C_SMBUS_BYTE_DATA: data[0] = rb[0]!; break;
      case I2C_SMBUS_WORD_DATA: case I2C_SMBUS_PROC_CALL: data[0] = rb[0]!; data[1] = rb[1]!; break;
      case I2C_SMBUS_I2C_BLOCK_DATA: data.set(rb.subarray(0, data[0]!), 1); break;
      case I2C_SMBUS_BLOCK_DATA:
        if (rb[0]! > I2C_SMBUS_BLOCK_MAX) return -EPROTO;
        data.set(rb.subarray(0, rb[0]! + 1), 0);
        break;
    }
  }
  return 0;
}

/** __i2c_smbus_xfer(): the adapter's own SMBus engine with retries, falling back to emulation where it says -EOPNOTSUPP. */
export function* __i2c_smbus_xfer(adap: i2c_adapter, addr: number, flags: number, read_write: number, command: number, size: number, data: i2c_smbus_data): KGen<number> {
  flags &= I2C_CLIENT_TEN | I2C_CLIENT_PEC;
  if (adap.algo.smbus_xfer) {
    let res = 0;
    for (let tries = 0; tries <= adap.retries; tries++) {
      res = yield* call_maybe_gen(adap.algo.smbus_xfer(adap, addr, flags, read_write, command, size, data));
      if (res !== -EAGAIN) break;
    }
    if (res !== -EOPNOTSUPP || !adap.algo.master_xfer) return res;
  }
  return yield* i2c_smbus_xfer_emulated(adap, addr, flags, read_write, command, size, data);
}

/** i2c_smbus_xfer(): one SMBus transaction under the bus lock; 0 or -errno, read data in `data`. */
export function* i2c_smbus_xfer(adap: i2c_adapter, addr: number, flags: number, read_write: number, command: number, size: number, data: i2c_smbus_data | null): KGen<number> {
  yield* mutex_lock(adap.bus_lock);
  try {
    return yield* __i2c_smbus_xfer(adap, addr, flags, read_write, command, size, data ?? i2c_smbus_data_alloc());
  } finally {
    mutex_unlock(adap.bus_lock);
  }
}

function* xfer(client: i2c_client, rw: number, command: number, size: number, data: i2c_smbus_data | null): KGen<number> {
  return yield* i2c_smbus_xfer(client.adapter, client.addr, client.flags, rw, command, size, data);
}

/** i2c_smbus_read_byte(): a byte, or -errno. */
export function* i2c_smbus_read_byte(client: i2c_client): KGen<number> {
  const d = i2c_smbus_data_alloc();
  const s = yield* xfer(client, I2C_SMBUS_READ, 0, I2C_SMBUS_BYTE, d);
  return s < 0 ? s : d[0]!;
}
export function* i2c_smbus_write_byte(client: i2c_client, value: number): KGen<number> {
  return yield* xfer(client, I2C_SMBUS_WRITE, value & 0xff, I2C_SMBUS_BYTE, null);
}
export function* i2c_smbus_read_byte_data(client: i2c_client, command: number): KGen<number> {
  const d = i2c_smbus_data_alloc();
  const s = yield* xfer(client, I2C_SMBUS_READ, command, I2C_SMBUS_BYTE_DATA, d);
  return s < 0 ? s : d[0]!;
}
export function* i2c_smbus_write_byte_data(client: i2c_client, command: number, value: number): KGen<number> {
  const d = i2c_smbus_data_alloc();
  d[0] = value;
  return yield* xfer(client, I2C_SMBUS_WRITE, command, I2C_SMBUS_BYTE_DATA, d);
}
/** SMBus words are little-endian on the wire; data.word is the host's u16. */
export function* i2c_smbus_read_word_data(client: i2c_client, command: number): KGen<number> {
  const d = i2c_smbus_data_alloc();
  const s = yield* xfer(client, I2C_SMBUS_READ, command, I2C_SMBUS_WORD_DATA, d);
  return s < 0 ? s : d[0]! | (d[1]! << 8);
}
export function* i2c_smbus_write_word_data(client: i2c_client, command: number, value: number): KGen<number> {
  const d = i2c_smbus_data_alloc();
  d[0] = value & 0xff;
  d[1] = (value >> 8) & 0xff;
  return yield* xfer(client, I2C_SMBUS_WRITE, command, I2C_SMBUS_WORD_DATA, d);
}
const swab16 = (v: number): number => ((v & 0xff) << 8) | ((v >> 8) & 0xff);
/** i2c_smbus_read_word_swapped(): for chips that send the MSB first (LM75). */
export function* i2c_smbus_read_word_swapped(client: i2c_client, command: number): KGen<number> {
  const v = yield* i2c_smbus_read_word_data(client, command);
  return v < 0 ? v : swab16(v);
}
export function* i2c_smbus_write_word_swapped(client: i2c_client, command: number, value: number): KGen<number> {
  return yield* i2c_smbus_write_word_data(client, command, swab16(value));
}
/** i2c_smbus_read_block_data(): the device says how many bytes (up to 32) into `values`; the count or -errno. */
export function* i2c_smbus_read_block_data(client: i2c_client, command: number, values: Uint8Array): KGen<number> {
  const d = i2c_smbus_data_alloc();
  const s = yield* xfer(client, I2C_SMBUS_READ, command, I2C_SMBUS_BLOCK_DATA, d);
  if (s) return s;
  values.set(d.subarray(1, 1 + Math.min(d[0]!, values.length)));
  return d[0]!;
}
export function* i2c_smbus_write_block_data(client: i2c_client, command: number, values: Uint8Array): KGen<number> {
  const d = i2c_smbus_data_alloc();
  const n = Math.min(values.length, I2C_SMBUS_BLOCK_MAX);
  d[0] = n;
  d.set(values.subarray(0, n), 1);
  return yield* xfer(client, I2C_SMBUS_WRITE, command, I2C_SMBUS_BLOCK_DATA, d);
}
/** i2c_smbus_read_i2c_block_data(): `length` bytes from `command` on; the count or -errno. */
export function* i2c_smbus_read_i2c_block_data(client: i2c_client, command: number, length: number, values: Uint8Array): KGen<number> {
  const d = i2c_smbus_data_alloc();
  d[0] = Math.min(length, I2C_SMBUS_BLOCK_MAX);
  const s = yield* xfer(client, I2C_SMBUS_READ, command, I2C_SMBUS_I2C_BLOCK_DATA, d);
  if (s < 0) return s;
  values.set(d.subarray(1, 1 + d[0]!));
  return d[0]!;
}
export function* i2c_smbus_write_i2c_block_data(client: i2c_client, command: number, length: number, values: Uint8Array): KGen<number> {
  const d = i2c_smbus_data_alloc();
  const n = Math.min(length, I2C_SMBUS_BLOCK_MAX);
  d[0] = n;
  d.set(values.subarray(0, n), 1);
  return yield* xfer(client, I2C_SMBUS_WRITE, command, I2C_SMBUS_I2C_BLOCK_DATA, d);
}
