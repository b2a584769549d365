// Models linux/mm/percpu.c's embedded first chunk (pcpu_build_alloc_info, pcpu_embed_first_chunk) as arch/x86/kernel/setup_percpu.c sets it up: the per-CPU units memblock keeps, and the lines that report them.
import { pr_info, printk, KERN_DEBUG } from '../kernel/printk/printk.ts';
import { memblock_phys_alloc_range, memblock_phys_free } from './memblock.ts';
import { PAGE_SIZE } from './page_alloc.ts';

/** Debian's 6.1 build: the static per-CPU section, PERCPU_MODULE_RESERVE and PERCPU_DYNAMIC_RESERVE. */
const PERCPU_STATIC = 217088, PERCPU_MODULE_RESERVE = 8 << 10, PERCPU_DYNAMIC_RESERVE = 28 << 10;
/** x86-64 embeds the first chunk in PMD-sized atoms. */
const ATOM_SIZE = 2 << 20;
const PCPU_MIN_UNIT_SIZE = 32 << 10;
const NR_CPUS = 8192;

/** pcpu_build_alloc_info: the unit size, and how many units share an atom (the fewest allocations wasting < 1/3). */
export function pcpu_alloc_info(nr_cpus: number): { size_sum: number; unit_size: number; upa: number } {
  const size_sum = Math.ceil((PERCPU_STATIC + PERCPU_MODULE_RESERVE + PERCPU_DYNAMIC_RESERVE) / PAGE_SIZE) * PAGE_SIZE;
  const min_unit = Math.max(size_sum, PCPU_MIN_UNIT_SIZE);
  const alloc_size = Math.ceil(min_unit / ATOM_SIZE) * ATOM_SIZE;
  const fits = (upa: number): boolean => alloc_size % upa === 0 && (alloc_size / upa) % PAGE_SIZE === 0;
  let max_upa = Math.floor(alloc_size / min_unit);
  while (!fits(max_upa)) max_upa--;
  let best = 0, last_allocs = Infinity;
  for (let upa = max_upa; upa; upa--) {
    if (!fits(upa)) continue;
    const allocs = Math.ceil(nr_cpus / upa), wasted = allocs * upa - nr_cpus;
    if (wasted > Math.floor(nr_cpus / 3)) continue;
    if (allocs > last_allocs) break;
    last_allocs = allocs;
    best = upa;
  }
  return { size_sum, unit_size: alloc_size / best, upa: best };
}

/**
 * pcpu_dump_alloc_info(KERN_DEBUG), from pcpu_setup_first_chunk: the first chunk's sizes, then each atom's units as
 * "[group] cpu cpu ...", as many atoms per line as fit in 60 columns ("-" for a unit without a possible CPU).
 */
function pcpu_dump_alloc_info(nr_cpus: number, size_sum: number, unit_size: number, upa: number): void {
  const alloc_size = unit_size * upa;
  const group_width = 1, cpu_width = String(nr_cpus).length;
  const width = upa * (cpu_width + 1) + group_width + 3;
  const apl = 2 ** Math.floor(Math.log2(Math.max(Math.floor(60 / width), 1)));
  const lines = [`pcpu-alloc: s${PERCPU_STATIC} r${PERCPU_MODULE_RESERVE} d${size_sum - PERCPU_STATIC - PERCPU_MODULE_RESERVE} u${unit_size} alloc=${alloc_size / ATOM_SIZE}*${ATOM_SIZE}`];
  const nr_units = Math.ceil(nr_cpus / upa) * upa;
  for (let alloc = 0; alloc < nr_units / upa; alloc++) {
    if (!(alloc % apl)) lines.push('pcpu-alloc: ');
    let s = '[0] ';
    for (let unit = alloc * upa; unit < (alloc + 1) * upa; unit++) s += unit < nr_cpus ? `${String(unit).padStart(cpu_width, '0')} ` : `${'-'.repeat(cpu_width)} `;
    lines[lines.length - 1] += s;
  }
  for (const l of lines) printk(`${KERN_DEBUG}${l}`);
}

/** setup_per_cpu_areas: one group (one node), each atom holding `upa` units whose unused tails go back to memblock. */
export function setup_per_cpu_areas(nr_cpus: number): void {
  pr_info(`setup_percpu: NR_CPUS:${NR_CPUS} nr_cpumask_bits:${nr_cpus} nr_cpu_ids:${nr_cpus} nr_node_ids:1`);
  const { size_sum, unit_size, upa } = pcpu_alloc_info(nr_cpus);
  for (let cpu = 0; cpu < nr_cpus; cpu += upa) {
    const units = Math.min(upa, nr_cpus - cpu);
    const base = memblock_phys_alloc_range(units * unit_size, ATOM_SIZE);
    for (let u = 0; u < units; u++) memblock_phys_free(base + u * unit_size + size_sum, unit_size - size_sum);
  }
  pr_info(`percpu: Embedded ${size_sum / PAGE_SIZE} pages/cpu s${PERCPU_STATIC} r${PERCPU_MODULE_RESERVE} d${size_sum - PERCPU_STATIC - PERCPU_MODULE_RESERVE} u${unit_size}`);
  pcpu_dump_alloc_info(nr_cpus, size_sum, unit_size, upa);
}
