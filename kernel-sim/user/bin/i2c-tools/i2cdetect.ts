// Models i2c-tools 4.3 tools/i2cdetect.c: -l lists the adapters, -F the functionality, and a scan prints the address table (quick write, or receive byte at 0x30-0x37 and 0x50-0x5f; UU where a driver holds the address).
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../../include/uapi/asm-generic/errno.ts';
import {
  F, I2C_SLAVE, I2C_SMBUS_WRITE, gather_i2c_busses, hex2, i2c_funcs, i2c_smbus_read_byte, i2c_smbus_write_quick, lookup_i2c_bus,
  open_i2c_dev, strtol0,
} from './i2cbusses.ts';
import { confirm_prompt } from './util.ts';

const MODE_AUTO = 0, MODE_QUICK = 1, MODE_READ = 2, MODE_FUNC = 3;
const VERSION = '4.3';

const HELP = 'Usage: i2cdetect [-y] [-a] [-q|-r] I2CBUS [FIRST LAST]\n'
  + '       i2cdetect -F I2CBUS\n'
  + '       i2cdetect -l\n'
  + '  I2CBUS is an integer or an I2C bus name\n'
  + '  If provided, FIRST and LAST limit the probing range.\n';

/** all_func[] in print order. */
const ALL_FUNC: ReadonlyArray<[number, string]> = [
  [F.I2C, 'I2C'], [F.QUICK, 'SMBus Quick Command'], [F.WRITE_BYTE, 'SMBus Send Byte'], [F.READ_BYTE, 'SMBus Receive Byte'],
  [F.WRITE_BYTE_DATA, 'SMBus Write Byte'], [F.READ_BYTE_DATA, 'SMBus Read Byte'], [F.WRITE_WORD_DATA, 'SMBus Write Word'],
  [F.READ_WORD_DATA, 'SMBus Read Word'], [F.PROC_CALL, 'SMBus Process Call'], [F.WRITE_BLOCK_DATA, 'SMBus Block Write'],
  [F.READ_BLOCK_DATA, 'SMBus Block Read'], [F.BLOCK_PROC_CALL, 'SMBus Block Process Call'], [F.PEC, 'SMBus PEC'],
  [F.WRITE_I2C_BLOCK, 'I2C Block Write'], [F.READ_I2C_BLOCK, 'I2C Block Read'], [F.HOST_NOTIFY, 'SMBus Host Notify'],
  [F.TENBIT, '10-bit addressing'], [F.SLAVE, 'Slave mode'], [F.PROTOCOL_MANGLING, 'Protocol mangling'], [F.NOSTART, 'Repeated start skipping'],
];

/** scan_i2c_bus(). */
function* scan_i2c_bus(c: Libc, fd: number, mode: number, funcs: number, first: number, last: number): KGen<number> {
  let out = '     0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f\n';
  for (let i = 0; i < 128; i += 16) {
    out += `${hex2(i)}: `;
    for (let j = 0; j < 16; j++) {
      const a = i + j;
      const cmd = mode !== MODE_AUTO ? mode : (a >= 0x30 && a <= 0x37) || (a >= 0x50 && a <= 0x5f) ? MODE_READ : MODE_QUICK;
      if (a < first || a > last || (cmd === MODE_READ && !(funcs & F.READ_BYTE)) || (cmd === MODE_QUICK && !(funcs & F.QUICK))) {
        out += '   ';
        continue;
      }
      const [r] = yield* c.ioctl(fd, I2C_SLAVE, a);
      if (r < 0) {
        if (r === -16) { out += 'UU '; continue; }
        yield* c.write(1, out);
        yield* c.write(2, `Error: Could not set address to 0x${hex2(a)}: ${strerror(-r)}\n`);
        return -1;
      }
      const res = cmd === MODE_READ ? yield* i2c_smbus_read_byte(c, fd) : yield* i2c_smbus_write_quick(c, fd, I2C_SMBUS_WRITE);
      out += res < 0 ? '-- ' : `${hex2(a)} `;
    }
    out += '\n';
  }
  yield* c.write(1, out);
  return 0;
}

export function* i2cdetect_main(c: Libc, argv: string[]): KGen<number> {
  let mode = MODE_AUTO, first = 0x08, last = 0x77, yes = false, version = false, list = false;
  let i = 1;
  for (; i < argv.length && argv[i]!.startsWith('-') && argv[i]!.length > 1; i++) {
    for (const opt of argv[i]!.slice(1)) {
      switch (opt) {
        case 'V': version = true; break;
        case 'y': yes = true; break;
        case 'l': list = true; break;
        case 'F':
          if (mode !== MODE_AUTO && mode !== MODE_FUNC) { yield* c.write(2, 'Error: Different modes specified!\n'); return 1; }
          mode = MODE_FUNC;
          break;
        case 'r':
          if (mode === MODE_QUICK) { yield* c.write(2, 'Error: Different modes specified!\n'); return 1; }
          mode = MODE_READ;
          break;
        case 'q':
          if (mode === MODE_READ) { yield* c.write(2, 'Error: Different modes specified!\n'); return 1; }
          mode = MODE_QUICK;
          break;
        case 'a': first = 0x00; last = 0x7f; break;
        case 'h': yield* c.write(2, HELP); return 0;
        default:
          yield* c.write(2, `i2cdetect: invalid option -- '${opt}'\n${HELP}`);
          return 1;
      }
    }
  }
  if (version) { yield* c.write(2, `i2cdetect version ${VERSION}\n`); return 0; }
  if (list) {
    const ads = yield* gather_i2c_busses(c);
    yield* c.write(1, ads.map((a) => `i2c-${a.nr}\t${a.funcs.padEnd(10)}\t${a.name.padEnd(32)}\t${a.algo}\n`).join(''));
    return 0;
  }
  const args = argv.slice(i);
  if (!args.length) { yield* c.write(2, `Error: No i2c-bus specified!\n${HELP}`); return 1; }
  const i2cbus = yield* lookup_i2c_bus(c, args[0]!);
  if (i2cbus < 0) { yield* c.write(2, HELP); return 1; }
  if (args.length === 3 && mode !== MODE_FUNC) {
    for (const [k, which] of [[1, 'FIRST'], [2, 'LAST']] as const) {
      const t = strtol0(args[k]!);
      if (t === null) { yield* c.write(2, `Error: ${which} argument not a number!\n${HELP}`); return 1; }
      if (t < first || t > last) { yield* c.write(2, `Error: ${which} argument out of range (0x${hex2(first)}-0x${hex2(last)})!\n${HELP}`); return 1; }
      if (k === 1) first = t;
      else last = t;
    }
  } else if (args.length !== 1) { yield* c.write(2, HELP); return 1; }
  const opened = yield* open_i2c_dev(c, i2cbus, false);
  if (typeof opened === 'number') return 1;
  const [fd, filename] = opened;
  const funcs = yield* i2c_funcs(c, fd);
  if (funcs < 0) {
    yield* c.write(2, `Error: Could not get the adapter functionality matrix: ${strerror(-funcs)}\n`);
    yield* c.close(fd);
    return 1;
  }
  if (mode === MODE_FUNC) {
    yield* c.close(fd);
    yield* c.write(1, `Functionalities implemented by ${filename}:\n${ALL_FUNC.map(([v, n]) => `${n.padEnd(32)} ${funcs & v ? 'yes' : 'no'}\n`).join('')}`);
    return 0;
  }
  if (!(funcs & (F.QUICK | F.READ_BYTE))) { yield* c.write(2, "Error: Bus doesn't support detection commands\n"); yield* c.close(fd); return 1; }
  if (mode === MODE_QUICK && !(funcs & F.QUICK)) { yield* c.write(2, "Error: Can't use SMBus Quick Write command on this bus\n"); yield* c.close(fd); return 1; }
  if (mode === MODE_READ && !(funcs & F.READ_BYTE)) { yield* c.write(2, "Error: Can't use SMBus Receive Byte command on this bus\n"); yield* c.close(fd); return 1; }
  if (mode === MODE_AUTO) {
    if (!(funcs & F.QUICK)) yield* c.write(2, "Warning: Can't use SMBus Quick Write command, will skip some addresses\n");
    if (!(funcs & F.READ_BYTE)) yield* c.write(2, "Warning: Can't use SMBus Receive Byte command, will skip some addresses\n");
  }
  if (!yes) {
    const how = mode === MODE_QUICK ? ' using quick write commands' : mode === MODE_READ ? ' using receive byte commands' : '';
    if (!(yield* confirm_prompt(c, `I will probe file ${filename}${how}.\nI will probe address range 0x${hex2(first)}-0x${hex2(last)}.\n`))) return 0;
  }
  const res = yield* scan_i2c_bus(c, fd, mode, funcs, first, last);
  yield* c.close(fd);
  return res ? 1 : 0;
}
