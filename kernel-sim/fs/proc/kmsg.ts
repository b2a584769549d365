// Models linux/fs/proc/kmsg.c: /proc/kmsg, the kernel log for one privileged reader (here with /dev/kmsg's record semantics).
import { EPERM } from '../../include/uapi/asm-generic/errno.ts';
import { mem_devices } from '../../drivers/char/mem.ts';
import { current } from '../../kernel/sched/core.ts';
import { proc_create } from './generic.ts';

export function proc_kmsg_init(): number {
  const kmsg = mem_devices.find((d) => d.name === 'kmsg')!.fops;
  proc_create('kmsg', 0o400, null, {
    proc_open: function* (inode, file) {
      if (current().cred.euid !== 0) return -EPERM; // CAP_SYSLOG
      return kmsg.open ? yield* kmsg.open(inode, file) : 0;
    },
    proc_read: kmsg.read,
    proc_lseek: kmsg.llseek,
    proc_poll: kmsg.poll,
  });
  return 0;
}
