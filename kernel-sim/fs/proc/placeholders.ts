// The /proc files whose owners come later (kernel/module/procfs.c's /proc/modules, block/genhd.c's /proc/partitions
// and the block half of /proc/devices, mm/swapfile.c's /proc/swaps): each prints what its owner registers with
// proc_add_source(), so the file exists, with its header, from boot on. An owner that prefers its own file can
// remove_proc_entry() the placeholder and proc_create its own (drivers/char/misc.ts makes /proc/misc itself).
//
//   proc_add_source('modules', (m) => { for (const mod of modules) seq_puts(m, `${mod.name} ${mod.size} ...\n`); });
//   proc_add_source('partitions', ...);   proc_add_source('blkdev', (m) => seq_puts(m, '254 virtblk\n'));
import { seq_contents, seq_puts, type seq_file } from '../seq_file.ts';
import { procState } from './internal.ts';
import { proc_create_single } from './generic.ts';

export type proc_source = (m: seq_file) => void;

export function proc_add_source(name: string, fn: proc_source): void {
  const s = procState().sources;
  const list = s.get(name) ?? [];
  list.push(fn);
  s.set(name, list);
}

export function proc_remove_source(name: string, fn: proc_source): void {
  const list = procState().sources.get(name);
  if (list) list.splice(list.indexOf(fn) >>> 0, list.includes(fn) ? 1 : 0);
}

function run_sources(m: seq_file, name: string): void {
  for (const f of procState().sources.get(name) ?? []) f(m);
}

/** The text sources print for `name` (used inside another file's show, e.g. /proc/devices' block half). */
export function proc_source_text(m: seq_file, name: string): string {
  const sub: seq_file = { ...m, parts: [], count: 0, pad_until: 0 };
  run_sources(sub, name);
  return new TextDecoder().decode(seq_contents(sub));
}

export function proc_placeholders_init(): number {
  proc_create_single('modules', 0, null, (m) => { run_sources(m, 'modules'); });
  proc_create_single('partitions', 0, null, (m) => { seq_puts(m, 'major minor  #blocks  name\n\n'); run_sources(m, 'partitions'); });
  proc_create_single('swaps', 0, null, (m) => { seq_puts(m, 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n'); run_sources(m, 'swaps'); });
  return 0;
}
