// Models QEMU target/i386/cpu.c's qemu64 CPU model (the -cpu default of qemu-system-x86_64 under TCG): the CPUID leaves Linux's CPU identification reads.
/** x86_cpu_definition "qemu64": vendor, family/model/stepping (leaf 1 EAX encodes family 15 as base 0xf, model 107 as extended 6 + 0xb). */
export const QEMU64 = { vendor: 'AuthenticAMD', family: 15, model: 107, stepping: 1 } as const;

/** Leaf 1 EDX/ECX and leaf 0x80000001 ECX bits Linux's identification tests (arch/x86/include/asm/cpufeatures.h). */
export const CPUID_1_EDX_FXSR = 1 << 24;
export const CPUID_1_ECX_XSAVE = 1 << 26;
export const CPUID_1_ECX_HYPERVISOR = 1 << 31;
export const CPUID_8000_0001_ECX_OSVW = 1 << 9;

/** QEMU's fixed TLB description (cpu.c L1_/L2_ *TLB_* constants): the L2 2M/4M TLBs are disabled. */
const L1_DTLB_2M_ASSOC = 1, L1_DTLB_2M_ENTRIES = 255, L1_DTLB_4K_ASSOC = 1, L1_DTLB_4K_ENTRIES = 255;
const L1_ITLB_2M_ASSOC = 1, L1_ITLB_2M_ENTRIES = 255, L1_ITLB_4K_ASSOC = 1, L1_ITLB_4K_ENTRIES = 255;
const L2_DTLB_4K_ASSOC = 4, L2_DTLB_4K_ENTRIES = 512, L2_ITLB_4K_ASSOC = 4, L2_ITLB_4K_ENTRIES = 512;
/** AMD_ENC_ASSOC(): CPUID's 4-bit associativity code (4-way is 4). */
const AMD_ENC_ASSOC = (a: number): number => (a <= 2 ? a : a === 4 ? 4 : a === 8 ? 6 : 0xf);

/** qemu64's feature words (builtin_x86_defs: CPUID_EXT_SSE3 | CPUID_EXT_CX16 in ECX, plus the hypervisor bit TCG sets). */
const QEMU64_1_EDX = 0x078bfbff, QEMU64_1_ECX = 0x00002001 | CPUID_1_ECX_HYPERVISOR;

/** A 12-character vendor string as leaf 0's EBX, ECX, EDX (cpu_x86_fill_model_id order: EBX, EDX, ECX spell it). */
function vendor_words(v: string): [number, number, number] {
  const word = (i: number): number => (v.charCodeAt(i) | (v.charCodeAt(i + 1) << 8) | (v.charCodeAt(i + 2) << 16) | (v.charCodeAt(i + 3) << 24)) >>> 0;
  return [word(0), word(8), word(4)];
}

/** cpu_x86_cpuid() for the leaves the kernel model reads: [eax, ebx, ecx, edx]. */
export function qemu64_cpuid(leaf: number): [number, number, number, number] {
  switch (leaf) {
    // The highest basic leaf (qemu64's level 0xd) and the vendor string in EBX, EDX, ECX.
    case 0: return [0xd, ...vendor_words(QEMU64.vendor)];
    case 1: {
      const f = QEMU64.family, m = QEMU64.model;
      const eax = ((m >> 4) << 16) | (Math.min(f, 0xf) << 8) | ((m & 0xf) << 4) | QEMU64.stepping | (f > 0xf ? (f - 0xf) << 20 : 0);
      return [eax >>> 0, 0, QEMU64_1_ECX >>> 0, QEMU64_1_EDX];
    }
    case 0x80000000: return [0x80000008, 0, 0, 0];
    case 0x80000001: return [0, 0, 0x00000001 | 0x00000004, 0x20100800];
    case 0x80000005:
      return [
        ((L1_DTLB_2M_ASSOC << 24) | (L1_DTLB_2M_ENTRIES << 16) | (L1_ITLB_2M_ASSOC << 8) | L1_ITLB_2M_ENTRIES) >>> 0,
        ((L1_DTLB_4K_ASSOC << 24) | (L1_DTLB_4K_ENTRIES << 16) | (L1_ITLB_4K_ASSOC << 8) | L1_ITLB_4K_ENTRIES) >>> 0, 0, 0];
    case 0x80000006:
      // EAX: the L2 2M/4M TLBs (disabled: zero); EBX: the L2 4K TLBs.
      return [0, ((AMD_ENC_ASSOC(L2_DTLB_4K_ASSOC) << 28) | (L2_DTLB_4K_ENTRIES << 16) | (AMD_ENC_ASSOC(L2_ITLB_4K_ASSOC) << 12) | L2_ITLB_4K_ENTRIES) >>> 0, 0, 0];
    default: return [0, 0, 0, 0];
  }
}
