// Host memory for one machine (issue 21): the Node process's resident set at boot and after the guest has used up its
// RAM every way a guest can (a fork bomb, anonymous memory written page by page until the OOM killer, a tmpfs filled
// to ENOSPC). The guest's accounting bounds each of these by the machine's RAM; this measures what the host pays.
import { Machine } from '../kernel-sim/machine.ts';
import { register_programs } from '../kernel-sim/user/bin/index.ts';
import { kwb_image } from '../kernel-sim/fs/binfmt_kwb.ts';
import type { Libc } from '../kernel-sim/user/lib/libc.ts';
import type { KGen } from '../kernel-sim/include/linux/sched.ts';

const MiB = 1 << 20;
const rss_mb = (): number => Math.round(process.memoryUsage().rss / MiB);

/** Runs `main` as a guest program through the shell. */
function run(m: Machine, name: string, main: (c: Libc) => KGen<number>): string {
  register_programs({ [name]: { main: (c) => main(c), path: `/bin/${name}` } });
  m.putFile(`/bin/${name}`, kwb_image(name), 0o755);
  return m.runCommand(`/bin/${name}`, { timeoutNs: 3600e9 }).output;
}

/** Forks sleepers until fork fails; the peak is read before they are killed. */
function* fork_bomb(c: Libc, peak: { rss: number; made: number; err: number }): KGen<number> {
  const pids: number[] = [];
  for (;;) {
    const pid = yield* c.fork(function* (cc) { yield* cc.nanosleep(3600e9); return 0; });
    if (pid < 0) { peak.err = pid; break; }
    pids.push(pid);
  }
  peak.rss = rss_mb();
  peak.made = pids.length;
  for (const pid of pids) yield* c.kill(pid, 9);
  for (const _ of pids) yield* c.waitpid(-1);
  return 0;
}

/** Children map 32 MiB each and write every page, until the OOM killer or ENOMEM stops them. */
function* anon_hog(c: Libc, peak: { rss: number }): KGen<number> {
  const pids: number[] = [];
  for (let i = 0; i < 24; i++) {
    pids.push(yield* c.fork(function* (cc) {
      const p = yield* cc.syscall('mmap', 0, 32 * MiB, 3, 0x22, -1, 0);
      if (p < 0) return 1;
      const mem = cc.mem();
      for (let off = 0; off < 32 * MiB; off += 4096) mem[p + off] = 1; // touch every page, as a real hog would
      yield* cc.nanosleep(3600e9);
      return 0;
    }));
    yield* c.nanosleep(1_000_000);
  }
  peak.rss = Math.max(peak.rss, rss_mb());
  for (const pid of pids) yield* c.kill(pid, 9);
  for (const _ of pids) yield* c.waitpid(-1);
  return 0;
}

export default function bench(): Record<string, number> {
  const m = new Machine({});
  m.boot();
  const booted = rss_mb();
  const bomb = { rss: 0, made: 0, err: 0 };
  run(m, 'bench_bomb', (c) => fork_bomb(c, bomb));
  const hog = { rss: 0 };
  run(m, 'bench_hog', (c) => anon_hog(c, hog));
  const oom_kills = m.runCommand('dmesg | grep -c "Out of memory: Killed process"').output.trim();
  m.runCommand('mkdir -p /mnt/t && mount -t tmpfs -o size=600m t /mnt/t && dd if=/dev/zero of=/mnt/t/f bs=1M count=600 2>/dev/null');
  const tmpfs_full = rss_mb();
  const tmpfs_mb = Math.round(Number(m.runCommand('stat -c %s /mnt/t/f').output.trim()) / MiB);
  m.runCommand('umount /mnt/t');
  return {
    host_rss_booted_mb: booted,
    guest_ram_mb: 512,
    fork_bomb_tasks: bomb.made,
    fork_bomb_errno: -bomb.err,
    host_rss_fork_bomb_mb: bomb.rss,
    host_rss_anon_hog_mb: hog.rss,
    anon_hog_oom_kills: Number(oom_kills),
    tmpfs_filled_mb: tmpfs_mb,
    host_rss_tmpfs_full_mb: tmpfs_full,
    host_rss_after_mb: rss_mb(),
  };
}
