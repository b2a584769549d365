// Models linux/mm/kasan/report.c: "BUG: KASAN: slab-out-of-bounds / use-after-free / double-free" with the access, stacks and the object's region.
import { printk, KERN_ERR } from '../kernel/printk/printk.ts';
import { add_taint, TAINT_BAD_PAGE, dump_stack_header } from '../kernel/panic.ts';
import { current } from '../kernel/sched/core.ts';
import { kaddr } from '../lib/vsprintf.ts';
import { stack_frames, type trace_frame } from '../kernel/module/faults.ts';
import { find_object, type slab_object } from './slab.ts';
import { kasan_shadow, KMEM_NULL_GUARD } from './kmem.ts';
import { trace_event } from '../kernel/trace/trace.ts';

const RULE = '==================================================================';

function frames_text(fr: trace_frame[]): string[] {
  return fr.map((f) => ` ${f.text}${f.file ? ` ${f.file}:${f.line}` : ''}`);
}

function object_lines(o: slab_object, addr: number): string[] {
  const name = o.cache ? o.cache.name : 'kmalloc-large';
  const size = o.cache ? o.cache.size : o.size;
  const off = addr - o.addr;
  const where = off < 0 ? `${-off} bytes to the left of` : off >= o.size ? `${off - o.size} bytes to the right of` : `${off} bytes inside of`;
  return [
    `The buggy address belongs to the object at ${kaddr(o.addr)}`,
    ` which belongs to the cache ${name} of size ${size}`,
    `The buggy address is located ${where}`,
    ` ${o.size}-byte region [${kaddr(o.addr)}, ${kaddr(o.addr + o.size)})`,
  ];
}

function task_stack(title: string, pid: number, trace: unknown): string[] {
  const fr = stack_frames(trace).filter((f) => f.module);
  return [`${title} by task ${pid}:`, ...frames_text(fr), ''];
}

export type kasan_bug = 'slab-out-of-bounds' | 'use-after-free' | 'double-free' | 'invalid-free' | 'out-of-bounds' | 'null-ptr-deref' | 'wild-memory-access';

/** Classifies a bad access by the shadow and the object it hits. */
export function kasan_classify(addr: number): [kasan_bug, slab_object | undefined] {
  if (addr < KMEM_NULL_GUARD) return ['null-ptr-deref', undefined];
  const o = find_object(addr);
  if (o?.freed) return ['use-after-free', o];
  if (o) return ['slab-out-of-bounds', o];
  const sh = kasan_shadow(addr);
  return [sh === 0xfb ? 'use-after-free' : sh >= 0xf0 ? 'out-of-bounds' : 'wild-memory-access', undefined];
}

/** Prints a KASAN report; `err` carries the host stack of the faulting access. The caller goes on (taint B). */
export function kasan_report(bug: kasan_bug, addr: number, size: number, access: 'Read' | 'Write' | 'Free', err: unknown, obj?: slab_object): void {
  const fr = stack_frames(err);
  const at = fr.find((f) => f.module) ?? fr[0];
  const t = current();
  const out: string[] = [RULE, `BUG: KASAN: ${bug} in ${at?.text ?? 'unknown'}${at?.file ? ` ${at.file}:${at.line}` : ''}`];
  out.push(access === 'Free' ? `Free of addr ${kaddr(addr)} by task ${t.comm}/${t.pid}` : `${access} of size ${size} at addr ${kaddr(addr)} by task ${t.comm}/${t.pid}`, '');
  out.push(dump_stack_header(), 'Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014', 'Call Trace:', ' <TASK>', ...frames_text(fr), ' </TASK>', '');
  if (obj) {
    obj.reported = true;
    out.push(...task_stack('Allocated', obj.pid, obj.trace));
    if (obj.freed) out.push(...task_stack('Freed', obj.free_pid ?? 0, obj.free_trace));
    out.push(...object_lines(obj, addr), '');
  }
  out.push(RULE);
  for (const l of out) printk(`${KERN_ERR}${l}`);
  add_taint(TAINT_BAD_PAGE);
  trace_event('kasan', 'report', { bug, addr, size, access });
}
