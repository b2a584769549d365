// Models linux/arch/x86/kernel/cpu/proc.c (show_cpuinfo) for QEMU's default x86-64 CPU, and fs/proc/cpuinfo.c: /proc/cpuinfo.
import { runqueue } from '../../kernel/sched/core.ts';
import { cpu_online } from '../../kernel/cpu.ts';
import { cpufreq_cpu_get } from '../../drivers/cpufreq/core_state.ts';
import { seq_puts, type seq_file } from '../seq_file.ts';
import { proc_create_seq } from './generic.ts';
import { x86_bug_flags, x86_cpu_bugs } from '../../arch/x86/kernel/cpu/vuln.ts';
import { bogomips, cpu_khz, loops_per_jiffy } from '../../arch/x86/kernel/tsc.ts';

/** What QEMU's qemu64 model reports (as the reference machine's "AMD QEMU Virtual CPU version 2.5+"). */
const cpu_model = {
  vendor_id: 'AuthenticAMD', family: 15, model: 107, model_name: 'QEMU Virtual CPU version 2.5+', stepping: 1,
  microcode: '0x1000065', cache_kb: 512, cpuid_level: 13,
  // No tsc_known_freq: only CPUID leaf 0x15 or a hypervisor's clock (kvmclock, VMware) set it; QEMU's TCG offers neither, so tsc.c calibrates.
  flags: 'fpu de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ht syscall nx lm rep_good nopl cpuid extd_apicid pni cx16 x2apic hypervisor lahf_lm cmp_legacy 3dnowprefetch vmmcall',
  // cpu_set_bug_bits() and init_amd() for this CPU (arch/x86/kernel/cpu/vuln.ts): the family 0xf whitelist entry
  // leaves out spec_store_bypass, K8 gets swapgs_fence, rev. F and later amd_e400.
  bugs: x86_bug_flags(x86_cpu_bugs()),
};

/** No APERF/MPERF on this model: cpufreq_quick_get() (the policy's cur, kHz) when a scaling driver runs, else cpu_khz. */
function cpu_mhz(cpu: number): string {
  const khz = cpufreq_cpu_get(cpu)?.cur || cpu_khz();
  return `${Math.floor(khz / 1000)}.${String(khz % 1000).padStart(3, '0')}`;
}

function show_cpuinfo(m: seq_file, v: unknown): number {
  const n = v as number;
  const c = cpu_model;
  // -smp N on QEMU puts each CPU in its own socket.
  seq_puts(m, `processor\t: ${n}\nvendor_id\t: ${c.vendor_id}\ncpu family\t: ${c.family}\nmodel\t\t: ${c.model}\n` +
    `model name\t: ${c.model_name}\nstepping\t: ${c.stepping}\nmicrocode\t: ${c.microcode}\ncpu MHz\t\t: ${cpu_mhz(n)}\n` +
    `cache size\t: ${c.cache_kb} KB\nphysical id\t: ${n}\nsiblings\t: 1\ncore id\t\t: 0\ncpu cores\t: 1\n` +
    `apicid\t\t: ${n}\ninitial apicid\t: ${n}\nfpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: ${c.cpuid_level}\nwp\t\t: yes\n` +
    `flags\t\t: ${c.flags}\nbugs\t\t: ${c.bugs}\nbogomips\t: ${bogomips(loops_per_jiffy())}\nTLB size\t: 1024 4K pages\n` +
    `clflush size\t: 64\ncache_alignment\t: 64\naddress sizes\t: 40 bits physical, 48 bits virtual\npower management:\n\n`);
  return 0;
}

/** The first online CPU at or after *pos (which moves to it), or null past the last. */
function online_cpu_from(pos: { pos: number }): number | null {
  while (pos.pos < runqueue().nr_cpus && !cpu_online(pos.pos)) pos.pos++;
  return pos.pos < runqueue().nr_cpus ? pos.pos : null;
}

export function proc_cpuinfo_init(): number {
  proc_create_seq('cpuinfo', 0, null, {
    // c_start/c_next walk the online CPUs (cpumask_next): an offline CPU has no entry.
    start: (_m, pos) => online_cpu_from(pos),
    next: (_m, _v, pos) => { pos.pos++; return online_cpu_from(pos); },
    show: show_cpuinfo,
  });
  return 0;
}
