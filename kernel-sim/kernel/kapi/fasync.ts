// fs/fcntl.c's fasync_helper and kill_fasync for C drivers: the driver's `struct fasync_struct *` list lives in the kernel memory; kill_fasync signals each file's owner through send_sigio (fs/fcntl.ts).
import { EINVAL, ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { SIGURG } from '../../include/uapi/signal.ts';
import { kread_u32, kwrite_u32, kwrite_i32 } from '../../mm/kmem.ts';
import { kmalloc, kfree, disown, __GFP_ZERO } from '../../mm/slab.ts';
import { FASYNC, f_owner, send_sigio } from '../../fs/fcntl.ts';
import { pr_err } from '../printk/printk.ts';
import { c_file_of } from '../module/fops.ts';
import { EXPORT_KAPI } from './registry.ts';

/**
 * struct fasync_struct as this kernel lays it out (linux/fs.h declares it opaque: drivers only hold the pointer):
 * magic, fa_fd, fa_next, fa_file (the C struct file).
 */
const FA = { magic: 0, fa_fd: 4, fa_next: 8, fa_file: 12, SIZE: 16 } as const;
export const FASYNC_MAGIC = 0x4601;

/** fasync_remove_entry(): the file's entry leaves the list and FASYNC its flags; 1 if it was there. */
function fasync_remove_entry(filp: number, fapp: number): number {
  for (let fp = fapp, fa = kread_u32(fp); fa; fp = fa + FA.fa_next, fa = kread_u32(fp)) {
    if (kread_u32(fa + FA.fa_file) !== filp) continue;
    kwrite_u32(fp, kread_u32(fa + FA.fa_next));
    kfree(fa);
    const f = c_file_of(filp);
    if (f) f.f_flags &= ~FASYNC;
    return 1;
  }
  return 0;
}

/** fasync_add_entry(): a file already on the list only gets its new fd (0); otherwise it goes first, with FASYNC set (1). */
function fasync_add_entry(fd: number, filp: number, fapp: number): number {
  for (let fa = kread_u32(fapp); fa; fa = kread_u32(fa + FA.fa_next)) {
    if (kread_u32(fa + FA.fa_file) === filp) { kwrite_i32(fa + FA.fa_fd, fd); return 0; }
  }
  const fa = kmalloc(FA.SIZE, __GFP_ZERO);
  if (!fa) return -ENOMEM;
  disown(fa);
  kwrite_u32(fa + FA.magic, FASYNC_MAGIC);
  kwrite_i32(fa + FA.fa_fd, fd);
  kwrite_u32(fa + FA.fa_next, kread_u32(fapp));
  kwrite_u32(fa + FA.fa_file, filp);
  kwrite_u32(fapp, fa);
  const f = c_file_of(filp);
  if (f) f.f_flags |= FASYNC;
  return 1;
}

/** fasync_helper(fd, filp, on, fapp): what a driver's ->fasync calls; 1 when the list changed, 0 when not, or -errno. */
function fasync_helper(fd: number, filp: number, on: number, fapp: number): number {
  if (!fapp || !filp) return -EINVAL;
  return on ? fasync_add_entry(fd | 0, filp, fapp) : fasync_remove_entry(filp, fapp);
}

/** kill_fasync(fp, sig, band): from any context (an interrupt handler, typically), each listed file's owner gets its signal. */
function kill_fasync(fp: number, sig: number, band: number): void {
  void band; // si_band: the siginfo of F_SETSIG's signals is not modelled
  if (!fp) return;
  for (let fa = kread_u32(fp); fa; fa = kread_u32(fa + FA.fa_next)) {
    if (kread_u32(fa + FA.magic) !== FASYNC_MAGIC) { pr_err('kill_fasync: bad magic number in fasync_struct!'); return; }
    const f = c_file_of(kread_u32(fa + FA.fa_file));
    if (!f) continue;
    const o = f_owner(f);
    if (!(sig === SIGURG && o.signum === 0)) send_sigio(o);
  }
}

export const ksymtab = EXPORT_KAPI({ fasync_helper, kill_fasync });
