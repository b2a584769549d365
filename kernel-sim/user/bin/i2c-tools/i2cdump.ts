// Models i2c-tools 4.3 tools/i2cdump.c: a chip's 256 registers as a hex table with an ASCII column (byte, word, consecutive-byte and I2C-block modes, -r range).
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import {
  F, hex2, i2c_funcs, i2c_smbus_read_byte, i2c_smbus_read_byte_data, i2c_smbus_read_i2c_block_data, i2c_smbus_read_word_data,
  i2c_smbus_write_byte, lookup_i2c_bus, missing_func, open_i2c_dev, parse_i2c_address, set_slave_addr, strtol0,
} from './i2cbusses.ts';
import { confirm_prompt } from './util.ts';

const HELP = 'Usage: i2cdump [-f] [-y] [-r first-last] [-a] I2CBUS ADDRESS [MODE [BANK [BANKREG]]]\n'
  + '  I2CBUS is an integer or an I2C bus name\n'
  + '  ADDRESS is an integer (0x08 - 0x77, or 0x00 - 0x7f if -a is given)\n'
  + '  MODE is one of:\n'
  + '    b (byte, default)\n'
  + '    w (word)\n'
  + '    W (word on even register addresses)\n'
  + '    s (SMBus block, deprecated)\n'
  + '    i (I2C block)\n'
  + '    c (consecutive byte)\n'
  + '    Append p for SMBus PEC\n';

const MODE_NAMES: Readonly<Record<string, [string, number]>> = {
  b: ['byte', F.READ_BYTE_DATA], w: ['word', F.READ_WORD_DATA], W: ['word', F.READ_WORD_DATA], c: ['byte consecutive read', F.READ_BYTE],
  i: ['i2c block', F.READ_I2C_BLOCK],
};
const FUNC_NAMES: Readonly<Record<number, string>> = {
  [F.READ_BYTE_DATA]: 'SMBus read byte', [F.READ_WORD_DATA]: 'SMBus read word', [F.READ_BYTE]: 'SMBus receive byte', [F.READ_I2C_BLOCK]: 'I2C block read',
};

const ascii = (v: number): string => (v < 0 ? 'X' : v === 0x00 || v === 0xff ? '.' : v < 32 || v >= 127 ? '?' : String.fromCharCode(v));

export function* i2cdump_main(c: Libc, argv: string[]): KGen<number> {
  const help = function* () { yield* c.write(2, HELP); return 1; };
  let force = false, yes = false, all = false, first = 0x00, last = 0xff, range: string | null = null;
  let i = 1;
  for (; i < argv.length && argv[i]!.startsWith('-') && argv[i]!.length > 1; i++) {
    const o = argv[i]![1]!;
    if (o === 'V') { yield* c.write(2, 'i2cdump version 4.3\n'); return 0; }
    else if (o === 'f') force = true;
    else if (o === 'y') yes = true;
    else if (o === 'a') all = true;
    else if (o === 'r' && i + 1 < argv.length) range = argv[++i]!;
    else { yield* c.write(2, `Error: Unsupported option "${argv[i]}"!\n`); return yield* help(); }
  }
  const rest = argv.slice(i);
  if (rest.length < 1) { yield* c.write(2, 'Error: No i2c-bus specified!\n'); return yield* help(); }
  const i2cbus = yield* lookup_i2c_bus(c, rest[0]!);
  if (i2cbus < 0) return yield* help();
  if (rest.length < 2) { yield* c.write(2, 'Error: No address specified!\n'); return yield* help(); }
  const address = yield* parse_i2c_address(c, rest[1]!, all);
  if (address < 0) return yield* help();
  let mode = 'b';
  if (rest.length < 3) yield* c.write(2, 'No size specified (using byte-data access)\n');
  else {
    mode = rest[2]!;
    if (!MODE_NAMES[mode]) { yield* c.write(2, 'Error: Invalid mode!\n'); return yield* help(); }
  }
  if (range !== null) {
    const m = /^(\S+?)-(\S+)$/.exec(range);
    const a = m ? strtol0(m[1]!) : null, b = m ? strtol0(m[2]!) : null;
    if (a === null || b === null || a < 0 || b > 0xff || a > b) { yield* c.write(2, 'Error: Invalid range parameter!\n'); return yield* help(); }
    first = a;
    last = b;
  }
  const opened = yield* open_i2c_dev(c, i2cbus, false);
  if (typeof opened === 'number') return 1;
  const [fd, filename] = opened;
  const funcs = yield* i2c_funcs(c, fd);
  const [mname, need] = MODE_NAMES[mode]!;
  if (funcs < 0 || !(funcs & need)) { yield* c.write(2, missing_func(FUNC_NAMES[need]!)); return 1; }
  if ((yield* set_slave_addr(c, fd, address, force)) < 0) return 1;
  if (!yes) {
    const ok = yield* confirm_prompt(c, `I will probe file ${filename}, address 0x${hex2(address)}, mode ${mname}\n${range !== null ? `Probe range limited to 0x${hex2(first)}-0x${hex2(last)}.\n` : ''}`);
    if (!ok) return 0;
  }
  let out = '';
  if (mode === 'w' || mode === 'W') {
    out += '     0,8  1,9  2,a  3,b  4,c  5,d  6,e  7,f\n';
    for (let row = 0; row < 256; row += 8) {
      if (row + 7 < first || row > last) continue;
      out += `${hex2(row)}: `;
      for (let j = 0; j < 8; j++) {
        const r = row + j;
        if (r < first || r > last || (mode === 'W' && r % 2)) { out += '     '; continue; }
        const v = yield* i2c_smbus_read_word_data(c, fd, r);
        out += v < 0 ? 'XXXX ' : `${v.toString(16).padStart(4, '0')} `;
      }
      out += '\n';
    }
  } else {
    const block: number[] = new Array<number>(256).fill(-1);
    if (mode === 'c') {
      if (first && (yield* i2c_smbus_write_byte(c, fd, first)) < 0) { yield* c.write(2, 'Error: Write start address failed, return code -1\n'); return 1; }
      for (let r = first; r <= last; r++) block[r] = yield* i2c_smbus_read_byte(c, fd);
    } else if (mode === 'i') {
      for (let r = first; r <= last; r += 32) {
        const got = yield* i2c_smbus_read_i2c_block_data(c, fd, r, Math.min(32, last - r + 1));
        if (typeof got === 'number') break;
        got.forEach((b, k) => (block[r + k] = b));
      }
    } else for (let r = first; r <= last; r++) block[r] = yield* i2c_smbus_read_byte_data(c, fd, r);
    out += '     0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f    0123456789abcdef\n';
    for (let row = 0; row < 256; row += 16) {
      if (row + 15 < first || row > last) continue;
      out += `${hex2(row)}: `;
      let text = '';
      for (let j = 0; j < 16; j++) {
        const r = row + j;
        if (r < first || r > last) { out += '   '; text += ' '; continue; }
        const v = block[r]!;
        out += v < 0 ? 'XX ' : `${hex2(v)} `;
        text += ascii(v);
      }
      out += `   ${text}\n`;
    }
  }
  yield* c.close(fd);
  yield* c.write(1, out);
  return 0;
}
