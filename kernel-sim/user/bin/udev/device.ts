// sd-device for the udev tools: a device by its /sys path, its attributes, driver, subsystem and parents, read through system calls.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';

export interface sd_device { syspath: string; devpath: string; sysname: string }

export function device_from_syspath(syspath: string): sd_device {
  const clean = '/' + syspath.split('/').filter(Boolean).join('/');
  const devpath = clean.startsWith('/sys/') ? clean.slice(4) : clean;
  return { syspath: clean, devpath, sysname: devpath.slice(devpath.lastIndexOf('/') + 1) };
}

/** Resolves symlinks in a /sys path the way realpath does. */
export function* realpath(c: Libc, path: string): KGen<string> {
  let parts = path.split('/').filter(Boolean);
  const out: string[] = [];
  for (let guard = 0; parts.length && guard < 200; guard++) {
    const p = parts.shift()!;
    if (p === '.') continue;
    if (p === '..') { out.pop(); continue; }
    const cur = '/' + [...out, p].join('/');
    const l = yield* c.readlink(cur);
    if (typeof l === 'string') {
      if (l.startsWith('/')) out.length = 0;
      parts = [...l.split('/').filter(Boolean), ...parts];
    } else out.push(p);
  }
  return '/' + out.join('/');
}

/** A sysattr value with trailing whitespace stripped, or -errno (sd_device_get_sysattr_value). */
export function* sysattr(c: Libc, dev: sd_device, name: string): KGen<string | number> {
  const st = yield* c.stat(`${dev.syspath}/${name}`);
  if (typeof st === 'number') return st;
  if ((st.mode & 0o170000) === 0o100000 && !(st.mode & 0o444)) return -13;
  const v = yield* c.read_text(`${dev.syspath}/${name}`);
  return typeof v === 'number' ? v : v.replace(/\s+$/, '');
}

function* link_base(c: Libc, dev: sd_device, name: string): KGen<string> {
  const l = yield* c.readlink(`${dev.syspath}/${name}`);
  return typeof l === 'string' ? l.slice(l.lastIndexOf('/') + 1) : '';
}

export function* device_subsystem(c: Libc, dev: sd_device): KGen<string> { return yield* link_base(c, dev, 'subsystem'); }
export function* device_driver(c: Libc, dev: sd_device): KGen<string> { return yield* link_base(c, dev, 'driver'); }

/** Whether a directory is a device: it has a uevent file. */
export function* is_device(c: Libc, syspath: string): KGen<boolean> {
  const st = yield* c.stat(`${syspath}/uevent`);
  return typeof st !== 'number';
}

/** The nearest ancestor directory that is a device (sd_device_get_parent). */
export function* device_parent(c: Libc, dev: sd_device): KGen<sd_device | null> {
  let p = dev.syspath;
  for (;;) {
    p = p.slice(0, p.lastIndexOf('/'));
    if (!p.startsWith('/sys/devices/') || p === '/sys/devices') return null;
    if (yield* is_device(c, p)) return device_from_syspath(p);
  }
}

/** The uevent file's properties in file order. */
export function* uevent_props(c: Libc, dev: sd_device): KGen<[string, string][]> {
  const t = yield* c.read_text(`${dev.syspath}/uevent`);
  if (typeof t === 'number') return [];
  return t.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as [string, string]);
}

/** Regular files of the device directory, sorted (the sysattrs udevadm info walks). */
export function* sysattr_names(c: Libc, dev: sd_device): KGen<string[]> {
  const ents = yield* c.readdir(dev.syspath);
  if (typeof ents === 'number') return [];
  return ents.filter((e) => e.type === 8).map((e) => e.name).sort();
}

/** The udev database record of a device: /run/udev/data/c10:124 or +subsystem:name. */
export function db_id(props: Map<string, string>, subsystem: string, sysname: string): string {
  const maj = props.get('MAJOR'), min = props.get('MINOR');
  if (maj && min) return `${subsystem === 'block' ? 'b' : 'c'}${maj}:${min}`;
  return `+${subsystem}:${sysname}`;
}
