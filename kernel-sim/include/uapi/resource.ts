// Models linux/include/uapi/asm-generic/resource.h: resource limits and their defaults for init.
export const RLIMIT_CPU = 0, RLIMIT_FSIZE = 1, RLIMIT_DATA = 2, RLIMIT_STACK = 3, RLIMIT_CORE = 4, RLIMIT_RSS = 5;
export const RLIMIT_NPROC = 6, RLIMIT_NOFILE = 7, RLIMIT_MEMLOCK = 8, RLIMIT_AS = 9, RLIMIT_LOCKS = 10;
export const RLIMIT_SIGPENDING = 11, RLIMIT_MSGQUEUE = 12, RLIMIT_NICE = 13, RLIMIT_RTPRIO = 14, RLIMIT_RTTIME = 15;
export const RLIM_NLIMITS = 16;
export const RLIM_INFINITY = Infinity;

/** /proc/PID/limits names and units, in RLIMIT order. */
export const rlimit_names: readonly (readonly [string, string])[] = [
  ['Max cpu time', 'seconds'], ['Max file size', 'bytes'], ['Max data size', 'bytes'], ['Max stack size', 'bytes'],
  ['Max core file size', 'bytes'], ['Max resident set', 'bytes'], ['Max processes', 'processes'],
  ['Max open files', 'files'], ['Max locked memory', 'bytes'], ['Max address space', 'bytes'],
  ['Max file locks', 'locks'], ['Max pending signals', 'signals'], ['Max msgqueue size', 'bytes'],
  ['Max nice priority', ''], ['Max realtime priority', ''], ['Max realtime timeout', 'us'],
];

/** INIT_RLIMITS of include/asm-generic/resource.h for a 512 MiB machine (nproc, sigpending from max_threads). */
export function init_rlimits(): { rlim_cur: number; rlim_max: number }[] {
  const inf = { rlim_cur: Infinity, rlim_max: Infinity };
  const r = Array.from({ length: RLIM_NLIMITS }, () => ({ ...inf }));
  r[RLIMIT_STACK] = { rlim_cur: 8 * 1024 * 1024, rlim_max: Infinity };
  r[RLIMIT_CORE] = { rlim_cur: 0, rlim_max: Infinity };
  r[RLIMIT_NPROC] = { rlim_cur: 1878, rlim_max: 1878 };
  r[RLIMIT_NOFILE] = { rlim_cur: 1024, rlim_max: 4096 };
  r[RLIMIT_MEMLOCK] = { rlim_cur: 8 * 1024 * 1024, rlim_max: 8 * 1024 * 1024 };
  r[RLIMIT_SIGPENDING] = { rlim_cur: 1878, rlim_max: 1878 };
  r[RLIMIT_MSGQUEUE] = { rlim_cur: 819200, rlim_max: 819200 };
  r[RLIMIT_NICE] = { rlim_cur: 0, rlim_max: 0 };
  r[RLIMIT_RTPRIO] = { rlim_cur: 0, rlim_max: 0 };
  return r;
}
