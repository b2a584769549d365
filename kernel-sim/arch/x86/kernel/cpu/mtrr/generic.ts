// Models linux/arch/x86/kernel/cpu/mtrr/generic.c: the variable-range MTRRs as the boot CPU's MSRs hold them after the firmware (SeaBIOS's mtrr_setup on QEMU), read back as generic_get_mtrr does.
import { defineState } from '../../../../../kernel/state.ts';

export const MTRR_TYPE_UNCACHABLE = 0, MTRR_TYPE_WRCOMB = 1, MTRR_TYPE_WRTHROUGH = 4, MTRR_TYPE_WRPROT = 5, MTRR_TYPE_WRBACK = 6;
const PAGE_SHIFT = 12;
/** QEMU's MSR_MTRRcap: 8 variable ranges (MSR_MTRRcap_VCNT), fixed ranges and write-combining supported. */
export const QEMU_MTRRCAP = 0x508;
/** CPUID 0x80000008's physical address bits of QEMU's default CPU (/proc/cpuinfo's "40 bits physical"). */
const PHYS_BITS = 40;

/** One variable range as its MSR pair holds it (base and mask as physical addresses, type in the base's low byte). */
export interface mtrr_var_range { base: number; mask: number; type: number; valid: boolean }

const mtrrState = defineState('mtrr', () => ({ var_ranges: null as mtrr_var_range[] | null, usage: [] as number[] }));

/** Where SeaBIOS puts the 32-bit PCI window on q35 (mch_mem_addr_setup): right above MMCONFIG (0xb0000000 + 256 MiB). */
const Q35_PCIMEM_START = 0xb0000000 + 0x10000000;

/**
 * SeaBIOS's mtrr_setup: every variable range cleared, then range 0 marks the PCI hole up to 4 GiB uncachable
 * (its mask the two's complement of the hole's size within the CPU's physical address bits); the default type is WB.
 */
function firmware_var_ranges(): mtrr_var_range[] {
  const vcnt = QEMU_MTRRCAP & 0xff;
  const r: mtrr_var_range[] = Array.from({ length: vcnt }, () => ({ base: 0, mask: 0, type: 0, valid: false }));
  const start = Q35_PCIMEM_START;
  r[0] = { base: start, mask: 2 ** PHYS_BITS - (2 ** 32 - start), type: MTRR_TYPE_UNCACHABLE, valid: true };
  return r;
}

function ranges(): mtrr_var_range[] {
  const st = mtrrState();
  if (!st.var_ranges) {
    st.var_ranges = firmware_var_ranges();
    // init_table: every range in use at boot counts one user.
    st.usage = st.var_ranges.map((v) => (v.valid ? 1 : 0));
  }
  return st.var_ranges;
}

export function num_var_ranges(): number { return QEMU_MTRRCAP & 0xff; }

/** generic_get_mtrr: base and size in pages and the type; size 0 for an unused range. */
export function generic_get_mtrr(reg: number): { base: number; size: number; type: number } {
  const v = ranges()[reg];
  if (!v?.valid) return { base: 0, size: 0, type: 0 };
  // The mask's lowest set bit is the size (size_or_mask fills the bits above the CPU's).
  const size = 2 ** PHYS_BITS - v.mask;
  return { base: v.base / 2 ** PAGE_SHIFT, size: size / 2 ** PAGE_SHIFT, type: v.type };
}

export function mtrr_usage_table(): number[] { ranges(); return mtrrState().usage; }

/** generic_get_free_region: the first range not in use. */
export function generic_get_free_region(): number {
  return ranges().findIndex((v) => !v.valid);
}

/** generic_set_mtrr (from set_mtrr on every CPU): size 0 disables the range. */
export function generic_set_mtrr(reg: number, base_pages: number, size_pages: number, type: number): void {
  const r = ranges();
  r[reg] = size_pages === 0
    ? { base: 0, mask: 0, type: 0, valid: false }
    : { base: base_pages * 2 ** PAGE_SHIFT, mask: 2 ** PHYS_BITS - size_pages * 2 ** PAGE_SHIFT, type, valid: true };
}
