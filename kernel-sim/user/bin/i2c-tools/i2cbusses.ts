// Models i2c-tools 4.3 tools/i2cbusses.c and lib/smbus.c: the adapter list from /sys/class/i2c-dev, bus and address arguments, /dev/i2c-N, and SMBus transactions through the I2C_SMBUS ioctl.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../../include/uapi/asm-generic/errno.ts';
import { O_RDWR } from '../../../include/uapi/stat.ts';

export const I2C_SLAVE = 0x0703, I2C_SLAVE_FORCE = 0x0706, I2C_FUNCS = 0x0705, I2C_SMBUS = 0x0720, I2C_PEC = 0x0708;
export const I2C_SMBUS_READ = 1, I2C_SMBUS_WRITE = 0;
export const I2C_SMBUS_QUICK = 0, I2C_SMBUS_BYTE = 1, I2C_SMBUS_BYTE_DATA = 2, I2C_SMBUS_WORD_DATA = 3, I2C_SMBUS_BLOCK_DATA = 5, I2C_SMBUS_I2C_BLOCK_DATA = 8;
export const F = {
  I2C: 0x00000001, TENBIT: 0x00000002, PROTOCOL_MANGLING: 0x00000004, PEC: 0x00000008, NOSTART: 0x00000010, SLAVE: 0x00000020,
  BLOCK_PROC_CALL: 0x00008000, QUICK: 0x00010000, READ_BYTE: 0x00020000, WRITE_BYTE: 0x00040000, READ_BYTE_DATA: 0x00080000,
  WRITE_BYTE_DATA: 0x00100000, READ_WORD_DATA: 0x00200000, WRITE_WORD_DATA: 0x00400000, PROC_CALL: 0x00800000, READ_BLOCK_DATA: 0x01000000,
  WRITE_BLOCK_DATA: 0x02000000, READ_I2C_BLOCK: 0x04000000, WRITE_I2C_BLOCK: 0x08000000, HOST_NOTIFY: 0x10000000,
} as const;
/** MISSING_FUNC_FMT of util.h. */
export const missing_func = (what: string): string => `Error: Adapter does not have ${what} capability\n`;

export interface i2c_adap { nr: number; name: string; funcs: string; algo: string }

const adap_types = { dummy: ['dummy', 'Dummy bus'], isa: ['isa', 'ISA bus'], i2c: ['i2c', 'I2C adapter'], smbus: ['smbus', 'SMBus adapter'], unknown: ['unknown', 'N/A'] } as const;

/** I2C_FUNCS: the adapter's functionality word, or -errno. */
export function* i2c_funcs(c: Libc, fd: number): KGen<number> {
  const [r, out] = yield* c.ioctl(fd, I2C_FUNCS, 0, 8);
  return r < 0 ? r : Number(new DataView(out.buffer, out.byteOffset, 8).getBigUint64(0, true) & 0xffffffffn);
}

function* adapter_type(c: Libc, nr: number): KGen<keyof typeof adap_types> {
  const opened = yield* open_i2c_dev(c, nr, true);
  if (typeof opened === 'number') return 'unknown';
  const fd = opened[0];
  const f = yield* i2c_funcs(c, fd);
  yield* c.close(fd);
  if (f < 0) return 'unknown';
  if (f & F.I2C) return 'i2c';
  if (f & (F.READ_BYTE | F.WRITE_BYTE | F.READ_BYTE_DATA | F.WRITE_BYTE_DATA | F.READ_WORD_DATA | F.WRITE_WORD_DATA)) return 'smbus';
  return 'dummy';
}

/** gather_i2c_busses(): every /sys/class/i2c-dev/i2c-N with its name and what its functionality makes it. */
export function* gather_i2c_busses(c: Libc): KGen<i2c_adap[]> {
  const ents = yield* c.readdir('/sys/class/i2c-dev');
  if (typeof ents === 'number') return [];
  const out: i2c_adap[] = [];
  for (const e of ents) {
    const m = /^i2c-(\d+)$/.exec(e.name);
    if (!m) continue;
    const name = yield* c.read_text(`/sys/class/i2c-dev/${e.name}/name`);
    if (typeof name === 'number') continue;
    const s = name.split('\n')[0]!;
    const t = s.startsWith('ISA ') ? 'isa' : yield* adapter_type(c, Number(m[1]));
    out.push({ nr: Number(m[1]), name: s, funcs: adap_types[t][0], algo: adap_types[t][1] });
  }
  return out;
}

/** strtol(s, &end, 0) with *end required to be NUL: the value, or null. */
export function strtol0(s: string): number | null {
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return null;
  const t = m[2]!;
  const v = /^0[xX]/.test(t) ? parseInt(t, 16) : t.length > 1 && t[0] === '0' ? parseInt(t, 8) : parseInt(t, 10);
  return m[1] === '-' ? -v : v;
}

/** lookup_i2c_bus(): a number, or an adapter name; errors go to stderr and give a negative value. */
export function* lookup_i2c_bus(c: Libc, arg: string): KGen<number> {
  const n = arg.length ? strtol0(arg) : null;
  if (n === null || n < 0) {
    const ads = yield* gather_i2c_busses(c);
    const hits = ads.filter((a) => a.name === arg);
    if (hits.length > 1) { yield* c.write(2, 'Error: I2C bus name is not unique!\n'); return -4; }
    if (!hits.length) { yield* c.write(2, "Error: I2C bus name doesn't match any bus present!\n"); return -1; }
    return hits[0]!.nr;
  }
  if (n > 0xfffff) { yield* c.write(2, 'Error: I2C bus out of range!\n'); return -2; }
  return n;
}

/** parse_i2c_address(): 0x08-0x77, or 0x00-0x7f with -a. */
export function* parse_i2c_address(c: Libc, arg: string, all_addrs: boolean): KGen<number> {
  const a = strtol0(arg);
  if (a === null) { yield* c.write(2, 'Error: Chip address is not a number!\n'); return -1; }
  if (a < (all_addrs ? 0x00 : 0x08) || a > (all_addrs ? 0x7f : 0x77)) {
    yield* c.write(2, `Error: Chip address out of range (${all_addrs ? '0x00-0x7f' : '0x08-0x77'})!\n`);
    return -2;
  }
  return a;
}

/** open_i2c_dev(): /dev/i2c/N, then /dev/i2c-N; [fd, filename] or the error already printed (unless quiet). */
export function* open_i2c_dev(c: Libc, nr: number, quiet: boolean): KGen<number | [number, string]> {
  let filename = `/dev/i2c/${nr}`;
  let fd = yield* c.open(filename, O_RDWR);
  if (fd === -2 || fd === -20) {
    filename = `/dev/i2c-${nr}`;
    fd = yield* c.open(filename, O_RDWR);
  }
  if (fd < 0) {
    if (!quiet) {
      if (fd === -2) yield* c.write(2, `Error: Could not open file \`/dev/i2c-${nr}' or \`/dev/i2c/${nr}': ${strerror(2)}\n`);
      else {
        yield* c.write(2, `Error: Could not open file \`${filename}': ${strerror(-fd)}\n`);
        if (fd === -13) yield* c.write(2, 'Run as root?\n');
      }
    }
    return fd;
  }
  return [fd, filename];
}

/** set_slave_addr(): I2C_SLAVE, or I2C_SLAVE_FORCE with -f. */
export function* set_slave_addr(c: Libc, fd: number, address: number, force: boolean): KGen<number> {
  const [r] = yield* c.ioctl(fd, force ? I2C_SLAVE_FORCE : I2C_SLAVE, address);
  if (r < 0) yield* c.write(2, `Error: Could not set address to 0x${hex2(address)}: ${strerror(-r)}\n`);
  return r;
}

export const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

/** i2c_smbus_access() of libi2c: the ioctl with struct i2c_smbus_ioctl_data (64-bit layout) and the 34-byte data union. */
export function* i2c_smbus_access(c: Libc, fd: number, read_write: number, command: number, size: number, data: Uint8Array | null): KGen<[number, Uint8Array]> {
  return yield* c.scratch(function* () {
    const d = data ? c.put(data) : 0;
    const args = new Uint8Array(16);
    const v = new DataView(args.buffer);
    args[0] = read_write;
    args[1] = command;
    v.setUint32(4, size, true);
    v.setBigUint64(8, BigInt(d), true);
    const r = yield* c.syscall('ioctl', fd, I2C_SMBUS, c.put(args));
    return [r, d ? c.get(d, 34) : new Uint8Array(0)] as [number, Uint8Array];
  });
}

export function* i2c_smbus_write_quick(c: Libc, fd: number, value: number): KGen<number> {
  return (yield* i2c_smbus_access(c, fd, value, 0, I2C_SMBUS_QUICK, null))[0];
}
export function* i2c_smbus_read_byte(c: Libc, fd: number): KGen<number> {
  const [r, d] = yield* i2c_smbus_access(c, fd, I2C_SMBUS_READ, 0, I2C_SMBUS_BYTE, new Uint8Array(34));
  return r < 0 ? r : d[0]!;
}
export function* i2c_smbus_write_byte(c: Libc, fd: number, value: number): KGen<number> {
  return (yield* i2c_smbus_access(c, fd, I2C_SMBUS_WRITE, value, I2C_SMBUS_BYTE, null))[0];
}
export function* i2c_smbus_read_byte_data(c: Libc, fd: number, command: number): KGen<number> {
  const [r, d] = yield* i2c_smbus_access(c, fd, I2C_SMBUS_READ, command, I2C_SMBUS_BYTE_DATA, new Uint8Array(34));
  return r < 0 ? r : d[0]!;
}
export function* i2c_smbus_write_byte_data(c: Libc, fd: number, command: number, value: number): KGen<number> {
  const d = new Uint8Array(34);
  d[0] = value;
  return (yield* i2c_smbus_access(c, fd, I2C_SMBUS_WRITE, command, I2C_SMBUS_BYTE_DATA, d))[0];
}
export function* i2c_smbus_read_word_data(c: Libc, fd: number, command: number): KGen<number> {
  const [r, d] = yield* i2c_smbus_access(c, fd, I2C_SMBUS_READ, command, I2C_SMBUS_WORD_DATA, new Uint8Array(34));
  return r < 0 ? r : d[0]! | (d[1]! << 8);
}
export function* i2c_smbus_write_word_data(c: Libc, fd: number, command: number, value: number): KGen<number> {
  const d = new Uint8Array(34);
  d[0] = value & 0xff;
  d[1] = (value >> 8) & 0xff;
  return (yield* i2c_smbus_access(c, fd, I2C_SMBUS_WRITE, command, I2C_SMBUS_WORD_DATA, d))[0];
}
/** SMBus block read: the bytes, or -errno. */
export function* i2c_smbus_read_block_data(c: Libc, fd: number, command: number): KGen<number[] | number> {
  const [r, d] = yield* i2c_smbus_access(c, fd, I2C_SMBUS_READ, command, I2C_SMBUS_BLOCK_DATA, new Uint8Array(34));
  return r < 0 ? r : Array.from(d.subarray(1, 1 + d[0]!));
}
/** I2C block read of `length` bytes (at most 32). */
export function* i2c_smbus_read_i2c_block_data(c: Libc, fd: number, command: number, length: number): KGen<number[] | number> {
  const d = new Uint8Array(34);
  d[0] = Math.min(length, 32);
  const [r, out] = yield* i2c_smbus_access(c, fd, I2C_SMBUS_READ, command, I2C_SMBUS_I2C_BLOCK_DATA, d);
  return r < 0 ? r : Array.from(out.subarray(1, 1 + out[0]!));
}

/** Flags parsed the way i2c-tools does: leading -x options, one letter each ("-fy" is not split). */
export function take_flags(argv: string[], known: string): { flags: Set<string>; rest: string[]; bad: string | null } {
  const flags = new Set<string>();
  let i = 1;
  for (; i < argv.length && argv[i]!.startsWith('-') && argv[i]!.length > 1; i++) {
    const ch = argv[i]![1]!;
    if (!known.includes(ch)) return { flags, rest: [], bad: argv[i]! };
    flags.add(ch);
  }
  return { flags, rest: argv.slice(i), bad: null };
}
