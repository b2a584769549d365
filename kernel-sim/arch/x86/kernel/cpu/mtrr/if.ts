// Models linux/arch/x86/kernel/cpu/mtrr/if.c: /proc/mtrr, the variable ranges in use with their users, and writes that add or remove a range ("base=... size=... type=...", "disable=N").
import type { initcall_entry } from '../../../../../init/link_vmlinux.ts';
import { proc_create } from '../../../../../fs/proc/generic.ts';
import { seq_lseek, seq_puts, seq_read, single_open, single_release, type seq_file } from '../../../../../fs/seq_file.ts';
import { capable, CAP_SYS_ADMIN } from '../../../../../kernel/capability.ts';
import { copy_from_user } from '../../../../../mm/uaccess.ts';
import { EFAULT, EINVAL, ENOSPC, EPERM } from '../../../../../include/uapi/asm-generic/errno.ts';
import { S_IRUGO, S_IWUSR } from '../../../../../include/uapi/stat.ts';
import {
  generic_get_free_region, generic_get_mtrr, generic_set_mtrr, mtrr_usage_table, num_var_ranges,
  MTRR_TYPE_UNCACHABLE, MTRR_TYPE_WRTHROUGH,
} from './generic.ts';

/** mtrr_strings: the names of the memory types, by number (types 2, 3 and 7 are reserved). */
const mtrr_strings = ['uncachable', 'write-combining', '?', '?', 'write-through', 'write-protect', 'write-back', '?'];
export const mtrr_attrib_to_str = (x: number): string => mtrr_strings[x] ?? '?';

const PAGE_SHIFT = 12;

/** mtrr_seq_show: "regNN: base=0x%06lx000 (%5luMB), size=%5lu%cB, count=%d: type" for each range in use. */
function mtrr_seq_show(m: seq_file): number {
  const usage = mtrr_usage_table();
  for (let i = 0; i < num_var_ranges(); i++) {
    const { base, size, type } = generic_get_mtrr(i);
    if (size === 0) { usage[i] = 0; continue; }
    const [n, factor] = size < (0x100000 >> PAGE_SHIFT) ? [size * 4, 'K'] : [size / 256, 'M'];
    seq_puts(m, `reg${String(i).padStart(2, '0')}: base=0x${base.toString(16).padStart(6, '0')}000 (${String(Math.floor(base / 256)).padStart(5)}MB), size=${String(n).padStart(5)}${factor}B, count=${usage[i]}: ${mtrr_attrib_to_str(type)}\n`);
  }
  return 0;
}

/** types_compatible: the same type, or uncachable with write-through. */
const types_compatible = (a: number, b: number): boolean =>
  a === b || (a === MTRR_TYPE_UNCACHABLE && b === MTRR_TYPE_WRTHROUGH) || (a === MTRR_TYPE_WRTHROUGH && b === MTRR_TYPE_UNCACHABLE);

/**
 * mtrr_add_page: a range inside one of the same type gains a user of it; a range that encloses ones of its type
 * replaces them; any other overlap of incompatible types is refused (-EINVAL); else the first free range.
 */
function mtrr_add_page(base: number, size: number, type: number): number {
  const usage = mtrr_usage_table();
  let replace = -1;
  for (let i = 0; i < num_var_ranges(); i++) {
    const l = generic_get_mtrr(i);
    if (!l.size || base > l.base + l.size - 1 || base + size - 1 < l.base) continue;
    if (base < l.base || base + size > l.base + l.size) {
      if (base <= l.base && base + size >= l.base + l.size) {
        if (type === l.type) { replace = replace === -1 ? i : -2; continue; }
        if (types_compatible(type, l.type)) continue;
      }
      return -EINVAL;
    }
    if (l.type !== type) {
      if (types_compatible(type, l.type)) continue;
      return -EINVAL;
    }
    usage[i]!++;
    return i;
  }
  const i = replace >= 0 ? replace : generic_get_free_region();
  if (i < 0) return -ENOSPC;
  const users = replace >= 0 ? usage[replace]! + 1 : 1;
  generic_set_mtrr(i, base, size, type);
  usage[i] = users;
  return i;
}

/** mtrr_del_page by register: the last user's removal clears it. */
function mtrr_del_page(reg: number): number {
  const usage = mtrr_usage_table();
  if (reg < 0 || reg >= num_var_ranges() || generic_get_mtrr(reg).size === 0 || usage[reg]! < 1) return -EINVAL;
  if (--usage[reg]! === 0) generic_set_mtrr(reg, 0, 0, 0);
  return reg;
}

/** mtrr_write: "disable=N" or "base=B size=S type=NAME" (base and size in bytes, 4 KiB aligned). */
function* mtrr_write(_file: import('../../../../../include/linux/fs_types.ts').file, buf: number, count: number): Generator<void, number, void> {
  if (!capable(CAP_SYS_ADMIN)) return -EPERM;
  const b = copy_from_user(buf, Math.min(count, 255));
  if (!b) return -EFAULT;
  const s = new TextDecoder().decode(b).replace(/\0.*$/s, '').trim();
  const dis = /^disable=\s*(\d+)$/.exec(s);
  if (dis) { const r = mtrr_del_page(Number(dis[1])); return r < 0 ? r : count; }
  const add = /^base=\s*(0x[0-9a-f]+|\d+)\s+size=\s*(0x[0-9a-f]+|\d+)\s+type=\s*(\S+)$/i.exec(s);
  if (!add) return -EINVAL;
  const base = Number(add[1]), size = Number(add[2]), type = mtrr_strings.indexOf(add[3]!);
  if (type < 0 || size === 0 || base % 4096 || size % 4096) return -EINVAL;
  const r = mtrr_add_page(base / 4096, size / 4096, type);
  return r < 0 ? r : count;
}

/** mtrr_if_init (arch_initcall): the CPU has X86_FEATURE_MTRR (QEMU's CPUs do), so /proc/mtrr, root's to read. */
function mtrr_if_init(): number {
  proc_create('mtrr', S_IWUSR | S_IRUGO, null, {
    proc_open: function* (_inode, file) { return capable(CAP_SYS_ADMIN) ? single_open(file, mtrr_seq_show, null) : -EPERM; },
    proc_read: seq_read,
    proc_lseek: seq_lseek,
    proc_write: mtrr_write,
    proc_release: single_release,
  });
  return 0;
}

export const initcalls: initcall_entry[] = [['arch', 'mtrr_if_init', mtrr_if_init, 2_000]];
