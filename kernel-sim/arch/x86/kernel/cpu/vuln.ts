// Models linux/arch/x86/kernel/cpu/common.c's cpu_vuln_whitelist, cpu_vuln_blacklist and cpu_set_bug_bits, with the bugs amd.c's init_amd sets: the X86_BUG_* bits of a CPU, by the names /proc/cpuinfo prints.
import { qemu64_cpuid } from '../../../../hw/i386/cpu.ts';
import { cpu_detect, cpu_has_amd_erratum, AMD_ERRATUM_383, AMD_ERRATUM_400, AMD_DIV0, type cpuinfo_x86 } from './common.ts';

type cpuid_fn = typeof qemu64_cpuid;

/** The X86_BUG_* bits (asm/cpufeatures.h, BUG words 1 and 2) in bit order, by their /proc/cpuinfo names; espfix has none (""). */
export const X86_BUG_NAMES = [
  'f00f', 'fdiv', 'coma', 'tlb_mmatch', 'apic_c1e', '11ap', 'fxsave_leak', 'clflush_monitor', 'sysret_ss_attrs', '', 'null_seg',
  'swapgs_fence', 'monitor', 'amd_e400', 'cpu_meltdown', 'spectre_v1', 'spectre_v2', 'spec_store_bypass', 'l1tf', 'mds', 'msbds_only',
  'swapgs', 'taa', 'itlb_multihit', 'srbds', 'mmio_stale_data', 'mmio_unknown', 'retbleed', 'eibrs_pbrsb', 'smt_rsb', 'gds', '',
  'srso', 'div0', 'rfds', 'bhi', 'ibpb_no_ret', 'its', 'its_native_only', '', '', 'tsa', 'vmscape',
] as const;
export type x86_bug = Exclude<(typeof X86_BUG_NAMES)[number], ''>;

/** The whitelist's flags (NO_SPECULATION ... NO_BHI). */
type vuln_wl = 'NO_SPECULATION' | 'NO_MELTDOWN' | 'NO_SSB' | 'NO_L1TF' | 'NO_MDS' | 'NO_SWAPGS' | 'NO_ITLB_MULTIHIT' | 'NO_MMIO'
  | 'NO_EIBRS_PBRSB' | 'NO_BHI' | 'NO_SPECTRE_V2';
/** The blacklist's flags an AMD or Hygon part can carry. */
type vuln_bl = 'RETBLEED' | 'SMT_RSB' | 'SRSO' | 'TSA' | 'VMSCAPE';

/** One x86_cpu_id entry: vendor (null: any), family (null: any), and its flags. Models are X86_MODEL_ANY in every entry kept here. */
interface vuln_entry<F> { vendor: string | null; family: number | null; flags: readonly F[] }

const OLD_AMD: readonly vuln_wl[] = ['NO_MELTDOWN', 'NO_SSB', 'NO_L1TF', 'NO_MDS', 'NO_SWAPGS', 'NO_ITLB_MULTIHIT', 'NO_MMIO', 'NO_BHI'];
const ANY_AMD: readonly vuln_wl[] = ['NO_MELTDOWN', 'NO_L1TF', 'NO_MDS', 'NO_SWAPGS', 'NO_ITLB_MULTIHIT', 'NO_MMIO', 'NO_EIBRS_PBRSB', 'NO_BHI'];

/**
 * cpu_vuln_whitelist, in its order (x86_match_cpu takes the first match), without the Intel family 6 entries, which
 * match Intel model numbers only (no modelled CPU is Intel's).
 */
export const cpu_vuln_whitelist: readonly vuln_entry<vuln_wl>[] = [
  { vendor: null, family: 4, flags: ['NO_SPECULATION'] },
  ...['CentaurHauls', 'GenuineIntel', 'Geode by NSC', 'Vortex86 SoC'].map((vendor) => ({ vendor, family: 5, flags: ['NO_SPECULATION'] as vuln_wl[] })),
  { vendor: 'Vortex86 SoC', family: 6, flags: ['NO_SPECULATION'] },
  ...[0x0f, 0x10, 0x11, 0x12].map((family) => ({ vendor: 'AuthenticAMD', family, flags: OLD_AMD })),
  { vendor: 'AuthenticAMD', family: null, flags: ANY_AMD },
  { vendor: 'HygonGenuine', family: null, flags: ANY_AMD },
  ...['CentaurHauls', '  Shanghai  '].map((vendor) => ({ vendor, family: 7, flags: ['NO_SPECTRE_V2', 'NO_SWAPGS', 'NO_MMIO', 'NO_BHI'] as vuln_wl[] })),
];

/** cpu_vuln_blacklist's AMD and Hygon entries. */
export const cpu_vuln_blacklist: readonly vuln_entry<vuln_bl>[] = [
  { vendor: 'AuthenticAMD', family: 0x15, flags: ['RETBLEED'] },
  { vendor: 'AuthenticAMD', family: 0x16, flags: ['RETBLEED'] },
  { vendor: 'AuthenticAMD', family: 0x17, flags: ['RETBLEED', 'SMT_RSB', 'SRSO', 'VMSCAPE'] },
  { vendor: 'HygonGenuine', family: 0x18, flags: ['RETBLEED', 'SMT_RSB', 'SRSO', 'VMSCAPE'] },
  { vendor: 'AuthenticAMD', family: 0x19, flags: ['SRSO', 'TSA', 'VMSCAPE'] },
];

/** cpu_matches(): the first entry for the CPU's vendor and family, and whether it has `which`. */
function cpu_matches<F>(table: readonly vuln_entry<F>[], c: cpu_ident, which: F): boolean {
  const hit = table.find((e) => (e.vendor === null || e.vendor === c.vendor) && (e.family === null || e.family === c.x86));
  return !!hit?.flags.includes(which);
}

/** The CPU as the bug checks see it: identification plus the CPUID feature bits they test. */
interface cpu_ident extends cpuinfo_x86 {
  vendor: string;
  rtm: boolean;
  /** 0x80000008 EBX: XSaveErPtr, IBPB, IBPB_RET, SSB_NO, BTC_NO. */
  xsaveerptr: boolean; amd_ibpb: boolean; amd_ibpb_ret: boolean; amd_ssb_no: boolean; btc_no: boolean;
  /** 0x80000021 EAX: NullSelectorClearsBase, AutoIBRS, SRSO_NO. */
  null_sel_clears_base: boolean; autoibrs: boolean; srso_no: boolean;
}

function ident(cpuid: cpuid_fn): cpu_ident {
  const c = cpu_detect(cpuid);
  const [, b, cx, d] = cpuid(0);
  const vendor = [b, d, cx].map((r) => String.fromCharCode(r & 0xff, (r >> 8) & 0xff, (r >> 16) & 0xff, (r >>> 24) & 0xff)).join('');
  const bit = (v: number, n: number): boolean => ((v >>> n) & 1) === 1;
  const e8 = c.extended_cpuid_level >= 0x80000008 ? cpuid(0x80000008)[1] : 0;
  const e21 = c.extended_cpuid_level >= 0x80000021 ? cpuid(0x80000021)[0] : 0;
  const l7 = cpuid(0)[0] >= 7 ? cpuid(7)[1] : 0;
  return {
    ...c, vendor, rtm: bit(l7, 11),
    xsaveerptr: bit(e8, 2), amd_ibpb: bit(e8, 12), amd_ibpb_ret: bit(e8, 30), amd_ssb_no: bit(e8, 26), btc_no: bit(e8, 29),
    null_sel_clears_base: bit(e21, 6), autoibrs: bit(e21, 8), srso_no: bit(e21, 29),
  };
}

/**
 * The bug bits of an AMD-compatible CPU without IA32_ARCH_CAPABILITIES (AMD parts have none, so every ARCH_CAP_*_NO
 * test reads 0): init_amd's errata and quirks, then cpu_set_bug_bits' table checks.
 */
export function x86_cpu_bugs(cpuid: cpuid_fn = qemu64_cpuid): Set<x86_bug> {
  const c = ident(cpuid);
  const bugs = new Set<x86_bug>();
  const wl = (f: vuln_wl): boolean => cpu_matches(cpu_vuln_whitelist, c, f);
  const bl = (f: vuln_bl): boolean => cpu_matches(cpu_vuln_blacklist, c, f);
  if (c.vendor === 'AuthenticAMD' || c.vendor === 'HygonGenuine') {
    if (cpu_has_amd_erratum(c, AMD_ERRATUM_400)) bugs.add('amd_e400');
    if (c.x86 === 0xf) bugs.add('swapgs_fence'); // init_amd_k8
    if (cpu_has_amd_erratum(c, AMD_ERRATUM_383)) bugs.add('tlb_mmatch'); // init_amd_gh
    if (c.x86 >= 6 && !c.xsaveerptr) bugs.add('fxsave_leak');
    bugs.add('sysret_ss_attrs'); // not a Xen PV guest
    // check_null_seg_clears_base(): a 64-bit kernel; a guest without the CPUID bit is affected.
    if (!c.null_sel_clears_base) bugs.add('null_seg');
    if (cpu_has_amd_erratum(c, AMD_DIV0)) bugs.add('div0');
  }
  if (!wl('NO_ITLB_MULTIHIT')) bugs.add('itlb_multihit');
  if (wl('NO_SPECULATION')) return bugs;
  bugs.add('spectre_v1');
  if (!wl('NO_SPECTRE_V2')) bugs.add('spectre_v2');
  if (!wl('NO_SSB') && !c.amd_ssb_no) bugs.add('spec_store_bypass');
  const eibrs = c.autoibrs;
  if (eibrs && !wl('NO_EIBRS_PBRSB')) bugs.add('eibrs_pbrsb');
  if (!wl('NO_MDS')) bugs.add('mds');
  if (!wl('NO_SWAPGS')) bugs.add('swapgs');
  if (c.rtm) bugs.add('taa');
  if (!wl('NO_MMIO')) bugs.add('mmio_unknown');
  if (!c.btc_no && bl('RETBLEED')) bugs.add('retbleed');
  if (bl('SMT_RSB')) bugs.add('smt_rsb');
  if (!c.srso_no && bl('SRSO')) bugs.add('srso');
  if (!wl('NO_BHI') && (eibrs || c.hypervisor)) bugs.add('bhi');
  if (c.amd_ibpb && !c.amd_ibpb_ret) bugs.add('ibpb_no_ret');
  // No TSA_SQ_NO/TSA_L1_NO here: blacklisted families, and Zen guests (X86_FEATURE_ZEN: family 17h and later).
  if (c.vendor === 'AuthenticAMD' && (bl('TSA') || (c.hypervisor && c.x86 >= 0x17))) bugs.add('tsa');
  if (bl('VMSCAPE') && !c.hypervisor) bugs.add('vmscape');
  if (wl('NO_MELTDOWN')) return bugs;
  bugs.add('cpu_meltdown');
  if (!wl('NO_L1TF')) bugs.add('l1tf');
  return bugs;
}

/** /proc/cpuinfo's "bugs" field: the set bits with a name, in bit order. */
export function x86_bug_flags(bugs: ReadonlySet<x86_bug>): string {
  return X86_BUG_NAMES.filter((n): n is x86_bug => n !== '' && bugs.has(n)).join(' ');
}
