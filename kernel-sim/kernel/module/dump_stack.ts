// Models lib/dump_stack.c for module callers: "CPU: ... Call Trace:" with the module frames symbolized.
import { printk, KERN_WARNING } from '../printk/printk.ts';
import { dump_stack_header } from '../panic.ts';
import { stack_frames } from './faults.ts';

export function dump_stack_report(): void {
  const p = (s: string): void => { printk(`${KERN_WARNING}${s}`); };
  p(dump_stack_header());
  p('Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014');
  p('Call Trace:');
  p(' <TASK>');
  for (const f of stack_frames(new Error('dump_stack'))) p(` ${f.text}${f.file ? ` ${f.file}:${f.line}` : ''}`);
  p(' </TASK>');
}
