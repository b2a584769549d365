// Models linux/kernel/irq/proc.c: /proc/interrupts (show_interrupts) and the /proc/irq/N/ directories (affinity, node, spurious, one directory per handler).
import { seq_puts } from '../../fs/seq_file.ts';
import { proc_interrupts_add_source, type irq_row } from '../../fs/proc/interrupts.ts';
import { proc_create_single_data, proc_mkdir, proc_remove, proc_find, type proc_dir_entry } from '../../fs/proc/generic.ts';
import { jiffies_to_nsecs } from '../time/timekeeping.ts';
import { irq_desc_hooks, irqState, type irq_desc, type irqaction } from './irqdesc.ts';

/** The rows /proc/interrupts shows for irq descriptors: those with a handler or a non-zero count (show_interrupts). */
export function irq_proc_rows(): irq_row[] {
  const st = irqState();
  const rows: irq_row[] = [];
  for (const [irq, desc] of st.descs) {
    if (desc.action.length === 0 && !desc.kstat_irqs.some((n) => n > 0)) continue;
    rows.push({
      irq,
      counts: Array.from({ length: st.nr_cpus }, (_, c) => desc.kstat_irqs[c] ?? 0),
      chip: desc.irq_data.chip?.name ?? 'None',
      hwirq: desc.irq_data.has_domain ? desc.irq_data.hwirq : null,
      handler: desc.name ?? '',
      actions: desc.action.map((a) => a.name),
    });
  }
  return rows;
}

function bitmap_str(mask: number): string { return mask.toString(16); }
function bitmap_list(mask: number): string {
  const cpus: number[] = [];
  for (let c = 0; c < 32; c++) if (mask & (1 << c)) cpus.push(c);
  const parts: string[] = [];
  for (let i = 0; i < cpus.length;) {
    let j = i;
    while (j + 1 < cpus.length && cpus[j + 1] === cpus[j]! + 1) j++;
    parts.push(i === j ? `${cpus[i]}` : `${cpus[i]}-${cpus[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

function irq_root(): proc_dir_entry | null {
  return proc_find('irq') ?? proc_mkdir('irq', null);
}

/** register_irq_proc(): /proc/irq/N with its affinity files. */
export function register_irq_proc(desc: irq_desc): void {
  if (desc.dir) return;
  const root = irq_root();
  if (!root) return;
  const dir = proc_mkdir(String(desc.irq_data.irq), root);
  if (!dir) return;
  desc.dir = dir;
  const d = desc.irq_data;
  proc_create_single_data('smp_affinity', 0o644, dir, (m) => { seq_puts(m, `${bitmap_str(d.affinity)}\n`); }, desc);
  proc_create_single_data('smp_affinity_list', 0o644, dir, (m) => { seq_puts(m, `${bitmap_list(d.affinity)}\n`); }, desc);
  proc_create_single_data('affinity_hint', 0o444, dir, (m) => { seq_puts(m, '0\n'); }, desc);
  proc_create_single_data('effective_affinity', 0o444, dir, (m) => { seq_puts(m, `${bitmap_str(1 << d.effective_cpu)}\n`); }, desc);
  proc_create_single_data('effective_affinity_list', 0o444, dir, (m) => { seq_puts(m, `${d.effective_cpu}\n`); }, desc);
  proc_create_single_data('node', 0o444, dir, (m) => { seq_puts(m, '0\n'); }, desc);
  proc_create_single_data('spurious', 0o444, dir, (m) => {
    seq_puts(m, `count ${desc.irq_count}\nunhandled ${desc.irqs_unhandled}\nlast_unhandled ${Math.floor(jiffies_to_nsecs(desc.last_unhandled) / 1e6)} ms\n`);
  }, desc);
}

export function unregister_irq_proc(desc: irq_desc): void {
  if (desc.dir) proc_remove(desc.dir as proc_dir_entry);
  desc.dir = null;
}

/** register_handler_proc(): /proc/irq/N/<devname>/ for each installed handler. */
export function register_handler_proc(irq: number, action: irqaction): void {
  const desc = irqState().descs.get(irq);
  if (!desc) return;
  if (!desc.dir) register_irq_proc(desc);
  const dir = desc.dir as proc_dir_entry | null;
  if (!dir || dir.subdir.has(action.name)) return;
  const d = proc_mkdir(action.name, dir);
  if (d) desc.action_dirs.set(action, d);
}

export function unregister_handler_proc(irq: number, action: irqaction): void {
  const desc = irqState().descs.get(irq);
  const d = desc?.action_dirs.get(action);
  if (!desc || !d) return;
  desc.action_dirs.delete(action);
  if (!desc.action.some((a) => a.name === action.name)) proc_remove(d as proc_dir_entry);
}

/** init_irq_proc(): /proc/irq, default_smp_affinity, and a directory for every descriptor so far. */
export function init_irq_proc(): number {
  const root = irq_root();
  if (!root) return -12;
  const st = irqState();
  proc_create_single_data('default_smp_affinity', 0o644, root, (m) => { seq_puts(m, `${bitmap_str((1 << st.nr_cpus) - 1)}\n`); }, null);
  for (const desc of st.descs.values()) register_irq_proc(desc);
  // A descriptor allocated later (a PCI pin routed, MSI vectors) gets its directory when a handler is set up on it
  // (__setup_irq's register_irq_proc, through register_handler_proc), not when it is allocated.
  irq_desc_hooks(() => undefined, (desc) => unregister_irq_proc(desc));
  proc_interrupts_add_source(irq_proc_rows);
  return 0;
}

