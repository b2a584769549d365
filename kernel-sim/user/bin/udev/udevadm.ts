// /bin/udevadm: monitor, info (-q, -a attribute walk), trigger and settle, with systemd-udev 252's output formats.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { monitor_open, monitor_receive, GROUP_KERNEL, GROUP_UDEV } from './netlink.ts';
import {
  device_from_syspath, realpath, sysattr, sysattr_names, device_parent, device_subsystem, device_driver, uevent_props, db_id, type sd_device,
} from './device.ts';

const CLOCK_MONOTONIC = 1;

function opt_value(args: string[], long: string, short: string | null): string | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith(`${long}=`)) return a.slice(long.length + 1);
    if (a === long || (short && a === short)) return args[i + 1] ?? '';
    if (short && a.startsWith(short) && a.length > short.length && !a.startsWith('--')) return a.slice(short.length);
  }
  return null;
}

function* monitor(c: Libc, args: string[]): KGen<number> {
  let kernel = args.some((a) => a === '--kernel' || a === '-k' || /^-[a-z]*k/.test(a) && !a.startsWith('--'));
  let udev = args.some((a) => a === '--udev' || a === '-u' || /^-[a-z]*u/.test(a) && !a.startsWith('--'));
  const prop = args.some((a) => a === '--property' || a === '-p' || a === '--environment' || a === '-e');
  const subsys = opt_value(args, '--subsystem-match', '-s');
  if (!kernel && !udev) kernel = udev = true;
  let head = 'monitor will print the received events for:\n';
  if (udev) head += 'UDEV - the event which udev sends out after rule processing\n';
  if (kernel) head += 'KERNEL - the kernel uevent\n';
  yield* c.write(1, head + '\n');
  const groups = (kernel ? 1 << (GROUP_KERNEL - 1) : 0) | (udev ? 1 << (GROUP_UDEV - 1) : 0);
  const m = yield* monitor_open(c, groups);
  if (typeof m === 'number') { yield* c.write(2, `Failed to create netlink socket: ${m}\n`); return 1; }
  const scratch = c as unknown as { sp: number };
  const base = scratch.sp;
  for (;;) {
    scratch.sp = base;
    const msg = yield* monitor_receive(c, m);
    if (typeof msg === 'number') { if (msg === -105) continue; return msg === -4 ? 0 : 1; }
    const subsystem = msg.props.get('SUBSYSTEM') ?? '';
    if (subsys && subsystem !== subsys.split('/')[0]) continue;
    const ns = yield* c.clock_gettime(CLOCK_MONOTONIC);
    const t = `${Math.floor(ns / 1e9)}.${String(Math.floor((ns % 1e9) / 1000)).padStart(6, '0')}`;
    const source = msg.source === 'kernel' ? 'KERNEL' : 'UDEV';
    let out = `${source.padEnd(6)}[${t}] ${msg.action.padEnd(8)} ${msg.devpath} (${subsystem})\n`;
    if (prop) out += [...msg.props].map(([k, v]) => `${k}=${v}\n`).join('') + '\n';
    yield* c.write(1, out);
  }
}

/** A device named by /sys path, /dev node or devpath. */
function* resolve_device(c: Libc, name: string): KGen<sd_device | null> {
  if (name.startsWith('/dev/')) {
    const st = yield* c.stat(name);
    if (typeof st === 'number') return null;
    const type = (st.mode & 0o170000) === 0o060000 ? 'block' : 'char';
    const major = (st.rdev >> 8) & 0xfff, minor = (st.rdev & 0xff) | ((st.rdev >> 12) & 0xfff00);
    return device_from_syspath(yield* realpath(c, `/sys/dev/${type}/${major}:${minor}`));
  }
  const p = name.startsWith('/sys') ? name : `/sys${name.startsWith('/') ? '' : '/'}${name}`;
  const real = yield* realpath(c, p);
  const st = yield* c.stat(`${real}/uevent`);
  return typeof st === 'number' ? null : device_from_syspath(real);
}

/** DEVPATH, DEVNAME, the uevent file's properties, SUBSYSTEM, then the database's (sd_device properties). */
function* properties(c: Libc, dev: sd_device): KGen<[string, string][]> {
  const props: [string, string][] = [['DEVPATH', dev.devpath]];
  const ue = yield* uevent_props(c, dev);
  const subsystem = yield* device_subsystem(c, dev);
  const db = yield* c.read_text(`/run/udev/data/${db_id(new Map(ue), subsystem, dev.sysname)}`);
  const devname = ue.find(([k]) => k === 'DEVNAME');
  const dbname = typeof db === 'string' ? /^N:(.*)$/m.exec(db)?.[1] : undefined;
  if (devname) props.push(['DEVNAME', `/dev/${dbname ?? devname[1]}`]);
  for (const [k, v] of ue) if (k !== 'DEVNAME') props.push([k, v]);
  if (subsystem) props.push(['SUBSYSTEM', subsystem]);
  if (typeof db === 'string') {
    const links = [...db.matchAll(/^S:(.*)$/gm)].map((m) => `/dev/${m[1]}`);
    if (links.length) props.push(['DEVLINKS', links.join(' ')]);
    for (const m of db.matchAll(/^E:([^=]+)=(.*)$/gm)) if (!props.some(([k]) => k === m[1])) props.push([m[1], m[2]]);
  }
  return props;
}

function* print_attributes(c: Libc, dev: sd_device, parent: boolean): KGen<string> {
  let out = `  looking at ${parent ? 'parent ' : ''}device '${dev.devpath}':\n`;
  out += `    ${parent ? 'KERNELS' : 'KERNEL'}=="${dev.sysname}"\n`;
  out += `    ${parent ? 'SUBSYSTEMS' : 'SUBSYSTEM'}=="${yield* device_subsystem(c, dev)}"\n`;
  out += `    ${parent ? 'DRIVERS' : 'DRIVER'}=="${yield* device_driver(c, dev)}"\n`;
  const skip = new Set(['uevent', 'dev', 'modalias', 'resource', 'driver', 'subsystem', 'module']);
  const attrs: [string, string][] = [];
  for (const name of yield* sysattr_names(c, dev)) {
    if (skip.has(name)) continue;
    const v = yield* sysattr(c, dev, name);
    if (typeof v === 'number') { if (v === -13 || v === -1) attrs.push([name, '(not readable)']); continue; }
    if (v.startsWith('/') || /[^\x20-\x7e]/.test(v)) continue;
    attrs.push([name, v]);
  }
  for (const [k, v] of attrs) out += `    ${parent ? 'ATTRS' : 'ATTR'}{${k}}=="${v}"\n`;
  return out + '\n';
}

function* info(c: Libc, args: string[]): KGen<number> {
  const walk = args.includes('-a') || args.includes('--attribute-walk');
  const query = opt_value(args, '--query', '-q');
  const path = opt_value(args, '--path', '-p') ?? opt_value(args, '--name', '-n');
  const positional = args.filter((a, i) => !a.startsWith('-') && !['-q', '-p', '-n', '--query', '--path', '--name'].includes(args[i - 1] ?? ''));
  const target = path !== null ? (args.includes('-n') || args.some((a) => a.startsWith('--name')) ? (path.startsWith('/dev/') ? path : `/dev/${path}`) : path) : positional[0];
  if (!target) { yield* c.write(2, 'udevadm: Bad argument "", expected an absolute path in /dev/ or /sys/ or a unit name\n'); return 1; }
  const dev = yield* resolve_device(c, target);
  if (!dev) { yield* c.write(2, `Unknown device "${target}": No such device\n`); return 1; }
  if (walk) {
    let out = '\nUdevadm info starts with the device specified by the devpath and then\nwalks up the chain of parent devices. It prints for every device\nfound, all possible attributes in the udev rules key format.\nA rule to match, can be composed by the attributes of the device\nand the attributes from one single parent device.\n\n';
    out += yield* print_attributes(c, dev, false);
    for (let p = yield* device_parent(c, dev); p; p = yield* device_parent(c, p)) out += yield* print_attributes(c, p, true);
    yield* c.write(1, out);
    return 0;
  }
  const props = yield* properties(c, dev);
  const get = (k: string): string | undefined => props.find(([x]) => x === k)?.[1];
  switch (query) {
    case 'property': case 'env': yield* c.write(1, props.map(([k, v]) => `${k}=${v}\n`).join('')); return 0;
    case 'path': yield* c.write(1, `${dev.devpath}\n`); return 0;
    case 'name': { const n = get('DEVNAME'); if (!n) { yield* c.write(2, 'no device node found\n'); return 1; } yield* c.write(1, `${n.slice(5)}\n`); return 0; }
    case 'symlink': yield* c.write(1, `${(get('DEVLINKS') ?? '').split(' ').filter(Boolean).map((l) => l.slice(5)).join(' ')}\n`); return 0;
    case null: break;
    default: yield* c.write(2, `udevadm: unknown query type '${query}'\n`); return 1;
  }
  let out = `P: ${dev.devpath}\n`;
  const n = get('DEVNAME');
  if (n) out += `N: ${n.slice(5)}\n`;
  for (const l of (get('DEVLINKS') ?? '').split(' ').filter(Boolean)) out += `S: ${l.slice(5)}\n`;
  out += props.map(([k, v]) => `E: ${k}=${v}\n`).join('');
  yield* c.write(1, out + '\n');
  return 0;
}

function* list_devices(c: Libc, subsystem: string | null, subsystems_only: boolean): KGen<string[]> {
  const out = new Set<string>();
  if (subsystems_only) {
    for (const top of ['/sys/bus', '/sys/class']) {
      const ents = yield* c.readdir(top);
      if (typeof ents === 'number') continue;
      for (const e of ents) if (e.name !== '.' && e.name !== '..' && (!subsystem || e.name === subsystem)) out.add(`${top}/${e.name}`);
    }
    return [...out].sort();
  }
  const dirs: string[] = [];
  const buses = yield* c.readdir('/sys/bus');
  if (typeof buses !== 'number') for (const b of buses) if (b.name[0] !== '.' && (!subsystem || b.name === subsystem)) dirs.push(`/sys/bus/${b.name}/devices`);
  const classes = yield* c.readdir('/sys/class');
  if (typeof classes !== 'number') for (const k of classes) if (k.name[0] !== '.' && (!subsystem || k.name === subsystem)) dirs.push(`/sys/class/${k.name}`);
  for (const d of dirs) {
    const ents = yield* c.readdir(d);
    if (typeof ents === 'number') continue;
    for (const e of ents) if (e.name[0] !== '.') out.add(yield* realpath(c, `${d}/${e.name}`));
  }
  return [...out].sort();
}

function* trigger(c: Libc, args: string[]): KGen<number> {
  const action = opt_value(args, '--action', '-c') ?? 'change';
  if (!['add', 'remove', 'change', 'move', 'online', 'offline', 'bind', 'unbind'].includes(action)) { yield* c.write(2, `Unknown action '${action}'\n`); return 1; }
  const verbose = args.includes('-v') || args.includes('--verbose');
  const dry = args.includes('-n') || args.includes('--dry-run');
  const subsystem = opt_value(args, '--subsystem-match', '-s');
  const type = opt_value(args, '--type', '-t') ?? 'devices';
  for (const p of yield* list_devices(c, subsystem, type === 'subsystems')) {
    if (verbose) yield* c.write(1, `${p}\n`);
    if (dry) continue;
    const fd = yield* c.open(`${p}/uevent`, 1);
    if (fd < 0) continue;
    yield* c.write(fd, action);
    yield* c.close(fd);
  }
  return 0;
}

/** Waits until udevd has handled every uevent the kernel has sent (or the timeout passes). */
function* settle(c: Libc, args: string[]): KGen<number> {
  const timeout = Number(opt_value(args, '--timeout', '-t') ?? '120');
  const deadline = (yield* c.clock_gettime(CLOCK_MONOTONIC)) + timeout * 1e9;
  const scratch = c as unknown as { sp: number };
  const base = scratch.sp;
  for (;;) {
    scratch.sp = base;
    if ((yield* c.access('/run/udev/seqnum', 0)) !== 0) return 0;
    const k = yield* c.read_text('/sys/kernel/uevent_seqnum');
    const u = yield* c.read_text('/run/udev/seqnum');
    if (typeof k === 'string' && typeof u === 'string' && Number(u) >= Number(k)) return 0;
    if ((yield* c.clock_gettime(CLOCK_MONOTONIC)) >= deadline) { yield* c.write(2, 'Timed out for waiting the udev queue being empty.\n'); return 1; }
    yield* c.nanosleep(10_000_000);
  }
}

const USAGE = 'udevadm [--help] [--version] [--debug] COMMAND [COMMAND OPTIONS]\n\nSend control commands or test the device manager.\n\nCommands:\n  info          Query sysfs or the udev database\n  trigger       Request events from the kernel\n  settle        Wait for pending udev events\n  monitor       Listen to kernel and udev events\n';

export function* udevadm_main(c: Libc, argv: string[]): KGen<number> {
  const [cmd, ...args] = argv.slice(1);
  switch (cmd) {
    case 'monitor': return yield* monitor(c, args);
    case 'info': return yield* info(c, args);
    case 'trigger': return yield* trigger(c, args);
    case 'settle': return yield* settle(c, args);
    case '--version': case 'version': yield* c.write(1, '252\n'); return 0;
    case undefined: case '--help': case '-h': yield* c.write(cmd ? 1 : 2, USAGE); return cmd ? 0 : 1;
    default: yield* c.write(2, `Unknown command verb '${cmd}'.\n`); return 1;
  }
}
