// Models pciutils setpci.c: reads and writes config registers by name or offset (with .b/.w/.l widths, =value[:mask], comma lists) through /sys/bus/pci/devices/*/config.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { O_RDONLY, O_RDWR } from '../../../include/uapi/stat.ts';
import { scan_devices, type pci_fn } from './lspci.ts';

/** setpci's register names (pci_reg_names[]): offset and width. */
export const REGISTERS: Record<string, [number, 1 | 2 | 4]> = {
  VENDOR_ID: [0x00, 2], DEVICE_ID: [0x02, 2], COMMAND: [0x04, 2], STATUS: [0x06, 2], REVISION: [0x08, 1], CLASS_PROG: [0x09, 1],
  CLASS_DEVICE: [0x0a, 2], CACHE_LINE_SIZE: [0x0c, 1], LATENCY_TIMER: [0x0d, 1], HEADER_TYPE: [0x0e, 1], BIST: [0x0f, 1],
  BASE_ADDRESS_0: [0x10, 4], BASE_ADDRESS_1: [0x14, 4], BASE_ADDRESS_2: [0x18, 4], BASE_ADDRESS_3: [0x1c, 4], BASE_ADDRESS_4: [0x20, 4], BASE_ADDRESS_5: [0x24, 4],
  CARDBUS_CIS: [0x28, 4], SUBSYSTEM_VENDOR_ID: [0x2c, 2], SUBSYSTEM_ID: [0x2e, 2], ROM_ADDRESS: [0x30, 4], CAPABILITIES: [0x34, 1],
  INTERRUPT_LINE: [0x3c, 1], INTERRUPT_PIN: [0x3d, 1], MIN_GNT: [0x3e, 1], MAX_LAT: [0x3f, 1],
  PRIMARY_BUS: [0x18, 1], SECONDARY_BUS: [0x19, 1], SUBORDINATE_BUS: [0x1a, 1], SEC_LATENCY_TIMER: [0x1b, 1], IO_BASE: [0x1c, 1], IO_LIMIT: [0x1d, 1],
  SEC_STATUS: [0x1e, 2], MEMORY_BASE: [0x20, 2], MEMORY_LIMIT: [0x22, 2], PREF_MEMORY_BASE: [0x24, 2], PREF_MEMORY_LIMIT: [0x26, 2],
  PREF_BASE_UPPER32: [0x28, 4], PREF_LIMIT_UPPER32: [0x2c, 4], IO_BASE_UPPER16: [0x30, 2], IO_LIMIT_UPPER16: [0x32, 2], BRIDGE_ROM_ADDRESS: [0x38, 4], BRIDGE_CONTROL: [0x3e, 2],
};

interface op { off: number; width: 1 | 2 | 4; values: { v: number; mask: number }[] | null; text: string }

function parse_op(s: string): op | string {
  const m = /^([A-Za-z_0-9]+?)(?:([+-][0-9a-fA-F]+))?(?:\.([bwlBWL]))?(?:=(.*))?$/.exec(s);
  if (!m) return `Syntax error in register specification "${s}"`;
  const [, reg, plus, wch, vals] = m;
  let off: number, width: 1 | 2 | 4 | 0 = 0;
  const named = REGISTERS[reg!.toUpperCase()];
  if (named) [off, width] = named;
  else if (/^(0x)?[0-9a-fA-F]+$/.test(reg!)) off = parseInt(reg!, 16);
  else return `Unknown register "${reg}"`;
  if (plus) off += parseInt(plus, 16);
  if (wch) width = ({ b: 1, w: 2, l: 4 } as const)[wch.toLowerCase() as 'b' | 'w' | 'l'];
  if (!width) return 'Missing width.';
  if (off & (width - 1)) return 'Unaligned register address!';
  if (off + width > 4096) return 'Register number out of range!';
  let values: op['values'] = null;
  if (vals !== undefined) {
    values = [];
    for (const part of vals.split(',')) {
      const vm = /^([0-9a-fA-F]+)(?::([0-9a-fA-F]+))?$/.exec(part);
      if (!vm) return `Invalid value "${part}"`;
      const v = parseInt(vm[1]!, 16), mask = vm[2] ? parseInt(vm[2], 16) : 0xffffffff;
      if (v > (width === 4 ? 0xffffffff : (1 << (width * 8)) - 1)) return `Value "${part}" is out of range`;
      values.push({ v, mask });
    }
  }
  return { off, width, values, text: s };
}

function* cfg_read(c: Libc, slot: string, off: number, width: number): KGen<number | null> {
  const fd = yield* c.open(`/sys/bus/pci/devices/${slot}/config`, O_RDONLY);
  if (fd < 0) return null;
  yield* c.lseek(fd, off, 0);
  const r = yield* c.read(fd, width);
  yield* c.close(fd);
  if (typeof r === 'number' || r.length < width) return null;
  let v = 0;
  for (let i = width - 1; i >= 0; i--) v = v * 256 + r[i]!;
  return v;
}

function* cfg_write(c: Libc, slot: string, off: number, width: number, v: number): KGen<number> {
  const fd = yield* c.open(`/sys/bus/pci/devices/${slot}/config`, O_RDWR);
  if (fd < 0) return fd;
  yield* c.lseek(fd, off, 0);
  const bytes = new Uint8Array(width);
  for (let i = 0; i < width; i++) bytes[i] = (v >>> (8 * i)) & 0xff;
  const r = yield* c.write(fd, bytes);
  yield* c.close(fd);
  return r;
}

export function* setpci_main(c: Libc, argv: string[]): KGen<number> {
  let sel: ((d: pci_fn) => boolean) | null = null;
  let demo = false, verbose = false;
  const ops: op[] = [];
  const usage = 'Usage: setpci [<options>] (<device>+ <reg>[=<values>]*)*\n';
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-s' || a === '-d') {
      const v = argv[++i];
      if (v === undefined) { yield* c.write(2, `setpci: Option ${a} requires an argument\n${usage}`); return 2; }
      if (a === '-s') {
        const m = /^(?:(?:([0-9a-f]{1,4}):)?([0-9a-f]{1,2}):)?([0-9a-f]{1,2})(?:\.([0-7]))?$/i.exec(v);
        if (!m) { yield* c.write(2, 'setpci: -s: Invalid slot number\n'); return 2; }
        const n = (s?: string) => (s === undefined ? null : parseInt(s, 16));
        const [dom, bus, dev, fn] = [n(m[1]), n(m[2]), n(m[3]), n(m[4])];
        sel = (d) => (dom === null || d.domain === dom) && (bus === null || d.bus === bus) && d.dev === dev && (fn === null || d.func === fn);
      } else {
        const m = /^([0-9a-f]{0,4}):([0-9a-f]{0,4})$/i.exec(v);
        if (!m) { yield* c.write(2, 'setpci: -d: Invalid vendor/device ID\n'); return 2; }
        const vv = m[1] ? parseInt(m[1], 16) : null, dv = m[2] ? parseInt(m[2], 16) : null;
        sel = (d) => (vv === null || (d.cfg[0]! | (d.cfg[1]! << 8)) === vv) && (dv === null || (d.cfg[2]! | (d.cfg[3]! << 8)) === dv);
      }
    } else if (a === '-D') demo = true;
    else if (a === '-v') verbose = true;
    else if (a.startsWith('-')) { yield* c.write(2, `setpci: Invalid option ${a}\n${usage}`); return 2; }
    else {
      const o = parse_op(a);
      if (typeof o === 'string') { yield* c.write(2, `setpci: ${o}\n`); return 1; }
      ops.push(o);
    }
  }
  if (!sel || !ops.length) { yield* c.write(2, usage); return 2; }
  const devs = yield* scan_devices(c, 64);
  if (typeof devs === 'number') { yield* c.write(2, 'setpci: Cannot find any working access method.\n'); return 1; }
  const targets = devs.filter(sel);
  if (!targets.length) { yield* c.write(2, 'setpci: Warning: No devices selected for operation group 1.\n'); return 0; }
  let out = '';
  for (const d of targets) {
    for (const o of ops) {
      if (!o.values) {
        const v = yield* cfg_read(c, d.slot, o.off, o.width);
        if (v === null) { yield* c.write(2, `setpci: Unable to read ${o.width} bytes at 0x${o.off.toString(16)}\n`); return 1; }
        out += `${v.toString(16).padStart(o.width * 2, '0')}\n`;
        continue;
      }
      let off = o.off;
      for (const { v, mask } of o.values) {
        let val = v;
        if (mask !== 0xffffffff) {
          const old = (yield* cfg_read(c, d.slot, off, o.width)) ?? 0;
          val = ((old & ~mask) | (v & mask)) >>> 0;
        }
        if (verbose) out += `${d.slot.slice(5)}:${off.toString(16).padStart(2, '0')} ${val.toString(16).padStart(o.width * 2, '0')}\n`;
        if (!demo) {
          const r = yield* cfg_write(c, d.slot, off, o.width, val);
          if (r < 0) { yield* c.write(1, out); yield* c.write(2, `setpci: Unable to write ${o.width} bytes at 0x${off.toString(16)}: ${r === -1 ? 'Operation not permitted' : `error ${-r}`}\n`); return 1; }
        }
        off += o.width;
      }
    }
  }
  yield* c.write(1, out);
  return 0;
}
