// Helpers of the cgroup tests: writing a cgroup file from a guest program as `echo > file` would.
import type { Libc } from '../../../kernel-sim/user/lib/libc.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import { O_WRONLY } from '../../../kernel-sim/include/uapi/stat.ts';

/** Opens, writes and closes; 0 or the -errno of the open or the write. */
export function* write_file(c: Libc, path: string, text: string): KGen<number> {
  const fd = yield* c.open(path, O_WRONLY);
  if (fd < 0) return fd;
  const r = yield* c.write(fd, text);
  yield* c.close(fd);
  return r < 0 ? r : 0;
}
