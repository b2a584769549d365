// Models linux/arch/x86/kernel/cpu/common.c's boot-CPU identification (identify_boot_cpu, amd.c's erratum 400 and cpu_detect_tlb_amd, process.c's select_idle_routine), bugs.c's Spectre v1/v2 selection and fpu/xstate.c's choice of save instruction, from the CPU's CPUID leaves.
import { pr_info } from '../../../../kernel/printk/printk.ts';
import {
  qemu64_cpuid, CPUID_1_EDX_FXSR, CPUID_1_ECX_XSAVE, CPUID_1_ECX_HYPERVISOR, CPUID_8000_0001_ECX_OSVW,
} from '../../../../hw/i386/cpu.ts';

export interface cpuinfo_x86 {
  x86: number;
  x86_model: number;
  x86_stepping: number;
  fxsr: boolean;
  xsave: boolean;
  hypervisor: boolean;
  osvw: boolean;
  extended_cpuid_level: number;
}

/** cpu_detect() / get_cpu_cap(): family, model and stepping with their extended fields, and the feature bits used here. */
export function cpu_detect(cpuid = qemu64_cpuid): cpuinfo_x86 {
  const [eax, , ecx, edx] = cpuid(1);
  let x86 = (eax >> 8) & 0xf;
  let x86_model = (eax >> 4) & 0xf;
  if (x86 === 0xf) x86 += (eax >> 20) & 0xff;
  if (x86 >= 0x6) x86_model += ((eax >> 16) & 0xf) << 4;
  return {
    x86, x86_model, x86_stepping: eax & 0xf,
    fxsr: !!(edx & CPUID_1_EDX_FXSR), xsave: !!(ecx & CPUID_1_ECX_XSAVE), hypervisor: !!(ecx & CPUID_1_ECX_HYPERVISOR),
    osvw: !!(cpuid(0x80000001)[2] & CPUID_8000_0001_ECX_OSVW), extended_cpuid_level: cpuid(0x80000000)[0],
  };
}

/** An amd.c erratum: its OSVW id (null for AMD_LEGACY_ERRATUM) and AMD_MODEL_RANGE(f, m_start, s_start, m_end, s_end)s as [family, start, end]. */
export interface amd_erratum { osvw_id: number | null; ranges: readonly [number, number, number][] }
/** amd_erratum_400: K8 rev. F onwards and family 10h. */
export const AMD_ERRATUM_400: amd_erratum = { osvw_id: 1, ranges: [[0xf, 0x412, 0xfff], [0x10, 0x021, 0xfff]] };
/** amd_erratum_383: family 10h. */
export const AMD_ERRATUM_383: amd_erratum = { osvw_id: 3, ranges: [[0x10, 0x000, 0xfff]] };
/** amd_div0: Zen 1 (family 17h models 00h-2fh and 50h-5fh). */
export const AMD_DIV0: amd_erratum = { osvw_id: null, ranges: [[0x17, 0x000, 0x2ff], [0x17, 0x500, 0x5ff]] };

/**
 * cpu_has_amd_erratum(): by family and model/stepping range. A CPU with OSVW would answer from its OSVW MSRs, which no
 * modelled CPU has (QEMU offers no OSVW), so such an erratum counts as absent there.
 */
export function cpu_has_amd_erratum(c: cpuinfo_x86, e: amd_erratum): boolean {
  if (c.osvw && e.osvw_id !== null) return false;
  const ms = (c.x86_model << 4) | c.x86_stepping;
  return e.ranges.some(([f, lo, hi]) => c.x86 === f && ms >= lo && ms <= hi);
}

/** cpu_detect_tlb_amd(): L2 4K TLBs from 0x80000006; K8 has no 2M/4M L2 entries, so those come from the L1 leaf. */
function cpu_detect_tlb_amd(c: cpuinfo_x86, cpuid = qemu64_cpuid): { lli: number[]; lld: number[] } {
  if (c.x86 < 0xf || c.extended_cpuid_level < 0x80000006) return { lli: [0, 0, 0], lld: [0, 0, 0, 0] };
  let [eax, ebx] = cpuid(0x80000006);
  let mask = 0xfff;
  const lld4k = (ebx >> 16) & mask, lli4k = ebx & mask;
  if (c.x86 === 0xf) { [eax, ebx] = cpuid(0x80000005); mask = 0xff; }
  const lld2m = (eax >> 16) & mask ? (eax >> 16) & mask : (cpuid(0x80000005)[0] >> 16) & 0xff;
  const lli2m = eax & mask ? eax & mask : cpuid(0x80000005)[0] & 0xff;
  return { lli: [lli4k, lli2m, lli2m >> 1], lld: [lld4k, lld2m, lld2m >> 1, 0] };
}

/** identify_boot_cpu(): identify_cpu's idle routine choice, then the TLB sizes. */
function identify_boot_cpu(c: cpuinfo_x86): void {
  // init_amd sets X86_BUG_AMD_E400; select_idle_routine (end of identify_cpu) then avoids C1E-unsafe HLT.
  if (cpu_has_amd_erratum(c, AMD_ERRATUM_400)) pr_info('process: using AMD E400 aware idle routine');
  const { lli, lld } = cpu_detect_tlb_amd(c);
  pr_info(`Last level iTLB entries: 4KB ${lli[0]}, 2MB ${lli[1]}, 4MB ${lli[2]}`);
  pr_info(`Last level dTLB entries: 4KB ${lld[0]}, 2MB ${lld[1]}, 4MB ${lld[2]}, 1GB ${lld[3]}`);
}

/**
 * cpu_select_mitigations() for a pre-Zen AMD part: cpu_vuln_whitelist's family 0xf entry clears Meltdown, SSB, L1TF,
 * MDS, SWAPGS, ITLB multihit and MMIO, and it is not a retbleed/SRSO family, so only Spectre v1 and v2 report:
 * v1 with the default barriers, v2 with retpolines (CONFIG_RETPOLINE, no IBRS on this CPU) and RSB filling.
 */
function cpu_select_mitigations(): void {
  pr_info('Spectre V1 : Mitigation: usercopy/swapgs barriers and __user pointer sanitization');
  pr_info('Spectre V2 : Mitigation: Retpolines');
  pr_info('Spectre V2 : Spectre v2 / SpectreRSB: Filling RSB on context switch and VMEXIT');
}

/** fpu__init_system_xstate(): without XSAVE the x87 state is saved with FXSAVE (or FSAVE without FXSR). */
function fpu__init_system(c: cpuinfo_x86): void {
  if (!c.xsave) pr_info(`x86/fpu: x87 FPU will use ${c.fxsr ? 'FXSAVE' : 'FSAVE'}`);
}

/**
 * The FPU state a signal frame carries (fpu__get_fpstate_size) on a CPU without XSAVE, the only kind modelled:
 * fpu_user_cfg.max_size is the fxregs_state, plus an fregs_state for ia32 frames (CONFIG_IA32_EMULATION) with FXSR.
 */
export function fpu__get_fpstate_size(c: cpuinfo_x86): number {
  const FXREGS_STATE = 512, FREGS_STATE = 112;
  return FXREGS_STATE + (c.fxsr ? FREGS_STATE : 0);
}

/** arch_cpu_finalize_init()'s printing part, before alternative_instructions. */
export function arch_cpu_finalize_init(): cpuinfo_x86 {
  const c = cpu_detect();
  identify_boot_cpu(c);
  cpu_select_mitigations();
  fpu__init_system(c);
  return c;
}
