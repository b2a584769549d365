// Models linux/ipc/shm.c: System V shared memory (shmget, shmat, shmdt, shmctl) per IPC namespace, attaches inherited by fork and dropped at exit, and /proc/sysvipc/shm.
import type { KGen, task_struct } from '../include/linux/sched.ts';
import type { ipc_namespace, struct_pid } from '../include/linux/nsproxy.ts';
import type { mm_struct, vm_area_struct } from '../include/linux/mm_types.ts';
import { PAGE_SIZE, VM_READ, VM_SHARED, VM_WRITE, VM_EXEC } from '../include/linux/mm_types.ts';
import { SYSCALL_DEFINE, type syscall_def } from '../include/linux/syscalls.ts';
import { EFAULT, EINVAL, ENOMEM, ENOSPC } from '../include/uapi/asm-generic/errno.ts';
import { copy_from_user, copy_to_user } from '../mm/uaccess.ts';
import { STACK_SIZE } from '../mm/mmap.ts';
import { current, runqueue } from '../kernel/sched/core.ts';
import type { seq_file } from '../fs/seq_file.ts';
import { seq_puts } from '../fs/seq_file.ts';
import { defineState } from '../kernel/state.ts';
import { SYSCALL_WORK_SHM_SYNC, set_syscall_work } from '../kernel/entry/syscall_work.ts';
import {
  IPC_64, IPC_PRIVATE, IPC_RMID, IPC_SET, IPC_STAT, IPC_READ, IPC_WRITE, type kern_ipc_perm,
  current_ipc_ns, current_tgid, encode_ipc64_perm, ipc_addid, ipc_now, ipc_ns_of, ipc_objects, ipc_obtain_object_check,
  ipc_rmid, ipcctl_may_change, ipcget, ipcperms, ipc_update_perm, munged_ids, new_perm, pid_nr_ns,
} from './util.ts';

/** include/uapi/linux/shm.h */
export const SHM_RDONLY = 0o10000, SHM_RND = 0o20000, SHM_REMAP = 0o40000, SHM_EXEC = 0o100000;
export const SHM_DEST = 0o1000, SHM_LOCKED = 0o2000;
const SHMMIN = 1, SHMLBA = PAGE_SIZE;

/** struct shmid_kernel: the segment's bytes live here (its shmem file); attached processes see them at their address. */
export interface shmid_kernel extends kern_ipc_perm {
  shm_segsz: number; shm_atim: number; shm_dtim: number; shm_ctim: number;
  shm_cprid: struct_pid | null; shm_lprid: struct_pid | null;
  data: Uint8Array;
  /** Pages written at least once (the shmem pages allocated: the rss column). */
  touched: Set<number>;
  /** Attaches the syncing knows of (fork's copies count from their first system call): alone, nobody needs the sync. */
  users: number;
  ns: ipc_namespace;
}

/**
 * One attach (the vma's shm file): its segment and what the mapping had in common with it at the last sync, to
 * tell the process's own writes from others'. Each sync makes a new record, so the copy fork makes of the vma
 * keeps the one from the fork: the child's memory is what it was then.
 */
interface shm_attach { readonly shp: shmid_kernel; readonly snap: Uint8Array; readonly mm: mm_struct }
const is_shm_attach = (d: unknown): d is shm_attach => typeof d === 'object' && d !== null && (d as shm_attach).shp?.shm_segsz !== undefined;

const shm_ids = (ns: ipc_namespace) => ipc_ns_of(ns).ids.shm;
const seg_of = (ns: ipc_namespace, id: number): shmid_kernel | number => ipc_obtain_object_check<shmid_kernel>(shm_ids(ns), id);
const vma_shm = (v: vm_area_struct): shmid_kernel | null => (is_shm_attach(v.vm_private_data) ? v.vm_private_data.shp : null);

/**
 * Segments alive in every IPC namespace. While there are none, no vma can be an attach, so the sync that
 * runs around every system call (shm_sync_task) returns before walking the caller's vmas.
 */
const shm_live = defineState('ipc.shm.live', () => ({ segments: 0 }));

/** A segment more or less; while any exists, system calls take the path that syncs attaches (SYSCALL_WORK_SHM_SYNC). */
function shm_live_add(delta: 1 | -1): void {
  const live = shm_live();
  live.segments += delta;
  set_syscall_work(SYSCALL_WORK_SHM_SYNC, live.segments > 0);
}

/** newseg(): a zeroed segment of `size` bytes, counted against shmall in pages. */
function newseg(ns: ipc_namespace, key: number, size: number, flg: number): number {
  const st = ipc_ns_of(ns);
  if (size < SHMMIN || size > st.shm_ctlmax) return -EINVAL;
  const pages = Math.ceil(size / PAGE_SIZE);
  if (st.shm_tot + pages > st.shm_ctlall) return -ENOSPC;
  if (size > 64 << 20) return -ENOMEM;
  const s: shmid_kernel = {
    ...new_perm(key, flg), shm_segsz: size, shm_atim: 0, shm_dtim: 0, shm_ctim: ipc_now(),
    shm_cprid: current_tgid(), shm_lprid: null, data: new Uint8Array(pages * PAGE_SIZE), touched: new Set(), users: 0, ns,
  };
  const id = ipc_addid(shm_ids(ns), s, st.shm_ctlmni);
  if (id >= 0) { st.shm_tot += pages; shm_live_add(1); }
  return id;
}

function ksys_shmget(key: number, size: number, flg: number): number {
  const ns = current_ipc_ns();
  return ipcget<shmid_kernel>(ns, shm_ids(ns), key | 0, flg, () => newseg(ns, key | 0, size, flg),
    (s) => (size > s.shm_segsz ? -EINVAL : 0));
}

/** Every mapping of a segment in a live address space (shm_nattch counts these). */
function attaches(s: shmid_kernel): number {
  const seen = new Set<mm_struct>();
  let n = 0;
  for (const t of runqueue().tasks.values()) {
    if (!t.mm || seen.has(t.mm)) continue;
    seen.add(t.mm);
    n += t.mm.mmap.filter((v) => vma_shm(v) === s).length;
  }
  return n;
}

/** shm_destroy(): the segment's memory goes back. */
function shm_destroy(s: shmid_kernel): void {
  ipc_rmid(shm_ids(s.ns), s);
  ipc_ns_of(s.ns).shm_tot -= s.data.length / PAGE_SIZE;
  shm_live_add(-1);
}

/** shm_may_destroy(): a segment marked for destruction goes once nothing has it attached. */
function shm_reap(ns: ipc_namespace): void {
  for (const s of ipc_objects<shmid_kernel>(shm_ids(ns))) if ((s.mode & SHM_DEST) && attaches(s) === 0) shm_destroy(s);
}

/** do_shmat(): maps the segment into the caller (at shmaddr, or top-down below the stack like an anonymous mmap). */
function do_shmat(shmid: number, shmaddr: number, shmflg: number): number {
  const ns = current_ipc_ns();
  const s = seg_of(ns, shmid);
  if (typeof s === 'number') return s;
  const e = ipcperms(ns, s, shmflg & SHM_RDONLY ? IPC_READ : IPC_READ | IPC_WRITE);
  if (e) return e;
  const mm = current().mm;
  if (!mm) return -EINVAL;
  shm_pull(s);
  const len = s.data.length;
  let start: number;
  if (shmaddr) {
    start = shmflg & SHM_RND ? shmaddr - (shmaddr % SHMLBA) : shmaddr;
    if (start % SHMLBA || start < PAGE_SIZE) return -EINVAL;
    if (!(shmflg & SHM_REMAP) && mm.mmap.some((v) => v.vm_start < start + len && start < v.vm_end)) return -EINVAL;
  } else {
    const top = Math.min(mm.memory().length - STACK_SIZE, ...mm.mmap.filter((v) => v.vm_name !== '[stack]' && v.vm_name !== '[heap]').map((v) => v.vm_start));
    start = top - len;
    if (start < Math.ceil(mm.brk / PAGE_SIZE) * PAGE_SIZE) {
      start = mm.memory().length;
      if (!mm.grow(start + len)) return -ENOMEM;
    }
  }
  if (start + len > mm.memory().length && !mm.grow(start + len)) return -ENOMEM;
  const vma: vm_area_struct = {
    vm_start: start, vm_end: start + len, vm_pgoff: 0, vm_private_data: { shp: s, snap: s.data.slice(), mm } satisfies shm_attach,
    vm_flags: VM_READ | VM_SHARED | (shmflg & SHM_RDONLY ? 0 : VM_WRITE) | (shmflg & SHM_EXEC ? VM_EXEC : 0),
    // /proc/PID/maps names it as the shmem file: /SYSV<key> (deleted)
    vm_name: `/SYSV${(s.key >>> 0).toString(16).padStart(8, '0')} (deleted)`,
  };
  mm.mmap.push(vma);
  mm.mmap.sort((a, b) => a.vm_start - b.vm_start);
  mm.memory().set(s.data, start);
  s.users++;
  s.shm_atim = ipc_now();
  s.shm_lprid = current_tgid();
  return start;
}

/** ksys_shmdt(): the attach that starts at shmaddr goes (EINVAL if none does). */
function ksys_shmdt(shmaddr: number): number {
  const mm = current().mm;
  if (!mm || shmaddr % PAGE_SIZE) return -EINVAL;
  const i = mm.mmap.findIndex((v) => v.vm_start === shmaddr && vma_shm(v));
  if (i < 0) return -EINVAL;
  const vma = mm.mmap[i];
  const s = vma_shm(vma)!;
  const counted = (vma.vm_private_data as shm_attach).mm === mm;
  shm_sync_vma(mm, vma);
  mm.mmap.splice(i, 1);
  if (counted) s.users--;
  s.shm_dtim = ipc_now();
  s.shm_lprid = current_tgid();
  shm_reap(s.ns);
  return 0;
}

/** struct shmid64_ds (x86_64, 112 bytes) for IPC_STAT. */
function encode_shmid64(s: shmid_kernel): Uint8Array {
  const b = new Uint8Array(112), dv = new DataView(b.buffer);
  encode_ipc64_perm(dv, 0, s);
  const put = (off: number, v: number): void => dv.setBigUint64(off, BigInt(v), true);
  put(48, s.shm_segsz); put(56, s.shm_atim); put(64, s.shm_dtim); put(72, s.shm_ctim);
  dv.setInt32(80, pid_nr_ns(s.shm_cprid), true);
  dv.setInt32(84, pid_nr_ns(s.shm_lprid), true);
  put(88, attaches(s));
  return b;
}

/** ksys_shmctl(): IPC_STAT, IPC_SET, and IPC_RMID (SHM_DEST: the key is freed now, the memory at the last detach). */
function ksys_shmctl(shmid: number, cmd: number, buf: number): number {
  const ns = current_ipc_ns();
  if ((shmid | 0) < 0 || (cmd | 0) < 0) return -EINVAL;
  const s = seg_of(ns, shmid);
  if (typeof s === 'number') return s;
  switch (cmd & ~IPC_64) {
    case IPC_STAT: {
      const e = ipcperms(ns, s, IPC_READ);
      if (e) return e;
      return copy_to_user(buf, encode_shmid64(s)) ? -EFAULT : 0;
    }
    case IPC_SET: {
      const e = ipcctl_may_change(ns, s);
      if (e) return e;
      const b = copy_from_user(buf, 112);
      if (!b) return -EFAULT;
      const dv = new DataView(b.buffer, b.byteOffset);
      const r = ipc_update_perm(s, dv.getUint32(4, true), dv.getUint32(8, true), dv.getUint32(20, true));
      if (!r) s.shm_ctim = ipc_now();
      return r;
    }
    case IPC_RMID: {
      const e = ipcctl_may_change(ns, s);
      if (e) return e;
      s.mode |= SHM_DEST;
      s.key = IPC_PRIVATE;
      shm_reap(ns);
      return 0;
    }
    default: return -EINVAL;
  }
}

/**
 * Keeps one attach coherent with its segment. The process's memory is its own buffer, so the bytes it changed
 * since the last sync (against the snapshot) go into the segment; then the segment's current bytes, other
 * processes' writes included, come back into the process. Done on every entry to the kernel and every return
 * from it: user code sees the others' writes, and the kernel (a read() into the segment, say) sees the caller's.
 */
function shm_sync_vma(mm: mm_struct, vma: vm_area_struct): void {
  const a = vma.vm_private_data;
  if (!is_shm_attach(a) || a.shp.deleted) return;
  const s = a.shp;
  const mem = mm.memory().subarray(vma.vm_start, vma.vm_end);
  if (vma.vm_flags & VM_WRITE) {
    // Word by word (the attach is page-aligned), then the changed word's bytes.
    const m32 = new Uint32Array(mem.buffer, mem.byteOffset, mem.length >> 2), s32 = new Uint32Array(a.snap.buffer, 0, mem.length >> 2);
    for (let w = 0; w < m32.length; w++) {
      if (m32[w] === s32[w]) continue;
      for (let i = w * 4; i < w * 4 + 4; i++) if (mem[i] !== a.snap[i]) s.data[i] = mem[i];
      s.touched.add(Math.floor((w * 4) / PAGE_SIZE));
    }
  }
  mem.set(s.data);
  vma.vm_private_data = { shp: s, snap: s.data.slice(), mm } satisfies shm_attach;
}

/** A segment whose only attach has not synced lately gets that process's bytes (before another attach or a reader needs them). */
function shm_pull(s: shmid_kernel): void {
  if (s.users !== 1) return;
  for (const t of runqueue().tasks.values()) {
    const v = t.mm?.mmap.find((x) => is_shm_attach(x.vm_private_data) && x.vm_private_data.shp === s && x.vm_private_data.mm === t.mm);
    if (v && t.mm) { shm_sync_vma(t.mm, v); return; }
  }
}

/** The system call path's hook, on entry and on exit: every attach of the task is synced. */
export function shm_sync_task(t: task_struct): void {
  const mm = t.mm;
  if (!mm || shm_live().segments === 0) return;
  for (const v of mm.mmap) {
    const a = v.vm_private_data;
    if (!is_shm_attach(a)) continue;
    // fork's copy of an attach shows up here first: from now on the segment has one more user.
    if (a.mm !== mm) a.shp.users++;
    else if (a.shp.users <= 1) continue;
    shm_sync_vma(mm, v);
  }
}

/** exit_shm(): an exiting task's attaches go with its address space; segments marked for destruction may go now. */
export function* exit_shm(t: task_struct): KGen<void> {
  const mm = t.mm;
  if (!mm || mm.users > 1) return;
  const mine = mm.mmap.filter((v) => vma_shm(v));
  if (!mine.length) return;
  for (const v of mine) {
    const counted = (v.vm_private_data as shm_attach).mm === mm;
    shm_sync_vma(mm, v);
    if (counted) vma_shm(v)!.users--;
  }
  mm.mmap = mm.mmap.filter((v) => !vma_shm(v));
  for (const ns of new Set(mine.map((v) => vma_shm(v)!.ns))) shm_reap(ns);
}

/** shm_exit_ns(): a dying namespace's segments are destroyed (those still attached stay mapped, as orphans). */
export function shm_exit_ns(ns: ipc_namespace): void {
  for (const s of ipc_objects<shmid_kernel>(shm_ids(ns))) shm_destroy(s);
}

/** sysvipc_shm_proc_show(): one line per segment of the reader's namespace (64-bit widths). */
export function sysvipc_shm_proc_show(m: seq_file): void {
  seq_puts(m, '       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap\n');
  const ns = current_ipc_ns();
  shm_reap(ns);
  for (const s of ipc_objects<shmid_kernel>(shm_ids(ns))) {
    shm_pull(s);
    const [uid, gid, cuid, cgid] = munged_ids(s);
    const d = (n: number, w: number): string => String(n).padStart(w);
    seq_puts(m, `${d(s.key, 10)} ${d(s.id, 10)}  ${s.mode.toString(8).padStart(4)} ${d(s.shm_segsz, 21)} ` +
      `${d(pid_nr_ns(s.shm_cprid), 5)} ${d(pid_nr_ns(s.shm_lprid), 5)}  ${d(attaches(s), 5)} ${d(uid, 5)} ${d(gid, 5)} ${d(cuid, 5)} ${d(cgid, 5)} ` +
      `${d(s.shm_atim, 10)} ${d(s.shm_dtim, 10)} ${d(s.shm_ctim, 10)} ${d(s.touched.size * PAGE_SIZE, 21)} ${d(0, 21)}\n`);
  }
}

export const syscalls: syscall_def[] = [
  SYSCALL_DEFINE('shmget', ['hex', 'size', 'hex'], ksys_shmget),
  SYSCALL_DEFINE('shmat', ['int', 'hex', 'hex'], do_shmat),
  SYSCALL_DEFINE('shmdt', ['hex'], ksys_shmdt),
  SYSCALL_DEFINE('shmctl', ['int', 'int', 'ptr'], ksys_shmctl),
];
