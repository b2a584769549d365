// Models pciutils lspci.c, ls-caps.c, ls-tree.c and lib/sysfs.c: lists PCI functions from /sys/bus/pci/devices (-n, -nn, -v, -vv, -k, -t, -tv, -x, -xxx, -xxxx, -s, -d, -D).
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt } from '../../lib/getopt.ts';
import { parse_pci_ids, lookup_device, lookup_subsystem, lookup_class, lookup_progif, h2, h4, type name_mode, type pci_names } from './names.ts';
import { PCI_IDS_PATH } from './pci_ids_data.ts';
import { modules_dir, parse_alias } from '../kmod/common.ts';

const SYS = '/sys/bus/pci/devices';

export interface pci_fn {
  domain: number; bus: number; dev: number; func: number;
  slot: string;
  cfg: Uint8Array;
  irq: number;
  /** base, end, flags per resource line. */
  res: [number, number, number][];
  driver: string | null;
  /** The modules whose modules.alias patterns match the function's modalias (ls-kernel.c's lookup through libkmod). */
  modules?: string[];
}

const b = (c: Uint8Array, o: number) => c[o] ?? 0;
const w = (c: Uint8Array, o: number) => b(c, o) | (b(c, o + 1) << 8);
const l = (c: Uint8Array, o: number) => (w(c, o) | (w(c, o + 2) << 16)) >>> 0;

function* read_int(c: Libc, path: string): KGen<number> {
  const t = yield* c.read_text(path);
  return typeof t === 'string' ? parseInt(t.trim(), 10) || 0 : 0;
}

/** lib/sysfs.c: every function under /sys/bus/pci/devices, sorted by domain, bus, device, function. */
export function* scan_devices(c: Libc, cfglen: number): KGen<pci_fn[] | number> {
  const ents = yield* c.readdir(SYS);
  if (typeof ents === 'number') return ents;
  const out: pci_fn[] = [];
  for (const e of ents) {
    const m = /^([0-9a-f]{4}):([0-9a-f]{2}):([0-9a-f]{2})\.([0-7])$/.exec(e.name);
    if (!m) continue;
    const dir = `${SYS}/${e.name}`;
    const fd = yield* c.open(`${dir}/config`);
    let cfg: Uint8Array = new Uint8Array(0);
    if (fd >= 0) {
      const r = yield* c.read(fd, cfglen);
      if (typeof r !== 'number') cfg = r;
      yield* c.close(fd);
    }
    const full = new Uint8Array(Math.max(cfglen, 64));
    full.set(cfg.subarray(0, full.length));
    const restext = yield* c.read_text(`${dir}/resource`);
    const res: [number, number, number][] = typeof restext === 'string'
      ? restext.trim().split('\n').filter(Boolean).map((ln) => ln.trim().split(/\s+/).map((x) => parseInt(x, 16)) as [number, number, number]) : [];
    const link = yield* c.readlink(`${dir}/driver`);
    out.push({
      domain: parseInt(m[1]!, 16), bus: parseInt(m[2]!, 16), dev: parseInt(m[3]!, 16), func: parseInt(m[4]!, 16), slot: e.name,
      cfg: full, irq: yield* read_int(c, `${dir}/irq`), res, driver: typeof link === 'string' ? link.split('/').pop()! : null,
    });
  }
  out.sort((a, z) => a.domain - z.domain || a.bus - z.bus || a.dev - z.dev || a.func - z.func);
  return out;
}

/** ls-kernel.c's module lookup: each function's modalias against /lib/modules/RELEASE/modules.alias, in its order. */
function* find_modules(c: Libc, devs: pci_fn[]): KGen<void> {
  const text = yield* c.read_text(`${yield* modules_dir(c)}/modules.alias`);
  const aliases = parse_alias(typeof text === 'string' ? text : '');
  for (const d of devs) {
    const alias = yield* c.read_text(`${SYS}/${d.slot}/modalias`);
    if (typeof alias !== 'string') continue;
    const found: string[] = [];
    for (const [re, mod] of aliases) if (re.test(alias.trim()) && found[found.length - 1] !== mod) found.push(mod);
    d.modules = found;
  }
}

/** -s [[[[domain]:]bus]:][slot][.[func]] */
function slot_filter(spec: string): ((d: pci_fn) => boolean) | null {
  const m = /^(?:(?:([0-9a-f]*):)?([0-9a-f]*|\*):)?([0-9a-f]*|\*)(?:\.([0-7]?|\*))?$/i.exec(spec);
  if (!m) return null;
  const num = (s: string | undefined) => (s === undefined || s === '' || s === '*' ? null : parseInt(s, 16));
  const [dom, bus, slot, fn] = [num(m[1]), num(m[2]), num(m[3]), num(m[4])];
  return (d) => (dom === null || d.domain === dom) && (bus === null || d.bus === bus) && (slot === null || d.dev === slot) && (fn === null || d.func === fn);
}

/** -d [vendor]:[device][:class] */
function id_filter(spec: string): ((d: pci_fn) => boolean) | null {
  const m = /^([0-9a-f]{0,4}|\*):([0-9a-f]{0,4}|\*)(?::([0-9a-f]{0,4}))?$/i.exec(spec);
  if (!m) return null;
  const num = (s: string | undefined) => (s === undefined || s === '' || s === '*' ? null : parseInt(s, 16));
  const [v, dv, cl] = [num(m[1]), num(m[2]), num(m[3])];
  return (d) => (v === null || w(d.cfg, 0) === v) && (dv === null || w(d.cfg, 2) === dv) && (cl === null || w(d.cfg, 0x0a) === cl);
}

function show_size(x: number): string {
  if (!x) return '';
  const suffix = ['', 'K', 'M', 'G', 'T'];
  let i = 0;
  for (; i < suffix.length - 1; i++) { if (x % 1024) break; x /= 1024; }
  return ` [size=${x}${suffix[i]}]`;
}

const pm = (v: number, bit: number) => (v & bit ? '+' : '-');

/** show_bases(): the BARs as the kernel reports them (resource) with flags from config space. */
function show_bases(d: pci_fn, cnt: number, verbose: number): string {
  const cmd = w(d.cfg, 4);
  let out = '';
  for (let i = 0; i < cnt; i++) {
    const [start, end, flags] = d.res[i] ?? [0, 0, 0];
    const len = start || end ? end - start + 1 : 0;
    let flg = l(d.cfg, 0x10 + 4 * i);
    if (!len && !flg) continue;
    if (!len && (flg === 0 || flg === 0xffffffff)) continue;
    if (flags && !flg) flg = flags & 0xf | (flags & 0x100 ? 1 : 0);
    out += verbose > 1 ? `\tRegion ${i}: ` : '\t';
    if (flg & 1) {
      out += `I/O ports at ${start ? start.toString(16).padStart(4, '0') : '<unassigned>'}`;
      if (!(cmd & 1)) out += ' [disabled]';
    } else {
      const t = flg & 6;
      out += `Memory at ${start ? start.toString(16).padStart(8, '0') : '<unassigned>'} (${t === 4 ? '64-bit' : t === 2 ? 'low-1M' : '32-bit'}, ${flg & 8 ? '' : 'non-'}prefetchable)`;
      if (!(cmd & 2)) out += ' [disabled]';
      if (t === 4) i++;
    }
    out += `${show_size(len)}\n`;
  }
  return out;
}

function show_rom(d: pci_fn, reg: number): string {
  const rom = l(d.cfg, reg);
  const [start, end] = d.res[6] ?? [0, 0];
  const len = start || end ? end - start + 1 : 0;
  if (!len && !rom) return '';
  const addr = start || (rom & ~0x7ff);
  let out = `\tExpansion ROM at ${addr ? addr.toString(16).padStart(8, '0') : '<unassigned>'}`;
  if (!(rom & 1)) out += ' [disabled]';
  return `${out}${show_size(len)}\n`;
}

/** ls-caps.c: the capability list. */
function show_caps(d: pci_fn, verbose: number): string {
  const cfg = d.cfg;
  if (!(w(cfg, 6) & 0x10)) return '';
  let out = '';
  let where = b(cfg, 0x34) & ~3;
  const seen = new Set<number>();
  while (where && !seen.has(where) && where < 256) {
    seen.add(where);
    const id = b(cfg, where), next = b(cfg, where + 1) & ~3;
    out += `\tCapabilities: [${h2(where)}] `;
    switch (id) {
      case 0x01: { // Power Management
        const pmc = w(cfg, where + 2);
        out += `Power Management version ${pmc & 7}\n`;
        if (verbose > 1) {
          const pmcsr = w(cfg, where + 4);
          const aux = [0, 55, 100, 160, 220, 270, 320, 375][(pmc >> 6) & 7];
          out += `\t\tFlags: PMEClk${pm(pmc, 8)} DSI${pm(pmc, 0x20)} D1${pm(pmc, 0x200)} D2${pm(pmc, 0x400)} AuxCurrent=${aux}mA PME(D0${pm(pmc, 0x800)},D1${pm(pmc, 0x1000)},D2${pm(pmc, 0x2000)},D3hot${pm(pmc, 0x4000)},D3cold${pm(pmc, 0x8000)})\n`;
          out += `\t\tStatus: D${pmcsr & 3} NoSoftRst${pm(pmcsr, 8)} PME-Enable${pm(pmcsr, 0x100)} DSel=${(pmcsr >> 9) & 15} DScale=${(pmcsr >> 13) & 3} PME${pm(pmcsr, 0x8000)}\n`;
        }
        break;
      }
      case 0x05: { // MSI
        const ctrl = w(cfg, where + 2);
        const is64 = ctrl & 0x80;
        out += `MSI: Enable${pm(ctrl, 1)} Count=${1 << ((ctrl >> 4) & 7)}/${1 << ((ctrl >> 1) & 7)} Maskable${pm(ctrl, 0x100)} 64bit${pm(ctrl, 0x80)}\n`;
        if (verbose > 1) {
          const lo = l(cfg, where + 4);
          if (is64) out += `\t\tAddress: ${l(cfg, where + 8).toString(16).padStart(8, '0')}${lo.toString(16).padStart(8, '0')}  Data: ${h4(w(cfg, where + 12))}\n`;
          else out += `\t\tAddress: ${lo.toString(16).padStart(8, '0')}  Data: ${h4(w(cfg, where + 8))}\n`;
          if (ctrl & 0x100) {
            const mo = where + (is64 ? 0x10 : 0x0c);
            out += `\t\tMasking: ${l(cfg, mo).toString(16).padStart(8, '0')}  Pending: ${l(cfg, mo + 4).toString(16).padStart(8, '0')}\n`;
          }
        }
        break;
      }
      case 0x11: { // MSI-X
        const ctrl = w(cfg, where + 2);
        out += `MSI-X: Enable${pm(ctrl, 0x8000)} Count=${(ctrl & 0x7ff) + 1} Masked${pm(ctrl, 0x4000)}\n`;
        if (verbose > 1) {
          const t = l(cfg, where + 4), p = l(cfg, where + 8);
          out += `\t\tVector table: BAR=${t & 7} offset=${(t & ~7 >>> 0).toString(16).padStart(8, '0')}\n`;
          out += `\t\tPBA: BAR=${p & 7} offset=${(p & ~7 >>> 0).toString(16).padStart(8, '0')}\n`;
        }
        break;
      }
      case 0x09: { // Vendor specific
        const vid = w(cfg, 0);
        if (vid === 0x1af4) {
          const type = b(cfg, where + 3);
          out += `Vendor Specific Information: VirtIO: ${['<unknown>', 'CommonCfg', 'Notify', 'ISR', 'DeviceCfg'][type] ?? '<unknown>'}\n`;
          if (verbose > 1 && type >= 1 && type <= 4) out += `\t\tBAR=${b(cfg, where + 4)} offset=${l(cfg, where + 8).toString(16).padStart(8, '0')} size=${l(cfg, where + 12).toString(16).padStart(8, '0')}\n`;
          if (verbose > 1 && type === 2) out += `\t\tmultiplier=${l(cfg, where + 16).toString(16).padStart(8, '0')}\n`;
        } else out += `Vendor Specific Information: Len=${h2(b(cfg, where + 2))} <?>\n`;
        break;
      }
      case 0x0d: out += `Subsystem: ${h4(w(cfg, where + 4))}:${h4(w(cfg, where + 6))}\n`; break;
      case 0x12: out += `SATA HBA v${b(cfg, where + 2) >> 4}.${b(cfg, where + 2) & 15}\n`; break;
      case 0x10: out += show_express(d, where, verbose); break;
      default: out += `#${h2(id)} [${h4(w(cfg, where + 2))}]\n`;
    }
    where = next;
  }
  return out;
}

const EXP_TYPES = ['Endpoint', 'Legacy Endpoint', '?', '?', 'Root Port', 'Upstream Port', 'Downstream Port', 'PCI-Express to PCI/PCI-X Bridge', 'PCI/PCI-X to PCI-Express Bridge', 'Root Complex Integrated Endpoint', 'Root Complex Event Collector'];
const SPEEDS = ['unknown', '2.5GT/s', '5GT/s', '8GT/s', '16GT/s', '32GT/s'];

function show_express(d: pci_fn, where: number, verbose: number): string {
  const cfg = d.cfg;
  const flags = w(cfg, where + 2);
  const type = (flags >> 4) & 0xf;
  const slot = type === 4 || type === 6 ? ` (Slot${pm(flags, 0x100)})` : '';
  let out = `Express (v${flags & 0xf}) ${EXP_TYPES[type] ?? 'Unknown type'}${slot}, MSI ${h2((flags >> 9) & 0x1f)}\n`;
  if (verbose < 2) return out;
  const devcap = l(cfg, where + 4), devctl = w(cfg, where + 8), devsta = w(cfg, where + 10);
  out += `\t\tDevCap:\tMaxPayload ${128 << (devcap & 7)} bytes, PhantFunc ${(devcap >> 3) & 3}\n`;
  out += `\t\tDevCtl:\tCorrErr${pm(devctl, 1)} NonFatalErr${pm(devctl, 2)} FatalErr${pm(devctl, 4)} UnsupReq${pm(devctl, 8)}\n`;
  out += `\t\t\tMaxPayload ${128 << ((devctl >> 5) & 7)} bytes, MaxReadReq ${128 << ((devctl >> 12) & 7)} bytes\n`;
  out += `\t\tDevSta:\tCorrErr${pm(devsta, 1)} NonFatalErr${pm(devsta, 2)} FatalErr${pm(devsta, 4)} UnsupReq${pm(devsta, 8)} AuxPwr${pm(devsta, 0x10)} TransPend${pm(devsta, 0x20)}\n`;
  if (type !== 9) {
    const lnkcap = l(cfg, where + 12), lnksta = w(cfg, where + 18);
    out += `\t\tLnkCap:\tPort #${lnkcap >>> 24}, Speed ${SPEEDS[lnkcap & 0xf] ?? 'unknown'}, Width x${(lnkcap >> 4) & 0x3f}\n`;
    out += `\t\tLnkSta:\tSpeed ${SPEEDS[lnksta & 0xf] ?? 'unknown'}, Width x${(lnksta >> 4) & 0x3f}\n`;
  }
  return out;
}

interface opts { verbose: number; kernel: boolean; hex: number; mode: name_mode; tree: boolean; domains: boolean }

function slot_name(d: pci_fn, o: opts): string {
  return `${o.domains || d.domain ? `${h4(d.domain)}:` : ''}${h2(d.bus)}:${h2(d.dev)}.${d.func}`;
}

/** show_device(): the one-line summary, then -v/-vv/-k details and -x dumps. */
function show_device(d: pci_fn, o: opts, n: pci_names): string {
  const c = d.cfg;
  const cls = w(c, 0x0a), rev = b(c, 8), progif = b(c, 9), htype = b(c, 0x0e) & 0x7f;
  let out = `${slot_name(d, o)} ${lookup_class(n, o.mode, cls)}: ${lookup_device(n, o.mode, w(c, 0), w(c, 2))}`;
  if (rev) out += ` (rev ${h2(rev)})`;
  if (o.verbose) {
    const pi = lookup_progif(n, cls, progif);
    if (progif || pi) out += ` (prog-if ${h2(progif)}${pi ? ` [${pi}]` : ''})`;
  }
  out += '\n';
  const subsys = (): string => {
    const sv = htype === 0 ? w(c, 0x2c) : 0, sd = htype === 0 ? w(c, 0x2e) : 0;
    return sv && sv !== 0xffff ? `\tSubsystem: ${lookup_subsystem(n, o.mode, w(c, 0), w(c, 2), sv, sd)}\n` : '';
  };
  // show_kernel: the bound driver, then every module that could drive it, each named once.
  const kernel = (): string => (d.driver ? `\tKernel driver in use: ${d.driver}\n` : '') + (d.modules?.length ? `\tKernel modules: ${d.modules.join(', ')}\n` : '');
  if (o.verbose) {
    out += subsys();
    const cmd = w(c, 4), status = w(c, 6), latency = b(c, 0x0d), pin = b(c, 0x3d);
    const devsel = ['fast', 'medium', 'slow', '??'][(status >> 9) & 3];
    if (o.verbose > 1) {
      out += `\tControl: I/O${pm(cmd, 1)} Mem${pm(cmd, 2)} BusMaster${pm(cmd, 4)} SpecCycle${pm(cmd, 8)} MemWINV${pm(cmd, 0x10)} VGASnoop${pm(cmd, 0x20)} ParErr${pm(cmd, 0x40)} Stepping${pm(cmd, 0x80)} SERR${pm(cmd, 0x100)} FastB2B${pm(cmd, 0x200)} DisINTx${pm(cmd, 0x400)}\n`;
      out += `\tStatus: Cap${pm(status, 0x10)} 66MHz${pm(status, 0x20)} UDF${pm(status, 0x40)} FastB2B${pm(status, 0x80)} ParErr${pm(status, 0x100)} DEVSEL=${devsel} >TAbort${pm(status, 0x800)} <TAbort${pm(status, 0x1000)} <MAbort${pm(status, 0x2000)} >SERR${pm(status, 0x4000)} <PERR${pm(status, 0x8000)} INTx${pm(status, 8)}\n`;
      if (cmd & 4) {
        out += `\tLatency: ${latency}`;
        const cache = b(c, 0x0c);
        if (cache) out += `, Cache Line Size: ${cache * 4} bytes`;
        out += '\n';
      }
      if (pin || d.irq) out += `\tInterrupt: pin ${pin ? String.fromCharCode(64 + pin) : '?'} routed to IRQ ${d.irq}\n`;
    } else {
      let f = '\tFlags: ';
      if (cmd & 4) f += 'bus master, ';
      if (cmd & 0x20) f += 'VGA palette snoop, ';
      if (cmd & 0x80) f += 'stepping, ';
      if (cmd & 0x200) f += 'fast Back2Back, ';
      if (status & 0x20) f += '66MHz, ';
      if (status & 0x40) f += 'user-definable features, ';
      f += `${devsel} devsel`;
      if (cmd & 4) f += `, latency ${latency}`;
      if (d.irq) f += `, IRQ ${d.irq}`;
      out += `${f}\n`;
    }
    if (htype === 0) {
      out += show_bases(d, 6, o.verbose);
      out += show_rom(d, 0x30);
    } else if (htype === 1) {
      out += show_bases(d, 2, o.verbose);
      const pri = b(c, 0x18), sec = b(c, 0x19), sub = b(c, 0x1a), seclat = b(c, 0x1b);
      out += `\tBus: primary=${h2(pri)}, secondary=${h2(sec)}, subordinate=${h2(sub)}, sec-latency=${seclat}\n`;
      const iob = b(c, 0x1c), iol = b(c, 0x1d);
      const io_base = ((iob & 0xf0) << 8) | (w(c, 0x30) << 16), io_limit = ((iol & 0xf0) << 8) | (w(c, 0x32) << 16) | 0xfff;
      const ms = w(c, 0x20), ml = w(c, 0x22), ps = w(c, 0x24), pl = w(c, 0x26);
      const range = (base: number, limit: number, fmt: (x: number) => string, extra = '') => (base <= limit ? `${fmt(base)}-${fmt(limit)}${extra}` : '');
      const io = range(io_base, io_limit, (x) => x.toString(16).padStart(8, '0'));
      if (io || o.verbose > 1) out += `\tI/O behind bridge: ${io || '[disabled]'}${io ? ` [size=${show_size(io_limit - io_base + 1).slice(7, -1)}]` : ''} [16-bit]\n`.replace(' [16-bit]', io_base > 0xffff ? ' [32-bit]' : ' [16-bit]');
      const mbase = ((ms & 0xfff0) << 16) >>> 0, mlimit = (((ml & 0xfff0) << 16) | 0xfffff) >>> 0;
      const mr = range(mbase, mlimit, (x) => x.toString(16).padStart(8, '0'));
      if (mr || o.verbose > 1) out += `\tMemory behind bridge: ${mr || '[disabled]'}${mr ? ` [size=${show_size(mlimit - mbase + 1).slice(7, -1)}]` : ''} [32-bit]\n`;
      const pbase = ((ps & 0xfff0) << 16 >>> 0) + l(c, 0x28) * 2 ** 32, plimit = (((pl & 0xfff0) << 16 | 0xfffff) >>> 0) + l(c, 0x2c) * 2 ** 32;
      const pr = range(pbase, plimit, (x) => x.toString(16).padStart(8, '0'));
      if (pr || o.verbose > 1) out += `\tPrefetchable memory behind bridge: ${pr || '[disabled]'}${pr ? ` [size=${show_size(plimit - pbase + 1).slice(7, -1)}]` : ''} [${(ps & 0xf) === 1 ? '64' : '32'}-bit]\n`;
      out += show_rom(d, 0x38);
    }
    out += show_caps(d, o.verbose);
    if (o.kernel || o.verbose) out += kernel();
  } else if (o.kernel) {
    out += subsys();
    out += kernel();
  }
  if (o.hex) {
    const len = o.hex >= 4 ? 4096 : o.hex >= 3 ? 256 : 64;
    for (let i = 0; i < Math.min(len, c.length); i += 16) {
      out += `${i.toString(16).padStart(i >= 0x100 ? 3 : 2, '0')}:`;
      for (let j = 0; j < 16; j++) out += ` ${h2(b(c, i + j))}`;
      out += '\n';
    }
  }
  if (o.verbose || o.hex) out += '\n';
  return out;
}

/** ls-tree.c: buses and bridges as a tree. */
function show_tree(devs: pci_fn[], o: opts, n: pci_names): string {
  let out = '';
  const line: string[] = [];
  const print_it = (p: number): void => {
    out += `${line.slice(0, p).join('')}\n`;
    for (let i = 0; i < p; i++) line[i] = line[i] === '+' || line[i] === '|' ? '|' : ' ';
    line.length = p;
  };
  const put = (p: number, s: string): number => { for (let i = 0; i < s.length; i++) line[p + i] = s[i]!; return p + s.length; };
  const on_bus = (dom: number, bus: number) => devs.filter((d) => d.domain === dom && d.bus === bus);
  const show_dev = (d: pci_fn, p: number): void => {
    p = put(p, `${h2(d.dev)}.${d.func}`);
    if ((b(d.cfg, 0x0e) & 0x7f) === 1) {
      const sec = b(d.cfg, 0x19), sub = b(d.cfg, 0x1a);
      p = put(p, sec === sub ? `-[${h2(sec)}]--` : `-[${h2(sec)}-${h2(sub)}]--`);
      show_bus(d.domain, sec, p);
      return;
    }
    if (o.verbose) p = put(p, `  ${lookup_device(n, 'names', w(d.cfg, 0), w(d.cfg, 2))}`);
    print_it(p);
  };
  const show_bus = (dom: number, bus: number, p: number): void => {
    const list = on_bus(dom, bus);
    if (!list.length) { print_it(p); return; }
    if (list.length === 1) { p = put(p, '--'); show_dev(list[0]!, p); return; }
    list.forEach((d, i) => { put(p, i === list.length - 1 ? '\\-' : '+-'); show_dev(d, p + 2); });
  };
  const domains = [...new Set(devs.map((d) => d.domain))];
  for (const dom of domains) {
    const roots = [...new Set(devs.filter((d) => d.domain === dom).map((d) => d.bus))].filter((bn) => !devs.some((d) => d.domain === dom && (b(d.cfg, 0x0e) & 0x7f) === 1 && b(d.cfg, 0x19) <= bn && bn <= b(d.cfg, 0x1a)));
    for (const r of roots) {
      let p = put(0, `-[${h4(dom)}:${h2(r)}]-`);
      void p;
      p = line.length;
      show_bus(dom, r, p);
    }
  }
  return out;
}

export function* lspci_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'nvkxtDs:d:i:Ab:' });
  if (p.error) { yield* c.write(2, `lspci: ${p.error}\n`); return 2; }
  const o: opts = { verbose: 0, kernel: false, hex: 0, mode: 'names', tree: false, domains: false };
  let nflag = 0;
  const filters: ((d: pci_fn) => boolean)[] = [];
  let ids_path = PCI_IDS_PATH;
  for (const [k, v] of p.opts) {
    if (k === 'v') o.verbose++;
    else if (k === 'n') nflag++;
    else if (k === 'k') o.kernel = true;
    else if (k === 'x') o.hex++;
    else if (k === 't') o.tree = true;
    else if (k === 'D') o.domains = true;
    else if (k === 'i') ids_path = v;
    else if (k === 's') {
      const f = slot_filter(v);
      if (!f) { yield* c.write(2, `lspci: -s: Invalid slot number\n`); return 2; }
      filters.push(f);
    } else if (k === 'd') {
      const f = id_filter(v);
      if (!f) { yield* c.write(2, `lspci: -d: Invalid vendor ID\n`); return 2; }
      filters.push(f);
    }
  }
  o.mode = nflag >= 2 ? 'mixed' : nflag === 1 ? 'numeric' : 'names';
  const ids = yield* c.read_text(ids_path);
  const names = parse_pci_ids(typeof ids === 'string' ? ids : '');
  const cfglen = o.hex >= 4 ? 4096 : 256;
  const devs = yield* scan_devices(c, cfglen);
  if (typeof devs === 'number') {
    yield* c.write(2, 'lspci: Cannot find any working access method.\n');
    return 1;
  }
  const shown = devs.filter((d) => filters.every((f) => f(d)));
  if (o.kernel || o.verbose) yield* find_modules(c, shown);
  if (o.tree) {
    yield* c.write(1, show_tree(shown, o, names));
    return 0;
  }
  let out = '';
  for (const d of shown) out += show_device(d, o, names);
  yield* c.write(1, out);
  return 0;
}
