// Models the reboot, poweroff and halt commands (busybox/sysvinit style): sync, then reboot(2) with LINUX_REBOOT_MAGIC1/2 and the command for the name.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import { basename } from '../../lib/stdio.ts';
import { reboot, RB_AUTOBOOT, RB_HALT_SYSTEM, RB_POWER_OFF } from '../../lib/unistd.ts';

const CMD: Record<string, number> = { reboot: RB_AUTOBOOT, poweroff: RB_POWER_OFF, halt: RB_HALT_SYSTEM };

export function* reboot_main(c: Libc, argv: string[]): KGen<number> {
  const name = basename(argv[0]);
  let cmd = CMD[name] ?? RB_AUTOBOOT;
  let sync = true, delay = 0;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-f' || a === '--force') continue;
    if (a === '-n' || a === '--no-sync') { sync = false; continue; }
    if (a === '-p' || a === '--poweroff') { cmd = RB_POWER_OFF; continue; }
    if (a === '--halt') { cmd = RB_HALT_SYSTEM; continue; }
    if (a === '--reboot') { cmd = RB_AUTOBOOT; continue; }
    if (a === '-d' && argv[i + 1]) { delay = Number(argv[++i]) || 0; continue; }
    if (a === '-w' || a === '--wtmp-only') return 0;
    yield* c.write(2, `${name}: invalid option -- '${a.replace(/^-+/, '')}'\n`);
    return 1;
  }
  if (delay) yield* c.nanosleep(delay * 1e9);
  if (sync) yield* c.syscall('sync');
  const r = yield* reboot(c, cmd);
  yield* c.write(2, `${name}: ${strerror(-r)}\n`);
  return 1;
}
