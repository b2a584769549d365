// Models linux/kernel/umh.c: call_usermodehelper, the kernel starting a user program (here with its output captured for the host).
import type { KGen, task_struct } from '../include/linux/sched.ts';
import type { file } from '../include/linux/fs_types.ts';
import { FMODE_WRITE, FMODE_READ } from '../include/linux/fs_types.ts';
import { EFAULT } from '../include/uapi/asm-generic/errno.ts';
import { O_RDONLY, O_RDWR } from '../include/uapi/stat.ts';
import { copy_from_user } from '../mm/uaccess.ts';
import { get_pipe_inode, pipefs_root } from '../fs/pipe.ts';
import { current, runqueue } from './sched/core.ts';
import { kernel_clone, CLONE_FS } from './fork.ts';
import { do_execveat } from '../fs/exec.ts';
import { filp_open } from '../fs/open.ts';
import { SIGCHLD } from '../include/uapi/signal.ts';
import { copy_fs_struct } from '../fs/file.ts';
import { user_path_at, LOOKUP_FOLLOW } from '../fs/namei.ts';

/** An anonymous write-only file whose bytes go to the host (the helper's stdout/stderr). */
export function capture_file(sink: (bytes: Uint8Array) => void): file {
  return {
    // An anonymous pipe-like file: a real pipefs inode, so fstat and /proc/PID/fd see a FIFO.
    f_path: { mnt: null as never, dentry: pipefs_root() }, f_inode: get_pipe_inode(),
    f_op: {
      write: function* (_f, buf, count) {
        const b = copy_from_user(buf, count);
        if (!b) return -EFAULT;
        sink(b);
        return count;
      },
    },
    f_flags: 1, f_mode: FMODE_WRITE, f_pos: 0, f_count: 1, private_data: null, f_name: 'pipe:[host]',
  };
}

/**
 * Starts `argv` as a child of kthreadd with stdin /dev/null and stdout/stderr to `out` (a file, a device path the
 * child opens, or an opener the child runs, such as a terminal's: its open makes it the controlling tty); returns the task.
 */
export function call_usermodehelper(path: string, argv: string[], envp: string[], out: file | string | (() => KGen<file | number>), cwd = '/'): task_struct | number {
  const rq = runqueue();
  const kthreadd = rq.tasks.get(2);
  const prev = rq.curr;
  if (kthreadd) rq.curr = kthreadd;
  try {
    const pid = kernel_clone({
      flags: CLONE_FS, exit_signal: SIGCHLD, name: 'kworker/u4:1',
      fn: function* (): KGen<number> {
        const t = current();
        t.fs = copy_fs_struct(t.fs);
        const dir = user_path_at(-100, cwd, LOOKUP_FOLLOW);
        if (typeof dir !== 'number') t.fs.pwd = dir;
        const nul = yield* filp_open('/dev/null', O_RDONLY);
        const opened = typeof out !== 'object';
        const f = typeof out === 'string' ? yield* filp_open(out, O_RDWR) : typeof out === 'function' ? yield* out() : out;
        if (typeof f === 'number') return f;
        t.files.fd = [typeof nul === 'number' ? null : nul, f, f];
        f.f_count += opened ? 1 : 2;
        t.signal.leader = true;
        t.signal.session = t.pid;
        t.signal.pgrp = t.pid;
        return yield* do_execveat(path, argv, envp);
      },
    });
    if (pid < 0) return pid;
    return rq.tasks.get(pid)!;
  } finally {
    rq.curr = prev;
  }
}

export { FMODE_READ };
