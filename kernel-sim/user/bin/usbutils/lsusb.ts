// Models usbutils 014's lsusb: one line per device from sysfs (Bus/Device/ID and the names usb.ids gives), -t as a tree of ports, interfaces and drivers, -s [[bus]:][devnum] and -d vendor:[product] filters.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { getopt } from '../../lib/getopt.ts';
import { USB_IDS, USB_CLASSES } from './names.ts';

const SYS = '/sys/bus/usb/devices';

interface usb_dev { name: string; busnum: number; devnum: number; vendor: number; product: number; cls: number; speed: string; driver: string; maxchild: number; ifs: usb_if[] }
interface usb_if { name: string; num: number; cls: number; driver: string }

function* attr(c: Libc, path: string): KGen<string> {
  const t = yield* c.read_text(path);
  return typeof t === 'string' ? t.trim() : '';
}

function* driver_of(c: Libc, dir: string): KGen<string> {
  const l = yield* c.readlink(`${dir}/driver`);
  return typeof l === 'string' ? l.slice(l.lastIndexOf('/') + 1) : '';
}

/** The devices and their interfaces, as libusb finds them in sysfs. */
export function* scan_usb(c: Libc): KGen<usb_dev[]> {
  const ents = yield* c.readdir(SYS);
  if (typeof ents === 'number') return [];
  const names = ents.map((e) => e.name).filter((n) => n !== '.' && n !== '..');
  const devs: usb_dev[] = [];
  for (const n of names.filter((x) => !x.includes(':'))) {
    const d = `${SYS}/${n}`;
    const ifs: usb_if[] = [];
    for (const i of names.filter((x) => x.startsWith(`${n}:`) || (n.startsWith('usb') && x.startsWith(`${n.slice(3)}-0:`)))) {
      ifs.push({ name: i, num: parseInt(yield* attr(c, `${SYS}/${i}/bInterfaceNumber`), 16), cls: parseInt(yield* attr(c, `${SYS}/${i}/bInterfaceClass`), 16), driver: yield* driver_of(c, `${SYS}/${i}`) });
    }
    devs.push({
      name: n, busnum: Number(yield* attr(c, `${d}/busnum`)), devnum: Number(yield* attr(c, `${d}/devnum`)),
      vendor: parseInt(yield* attr(c, `${d}/idVendor`), 16), product: parseInt(yield* attr(c, `${d}/idProduct`), 16),
      cls: parseInt(yield* attr(c, `${d}/bDeviceClass`), 16), speed: yield* attr(c, `${d}/speed`),
      // A root hub is shown with its host controller's driver (xhci_hcd).
      driver: yield* driver_of(c, n.startsWith('usb') ? `${d}/..` : d),
      maxchild: Number(yield* attr(c, `${d}/maxchild`)), ifs,
    });
  }
  return devs;
}

const h4 = (v: number): string => v.toString(16).padStart(4, '0');
const pad3 = (v: number): string => String(v).padStart(3, '0');

/** The vendor and product names of usb.ids ("Linux Foundation 2.0 root hub"). */
function names(v: number, p: number): string {
  const ven = USB_IDS[v];
  if (!ven) return '';
  const prod = ven.products[p];
  return prod ? `${ven.name} ${prod}` : ven.name;
}

const class_name = (cls: number): string => USB_CLASSES[cls] ?? `[unknown]`;

/** lsusb -t: a root hub line per bus, then each port's device by its interfaces, indented four spaces per tier. */
function tree(devs: usb_dev[]): string {
  const out: string[] = [];
  const walk = (parent: string, depth: number): void => {
    const kids = devs.filter((d) => !d.name.startsWith('usb') && d.name.slice(0, d.name.lastIndexOf(d.name.includes('.') ? '.' : '-')) === parent)
      .sort((a, b) => port_of(a) - port_of(b));
    for (const k of kids) {
      for (const i of k.ifs.sort((a, b) => a.num - b.num)) {
        out.push(`${' '.repeat(4 * depth)}|__ Port ${port_of(k)}: Dev ${k.devnum}, If ${i.num}, Class=${class_name(i.cls)}, Driver=${i.driver || '[none]'}, ${k.speed}M`);
      }
      if (!k.ifs.length) out.push(`${' '.repeat(4 * depth)}|__ Port ${port_of(k)}: Dev ${k.devnum}, Class=${class_name(k.cls)}, Driver=[none], ${k.speed}M`);
      walk(k.name, depth + 1);
    }
  };
  for (const r of devs.filter((d) => d.name.startsWith('usb')).sort((a, b) => b.busnum - a.busnum)) {
    out.push(`/:  Bus ${String(r.busnum).padStart(2, '0')}.Port 1: Dev 1, Class=root_hub, Driver=${r.driver}/${r.maxchild}p, ${r.speed}M`);
    walk(`${r.busnum}`, 1);
  }
  return out.map((l) => `${l}\n`).join('');
}
const port_of = (d: usb_dev): number => Number(d.name.split(/[-.]/).pop());

export function* lsusb_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'tvs:d:V' });
  if (p.error) { yield* c.write(2, `lsusb: ${p.error}\n`); return 1; }
  let t = false, bus = -1, dev = -1, vendor = -1, product = -1;
  for (const [k, v] of p.opts) {
    if (k === 't') t = true;
    else if (k === 'V') { yield* c.write(1, 'lsusb (usbutils) 014\n'); return 0; }
    else if (k === 's') {
      const m = /^(?:([0-9]*):)?([0-9]*)$/.exec(v);
      if (!m) { yield* c.write(2, 'lsusb: invalid -s argument\n'); return 1; }
      if (m[1]) bus = parseInt(m[1], 10);
      if (m[2]) dev = parseInt(m[2], 10);
    } else if (k === 'd') {
      const m = /^([0-9a-fA-F]{0,4}):([0-9a-fA-F]{0,4})$/.exec(v);
      if (!m) { yield* c.write(2, 'lsusb: invalid -d argument\n'); return 1; }
      if (m[1]) vendor = parseInt(m[1], 16);
      if (m[2]) product = parseInt(m[2], 16);
    }
  }
  const devs = yield* scan_usb(c);
  if (t) { yield* c.write(1, tree(devs)); return 0; }
  const sel = devs.filter((d) => (bus < 0 || d.busnum === bus) && (dev < 0 || d.devnum === dev) && (vendor < 0 || d.vendor === vendor) && (product < 0 || d.product === product))
    .sort((a, b) => b.busnum - a.busnum || b.devnum - a.devnum);
  for (const d of sel) yield* c.write(1, `Bus ${pad3(d.busnum)} Device ${pad3(d.devnum)}: ID ${h4(d.vendor)}:${h4(d.product)} ${names(d.vendor, d.product)}`.trimEnd() + '\n');
  return sel.length || (bus < 0 && dev < 0 && vendor < 0 && product < 0) ? 0 : 1;
}
