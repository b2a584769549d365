// Models linux/drivers/char/mem.c and random.c's devices: /dev/null, zero, full, random, urandom and kmsg (major 1).
import type { file_operations } from '../../include/linux/fs_types.ts';
import { MKDEV } from '../../include/linux/fs_types.ts';
import { EAGAIN, EFAULT, ENOSPC, EINVAL, EPIPE } from '../../include/uapi/asm-generic/errno.ts';
import { O_NONBLOCK, SEEK_SET, SEEK_END, SEEK_DATA } from '../../include/uapi/stat.ts';
import { copy_to_user, copy_from_user } from '../../mm/uaccess.ts';
import { register_chrdev } from '../../fs/char_dev.ts';
import { get_random_bytes } from '../../lib/machine_random.ts';
import { printkState, printk, LOG_USER } from '../../kernel/printk/printk.ts';
import { wait_event_interruptible } from '../../kernel/sched/wait.ts';
import { kmsg_wait } from '../../kernel/printk/kmsg_wait.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { tty_init } from '../tty/tty_io.ts';
import { vty_init } from '../tty/vt/vt.ts';

export const MEM_MAJOR = 1;

const zeros = new Uint8Array(65536);

const null_fops: file_operations = {
  read: function* () { return 0; },
  write: function* (_f, _b, count) { return count; },
  llseek: function* (f) { f.f_pos = 0; return 0; },
};

const zero_fops: file_operations = {
  read: function* (_f, buf, count) {
    let done = 0;
    while (done < count) {
      const n = Math.min(zeros.length, count - done);
      if (copy_to_user(buf + done, zeros.subarray(0, n))) return done || -EFAULT;
      done += n;
    }
    return done;
  },
  write: function* (_f, _b, count) { return count; },
  llseek: function* (f) { f.f_pos = 0; return 0; },
};

const full_fops: file_operations = {
  read: zero_fops.read,
  write: function* () { return -ENOSPC; },
  llseek: function* (f) { f.f_pos = 0; return 0; },
};

const random_fops: file_operations = {
  read: function* (_f, buf, count) {
    const n = Math.min(count, 1 << 20);
    return copy_to_user(buf, get_random_bytes(n)) ? -EFAULT : n;
  },
  write: function* (_f, _b, count) { return count; },
};

/** One record per read, in /dev/kmsg's "prio,seq,usec,flags;text" format. */
const kmsg_fops: file_operations = {
  open: function* (_inode, file) {
    file.private_data = { seq: printkState().first_seq };
    return 0;
  },
  read: function* (file, buf, count) {
    const st = file.private_data as { seq: number };
    const s = printkState();
    if (st.seq < s.first_seq) { st.seq = s.first_seq; return -EPIPE; }
    if (st.seq >= s.next_seq) {
      if (file.f_flags & O_NONBLOCK) return -EAGAIN;
      const r = yield* wait_event_interruptible(kmsg_wait(), () => st.seq < printkState().next_seq, 'devkmsg_read');
      if (r) return r;
    }
    const rec = s.records[st.seq - s.first_seq];
    const text = rec.text.replace(/[\\\x00-\x08\x0b-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
    const line = new TextEncoder().encode(`${(rec.facility << 3) | rec.level},${rec.seq},${Math.floor(rec.ts_nsec / 1000)},-;${text}\n`);
    if (line.length > count) return -EINVAL;
    if (copy_to_user(buf, line)) return -EFAULT;
    st.seq++;
    return line.length;
  },
  write: function* (_f, buf, count) {
    const data = copy_from_user(buf, Math.min(count, 1024));
    if (!data) return -EFAULT;
    let msg = new TextDecoder().decode(data);
    let level = 4;
    const m = /^<(\d+)>/.exec(msg);
    if (m) { level = Number(m[1]) & 7; msg = msg.slice(m[0].length); }
    printk(`\x01${level}${msg}`, LOG_USER);
    return count;
  },
  llseek: function* (file, offset, whence) {
    const st = file.private_data as { seq: number };
    if (offset) return -22;
    const s = printkState();
    if (whence === SEEK_SET) st.seq = s.first_seq;
    else if (whence === SEEK_END) st.seq = s.next_seq;
    else if (whence === SEEK_DATA) st.seq = s.clear_seq;
    else return -EINVAL;
    return 0;
  },
};

/** Minor numbers as in devlist[] of drivers/char/mem.c; mode 0666 except kmsg 0644. */
export const mem_devices: readonly { minor: number; name: string; mode: number; fops: file_operations }[] = [
  { minor: 3, name: 'null', mode: 0o666, fops: null_fops },
  { minor: 5, name: 'zero', mode: 0o666, fops: zero_fops },
  { minor: 7, name: 'full', mode: 0o666, fops: full_fops },
  { minor: 8, name: 'random', mode: 0o666, fops: random_fops },
  { minor: 9, name: 'urandom', mode: 0o666, fops: random_fops },
  { minor: 11, name: 'kmsg', mode: 0o644, fops: kmsg_fops },
];

const memory_fops: file_operations = {
  open: function* (inode, file) {
    const minor = inode.i_rdev & 0xfffff;
    const d = mem_devices.find((x) => x.minor === minor);
    if (!d) return -6; // -ENXIO
    file.f_op = d.fops;
    return d.fops.open ? yield* d.fops.open(inode, file) : 0;
  },
};

/** chr_dev_init(): registers major 1; device nodes come from devtmpfs. */
export function chr_dev_init(): number {
  const r = register_chrdev(MEM_MAJOR, 'mem', memory_fops);
  return r < 0 ? r : 0;
}

export const mem_dev = (minor: number): number => MKDEV(MEM_MAJOR, minor);

/** chr_dev_init ends with tty_init(), as in drivers/char/mem.c; the /dev nodes come from device_add (drivers/base/builtin_devices.ts). */
// tty_init's last step is vty_init (CONFIG_VT); it is called here, after it, so tty_io need not import the VT.
export const initcalls: initcall_entry[] = [['fs', 'chr_dev_init', () => { const r = chr_dev_init(); tty_init(); vty_init(); return r; }, 2_400_000]];
