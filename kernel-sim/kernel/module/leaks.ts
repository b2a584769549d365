// Models mm/kmemleak.c's report for module unload: every object and resource a module still holds is named, then given back.
import { printk, KERN_ERR, KERN_WARNING } from '../printk/printk.ts';
import { objects_owned_by, kfree } from '../../mm/slab.ts';
import { kbytes } from '../../mm/kmem.ts';
import { kaddr } from '../../lib/vsprintf.ts';
import { jiffies } from '../time/timekeeping.ts';
import { stack_frames } from './faults.ts';
import { calling_module } from './runtime.ts';
import type { module, module_resource } from './types.ts';

/** Records something the calling module now holds (a chrdev region, an IRQ, a class ...); returns it for untrack_resource. */
export function track_resource(kind: string, name: string, release?: () => void, owner: module | null = calling_module()): module_resource | null {
  if (!owner) return null;
  const r: module_resource = { kind, name, ...(release ? { release } : {}) };
  owner.resources.push(r);
  return r;
}

/** The module gave it back. */
export function untrack_resource(pred: (r: module_resource) => boolean, owner: module | null = calling_module()): void {
  if (!owner) return;
  const i = owner.resources.findIndex(pred);
  if (i >= 0) owner.resources.splice(i, 1);
}

function hexdump(addr: number, n: number): string[] {
  const b = kbytes();
  const out: string[] = [];
  for (let o = 0; o < n; o += 16) {
    const row = Array.from(b.subarray(addr + o, addr + Math.min(n, o + 16)));
    const hex = row.map((x) => x.toString(16).padStart(2, '0')).join(' ');
    const asc = row.map((x) => (x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : '.')).join('');
    out.push(`    ${hex.padEnd(48)}  ${asc}`);
  }
  return out;
}

/** At rmmod (or a failed init): report and release what the module still holds. Returns how many things leaked. */
export function report_leaks(m: module, when: 'rmmod' | 'init'): number {
  const objs = objects_owned_by(m.name);
  const res = m.resources.splice(0);
  if (objs.length === 0 && res.length === 0) return 0;
  const why = when === 'rmmod' ? 'still held at module unload' : 'still held after init failed';
  if (objs.length) printk(`${KERN_ERR}kmemleak: ${objs.length} new suspected memory leaks (see /sys/kernel/debug/kmemleak)`);
  for (const o of objs) {
    printk(`${KERN_ERR}unreferenced object 0x${kaddr(o.addr)} (size ${o.size}):`);
    printk(`${KERN_ERR}  comm "${o.comm}", pid ${o.pid}, jiffies ${jiffies()}`);
    printk(`${KERN_ERR}  hex dump (first ${Math.min(32, o.size)} bytes):`);
    for (const l of hexdump(o.addr, Math.min(32, o.size))) printk(`${KERN_ERR}${l}`);
    printk(`${KERN_ERR}  backtrace:`);
    for (const f of stack_frames(o.trace).filter((x) => x.module).slice(0, 6)) printk(`${KERN_ERR}    [<${'ffffffffc0000000'}>] ${f.text}${f.file ? ` ${f.file}:${f.line}` : ''}`);
    kfree(o.addr);
  }
  for (const r of res) {
    printk(`${KERN_WARNING}${m.name}: ${r.kind} '${r.name}' ${why}; released`);
    try { r.release?.(); } catch { /* best effort */ }
  }
  return objs.length + res.length;
}
