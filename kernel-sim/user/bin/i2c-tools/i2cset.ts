// Models i2c-tools 4.3 tools/i2cset.c: one write (send byte, byte data, word data, SMBus or I2C block) to a chip, with -m mask and -r read-back.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import {
  F, I2C_PEC, I2C_SMBUS_BLOCK_DATA, I2C_SMBUS_BYTE, I2C_SMBUS_BYTE_DATA, I2C_SMBUS_I2C_BLOCK_DATA, I2C_SMBUS_WORD_DATA, I2C_SMBUS_WRITE, hex2,
  i2c_funcs, i2c_smbus_access, i2c_smbus_read_byte, i2c_smbus_read_byte_data, i2c_smbus_read_word_data, i2c_smbus_write_byte,
  i2c_smbus_write_byte_data, i2c_smbus_write_word_data, lookup_i2c_bus, missing_func, open_i2c_dev, parse_i2c_address, set_slave_addr, strtol0,
} from './i2cbusses.ts';
import { strerror } from '../../../include/uapi/asm-generic/errno.ts';
import { confirm_prompt } from './util.ts';

const HELP = 'Usage: i2cset [-f] [-y] [-m MASK] [-r] [-a] I2CBUS CHIP-ADDRESS DATA-ADDRESS [VALUE] ... [MODE]\n'
  + '  I2CBUS is an integer or an I2C bus name\n'
  + '  ADDRESS is an integer (0x08 - 0x77, or 0x00 - 0x7f if -a is given)\n'
  + '  MODE is one of:\n'
  + '    c (byte, no value)\n'
  + '    b (byte data, default)\n'
  + '    w (word data)\n'
  + '    i (I2C block data)\n'
  + '    s (SMBus block data)\n'
  + '    Append p for SMBus PEC\n';

const NEEDS: Readonly<Record<number, [number, string]>> = {
  [I2C_SMBUS_BYTE]: [F.WRITE_BYTE, 'SMBus send byte'], [I2C_SMBUS_BYTE_DATA]: [F.WRITE_BYTE_DATA, 'SMBus write byte'],
  [I2C_SMBUS_WORD_DATA]: [F.WRITE_WORD_DATA, 'SMBus write word'], [I2C_SMBUS_BLOCK_DATA]: [F.WRITE_BLOCK_DATA, 'SMBus block write'],
  [I2C_SMBUS_I2C_BLOCK_DATA]: [F.WRITE_I2C_BLOCK, 'I2C block write'],
};

export function* i2cset_main(c: Libc, argv: string[]): KGen<number> {
  const help = function* () { yield* c.write(2, HELP); return 1; };
  let force = false, yes = false, readback = false, all = false, maskp: string | null = null;
  let i = 1;
  for (; i < argv.length && argv[i]!.startsWith('-') && argv[i]!.length > 1; i++) {
    const o = argv[i]![1]!;
    if (o === 'V') { yield* c.write(2, 'i2cset version 4.3\n'); return 0; }
    else if (o === 'f') force = true;
    else if (o === 'y') yes = true;
    else if (o === 'r') readback = true;
    else if (o === 'a') all = true;
    else if (o === 'm' && i + 1 < argv.length) maskp = argv[++i]!;
    else { yield* c.write(2, `Error: Unsupported option "${argv[i]}"!\n`); return yield* help(); }
  }
  const rest = argv.slice(i);
  if (rest.length < 3) return yield* help();
  const i2cbus = yield* lookup_i2c_bus(c, rest[0]!);
  if (i2cbus < 0) return yield* help();
  const address = yield* parse_i2c_address(c, rest[1]!, all);
  if (address < 0) return yield* help();
  const daddress = strtol0(rest[2]!);
  if (daddress === null || daddress < 0 || daddress > 0xff) { yield* c.write(2, 'Error: Data address invalid!\n'); return yield* help(); }
  // The last argument is a mode letter when it is not a number.
  let size = I2C_SMBUS_BYTE_DATA, pec = false;
  let vals = rest.slice(3);
  const last = vals.at(-1);
  if (last !== undefined && strtol0(last) === null) {
    const m = ({ c: I2C_SMBUS_BYTE, b: I2C_SMBUS_BYTE_DATA, w: I2C_SMBUS_WORD_DATA, s: I2C_SMBUS_BLOCK_DATA, i: I2C_SMBUS_I2C_BLOCK_DATA } as Record<string, number>)[last[0]!];
    if (m === undefined || last.length > 2 || (last.length === 2 && last[1] !== 'p')) { yield* c.write(2, 'Error: Invalid mode!\n'); return yield* help(); }
    size = m;
    pec = last[1] === 'p';
    vals = vals.slice(0, -1);
  } else if (!vals.length) size = I2C_SMBUS_BYTE;
  const block = size === I2C_SMBUS_BLOCK_DATA || size === I2C_SMBUS_I2C_BLOCK_DATA;
  if (size === I2C_SMBUS_BYTE && vals.length) { yield* c.write(2, 'Error: Value invalid!\n'); return yield* help(); }
  if (size !== I2C_SMBUS_BYTE && !vals.length) { yield* c.write(2, 'Error: No value specified!\n'); return yield* help(); }
  if (!block && vals.length > 1) { yield* c.write(2, 'Error: Too many arguments!\n'); return yield* help(); }
  const values: number[] = [];
  const vmax = size === I2C_SMBUS_WORD_DATA ? 0xffff : 0xff;
  for (const v of vals) {
    const n = strtol0(v);
    if (n === null || n < 0 || n > vmax) { yield* c.write(2, block ? `Error: Block data value invalid!\n` : 'Error: Value invalid!\n'); return yield* help(); }
    values.push(n);
  }
  let vmask = 0;
  if (maskp !== null) {
    const m = strtol0(maskp);
    if (m === null || m === 0 || block) { yield* c.write(2, 'Error: Data value mask invalid!\n'); return yield* help(); }
    vmask = m;
  }
  const opened = yield* open_i2c_dev(c, i2cbus, false);
  if (typeof opened === 'number') return 1;
  const [fd, filename] = opened;
  const funcs = yield* i2c_funcs(c, fd);
  const [need, what] = NEEDS[size]!;
  if (funcs < 0 || !(funcs & need)) { yield* c.write(2, missing_func(what)); return 1; }
  if ((yield* set_slave_addr(c, fd, address, force)) < 0) return 1;
  if (!yes) {
    const v = size === I2C_SMBUS_BYTE ? 'no data' : block ? 'data' : `data 0x${values[0]!.toString(16).padStart(size === I2C_SMBUS_WORD_DATA ? 4 : 2, '0')}`;
    const how = size === I2C_SMBUS_BYTE ? 'byte' : size === I2C_SMBUS_BYTE_DATA ? 'byte data' : size === I2C_SMBUS_WORD_DATA ? 'word data' : size === I2C_SMBUS_BLOCK_DATA ? 'SMBus block data' : 'I2C block data';
    const ok = yield* confirm_prompt(c, `I will write to device file ${filename}, chip address 0x${hex2(address)}, data address\n0x${hex2(daddress)}, ${v}${vmask ? `, mask 0x${vmask.toString(16)}` : ''}, using ${how}.\n`);
    if (!ok) return 0;
  }
  if (pec) {
    const [r] = yield* c.ioctl(fd, I2C_PEC, 1);
    if (r < 0) { yield* c.write(2, `Error: Could not set PEC: ${strerror(-r)}\n`); yield* c.close(fd); return 1; }
  }
  let value = values[0] ?? 0;
  if (vmask) {
    const old = size === I2C_SMBUS_WORD_DATA ? yield* i2c_smbus_read_word_data(c, fd, daddress) : yield* i2c_smbus_read_byte_data(c, fd, daddress);
    if (old < 0) { yield* c.write(2, 'Error: Failed to read old value\n'); return 1; }
    value = (value & vmask) | (old & ~vmask);
    if (!yes) yield* c.write(2, `Old value 0x${old.toString(16).padStart(size === I2C_SMBUS_WORD_DATA ? 4 : 2, '0')}, write mask 0x${vmask.toString(16)}, will write 0x${value.toString(16)}\n`);
  }
  let res: number;
  if (size === I2C_SMBUS_BYTE) res = yield* i2c_smbus_write_byte(c, fd, daddress);
  else if (size === I2C_SMBUS_WORD_DATA) res = yield* i2c_smbus_write_word_data(c, fd, daddress, value);
  else if (block) {
    const d = new Uint8Array(34);
    d[0] = values.length;
    d.set(values.slice(0, 32), 1);
    res = (yield* i2c_smbus_access(c, fd, I2C_SMBUS_WRITE, daddress, size, d))[0];
  } else res = yield* i2c_smbus_write_byte_data(c, fd, daddress, value);
  if (res < 0) { yield* c.write(2, 'Error: Write failed\n'); yield* c.close(fd); return 1; }
  if (!readback) { yield* c.close(fd); return 0; }
  const back = size === I2C_SMBUS_BYTE ? yield* i2c_smbus_read_byte(c, fd) : size === I2C_SMBUS_WORD_DATA ? yield* i2c_smbus_read_word_data(c, fd, daddress) : yield* i2c_smbus_read_byte_data(c, fd, daddress);
  yield* c.close(fd);
  const w = size === I2C_SMBUS_WORD_DATA ? 4 : 2;
  if (back < 0) yield* c.write(1, 'Warning - readback failed\n');
  else if (back !== value && size !== I2C_SMBUS_BYTE) yield* c.write(1, `Warning - data mismatch - wrote 0x${value.toString(16).padStart(w, '0')}, read back 0x${back.toString(16).padStart(w, '0')}\n`);
  else yield* c.write(1, `Value 0x${(size === I2C_SMBUS_BYTE ? back : value).toString(16).padStart(w, '0')} written, readback matched\n`);
  return 0;
}
