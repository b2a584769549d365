// Models i2c-tools 4.3 tools/i2cget.c: one read (receive byte, byte data, word data, SMBus or I2C block) from a chip through /dev/i2c-N.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import {
  F, I2C_PEC, I2C_SMBUS_BLOCK_DATA, I2C_SMBUS_BYTE, I2C_SMBUS_BYTE_DATA, I2C_SMBUS_I2C_BLOCK_DATA, I2C_SMBUS_WORD_DATA, hex2, i2c_funcs,
  i2c_smbus_read_block_data, i2c_smbus_read_byte, i2c_smbus_read_byte_data, i2c_smbus_read_i2c_block_data, i2c_smbus_read_word_data,
  i2c_smbus_write_byte, lookup_i2c_bus, missing_func, open_i2c_dev, parse_i2c_address, set_slave_addr, strtol0, take_flags,
} from './i2cbusses.ts';
import { strerror } from '../../../include/uapi/asm-generic/errno.ts';
import { confirm_prompt } from './util.ts';

const HELP = 'Usage: i2cget [-f] [-y] [-a] I2CBUS CHIP-ADDRESS [DATA-ADDRESS [MODE [LENGTH]]]\n'
  + '  I2CBUS is an integer or an I2C bus name\n'
  + '  ADDRESS is an integer (0x08 - 0x77, or 0x00 - 0x7f if -a is given)\n'
  + '  MODE is one of:\n'
  + '    b (read byte data, default)\n'
  + '    w (read word data)\n'
  + '    c (write byte/read byte)\n'
  + '    s (read SMBus block data)\n'
  + '    i (read I2C block data)\n'
  + '    Append p for SMBus PEC\n'
  + '  LENGTH is the I2C block data length (between 1 and 32, default 32)\n';

const MODES: Readonly<Record<string, number>> = { b: I2C_SMBUS_BYTE_DATA, w: I2C_SMBUS_WORD_DATA, c: I2C_SMBUS_BYTE, s: I2C_SMBUS_BLOCK_DATA, i: I2C_SMBUS_I2C_BLOCK_DATA };
/** check_funcs(): what each mode needs from the adapter. */
const NEEDS: Readonly<Record<number, [number, string]>> = {
  [I2C_SMBUS_BYTE]: [F.READ_BYTE, 'SMBus receive byte'], [I2C_SMBUS_BYTE_DATA]: [F.READ_BYTE_DATA, 'SMBus read byte'],
  [I2C_SMBUS_WORD_DATA]: [F.READ_WORD_DATA, 'SMBus read word'], [I2C_SMBUS_BLOCK_DATA]: [F.READ_BLOCK_DATA, 'SMBus block read'],
  [I2C_SMBUS_I2C_BLOCK_DATA]: [F.READ_I2C_BLOCK, 'I2C block read'],
};

export function* i2cget_main(c: Libc, argv: string[]): KGen<number> {
  const help = function* () { yield* c.write(2, HELP); return 1; };
  const { flags, rest, bad } = take_flags(argv, 'Vfya');
  if (bad) { yield* c.write(2, `Error: Unsupported option "${bad}"!\n`); return yield* help(); }
  if (flags.has('V')) { yield* c.write(2, 'i2cget version 4.3\n'); return 0; }
  if (rest.length < 2) return yield* help();
  const i2cbus = yield* lookup_i2c_bus(c, rest[0]!);
  if (i2cbus < 0) return yield* help();
  const address = yield* parse_i2c_address(c, rest[1]!, flags.has('a'));
  if (address < 0) return yield* help();
  let size = I2C_SMBUS_BYTE, daddress = -1, length = 32;
  if (rest.length > 2) {
    size = I2C_SMBUS_BYTE_DATA;
    const d = strtol0(rest[2]!);
    if (d === null || d < 0 || d > 0xff) { yield* c.write(2, 'Error: Data address invalid!\n'); return yield* help(); }
    daddress = d;
  }
  let pec = false;
  if (rest.length > 3) {
    const m = MODES[rest[3]![0]!];
    if (m === undefined) { yield* c.write(2, 'Error: Invalid mode!\n'); return yield* help(); }
    size = m;
    pec = rest[3]![1] === 'p';
    if (size === I2C_SMBUS_BLOCK_DATA || size === I2C_SMBUS_I2C_BLOCK_DATA) {
      if (pec && size === I2C_SMBUS_I2C_BLOCK_DATA) { yield* c.write(2, 'Error: PEC not supported for I2C block data!\n'); return yield* help(); }
    }
  }
  if (rest.length > 4) {
    const l = size === I2C_SMBUS_I2C_BLOCK_DATA ? strtol0(rest[4]!) : null;
    if (l === null || l < 1 || l > 32) { yield* c.write(2, 'Error: Length invalid!\n'); return yield* help(); }
    length = l;
  }
  const opened = yield* open_i2c_dev(c, i2cbus, false);
  if (typeof opened === 'number') return 1;
  const [fd, filename] = opened;
  const funcs = yield* i2c_funcs(c, fd);
  const [need, what] = NEEDS[size]!;
  if (funcs < 0 || !(funcs & need) || (size === I2C_SMBUS_BYTE && daddress >= 0 && !(funcs & F.WRITE_BYTE))) {
    yield* c.write(2, funcs < 0 ? 'Error: Could not get the adapter functionality matrix\n' : missing_func(funcs & need ? 'SMBus send byte' : what));
    return 1;
  }
  if ((yield* set_slave_addr(c, fd, address, flags.has('f'))) < 0) return 1;
  if (!flags.has('y')) {
    const how = size === I2C_SMBUS_BYTE ? (daddress < 0 ? 'read byte' : 'write byte/read byte') : size === I2C_SMBUS_BYTE_DATA ? 'read byte data'
      : size === I2C_SMBUS_WORD_DATA ? 'read word data' : size === I2C_SMBUS_BLOCK_DATA ? 'read SMBus block data' : 'read I2C block data';
    const where = daddress < 0 ? 'current data\naddress' : `data address\n0x${hex2(daddress)}`;
    const ok = yield* confirm_prompt(c, `I will read from device file ${filename}, chip address 0x${hex2(address)}, ${where}, using ${how}.\n${pec ? 'PEC checking enabled.\n' : ''}`);
    if (!ok) return 0;
  }
  if (pec) {
    const [r] = yield* c.ioctl(fd, I2C_PEC, 1);
    if (r < 0) { yield* c.write(2, `Error: Could not set PEC: ${strerror(-r)}\n`); yield* c.close(fd); return 1; }
  }
  let res: number | number[];
  switch (size) {
    case I2C_SMBUS_BYTE:
      if (daddress >= 0 && (yield* i2c_smbus_write_byte(c, fd, daddress)) < 0) yield* c.write(2, 'Warning - write failed\n');
      res = yield* i2c_smbus_read_byte(c, fd);
      break;
    case I2C_SMBUS_WORD_DATA: res = yield* i2c_smbus_read_word_data(c, fd, daddress); break;
    case I2C_SMBUS_BLOCK_DATA: res = yield* i2c_smbus_read_block_data(c, fd, daddress); break;
    case I2C_SMBUS_I2C_BLOCK_DATA: res = yield* i2c_smbus_read_i2c_block_data(c, fd, daddress, length); break;
    default: res = yield* i2c_smbus_read_byte_data(c, fd, daddress);
  }
  yield* c.close(fd);
  if (typeof res === 'number' && res < 0) { yield* c.write(2, 'Error: Read failed\n'); return 2; }
  if (Array.isArray(res)) yield* c.write(1, `${res.map((b) => `0x${hex2(b)}`).join(' ')}\n`);
  else yield* c.write(1, `0x${res.toString(16).padStart(size === I2C_SMBUS_WORD_DATA ? 4 : 2, '0')}\n`);
  return 0;
}
