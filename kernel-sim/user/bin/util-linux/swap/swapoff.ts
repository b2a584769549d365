// Models util-linux 2.38 swapoff(8): disable the areas named (a path, LABEL= or UUID=), or (-a) every area in /proc/swaps and every swap line of /etc/fstab; its exit codes (4 a failed swapoff(2), 16 not superuser, 32 all failed with -a, 64 some).
import type { KGen } from '../../../../include/linux/sched.ts';
import type { Libc } from '../../../lib/libc.ts';
import { strerror } from '../../../lib/libc.ts';
import { getopt, has } from '../../../lib/getopt.ts';
import { EPERM, ENOMEM } from '../../../../include/uapi/asm-generic/errno.ts';
import { get_swaps, resolve_spec } from './swapheader.ts';

const SWAPOFF_EX_OK = 0, SWAPOFF_EX_NOMEM = 2, SWAPOFF_EX_SYSERR = 4, SWAPOFF_EX_USAGE = 16, SWAPOFF_EX_ALLFAILED = 32, SWAPOFF_EX_SOMEOK = 64;

/** do_swapoff(): 0, or the exit code of the failure after saying what it was (quiet for fstab lines not active). */
function* do_swapoff(c: Libc, spec: string, verbose: boolean, quiet: boolean): KGen<number> {
  if (verbose) yield* c.write(1, `swapoff ${spec}\n`);
  const special = yield* resolve_spec(c, spec);
  if (!special) { yield* c.write(2, `swapoff: cannot find the device for ${spec.replace(/^(UUID|LABEL)=/, '')}\n`); return SWAPOFF_EX_USAGE; }
  const r = yield* c.swapoff(special);
  if (r === 0) return SWAPOFF_EX_OK;
  if (r === -EPERM) { yield* c.write(2, 'swapoff: Not superuser.\n'); return SWAPOFF_EX_USAGE; }
  if (r === -ENOMEM || !quiet) yield* c.write(2, `swapoff: ${spec}: swapoff failed: ${strerror(-r)}\n`);
  return r === -ENOMEM ? SWAPOFF_EX_NOMEM : SWAPOFF_EX_SYSERR;
}

export function* swapoff_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'ahvVL:U:', long: { all: 'a', help: 'h', verbose: 'v', version: 'V', 'label=': 'L', 'uuid=': 'U' } });
  if (p.error) { yield* c.write(2, `swapoff: ${p.error}\nTry 'swapoff --help' for more information.\n`); return SWAPOFF_EX_USAGE; }
  if (has(p, 'V')) { yield* c.write(1, 'swapoff from util-linux 2.38.1\n'); return 0; }
  const verbose = has(p, 'v');
  const specs = [...p.opts.filter(([k]) => k === 'L').map(([, v]) => `LABEL=${v}`), ...p.opts.filter(([k]) => k === 'U').map(([, v]) => `UUID=${v}`), ...p.args];
  if (!has(p, 'a') && !specs.length) { yield* c.write(2, "swapoff: bad usage\nTry 'swapoff --help' for more information.\n"); return SWAPOFF_EX_USAGE; }
  let status = 0;
  for (const s of specs) status |= yield* do_swapoff(c, s, verbose, false);
  if (!has(p, 'a')) return status;
  // swapoff_all(): /proc/swaps first (all must go, counting failures), then fstab's swap lines quietly.
  let nerrs = 0, nsucc = 0;
  for (const s of yield* get_swaps(c)) {
    if ((yield* do_swapoff(c, s.path, verbose, false)) === 0) nsucc++; else nerrs++;
  }
  const fstab = yield* c.read_text('/etc/fstab');
  if (typeof fstab === 'string') {
    const active = new Set((yield* get_swaps(c)).map((s) => s.path));
    for (const f of fstab.split('\n').map((l) => l.trim().split(/\s+/))) {
      if (f.length < 3 || f[0]!.startsWith('#') || f[2] !== 'swap') continue;
      const src = yield* resolve_spec(c, f[0]!);
      if (src && active.has(src)) yield* do_swapoff(c, src, verbose, true);
    }
  }
  if (nerrs) status |= nsucc ? SWAPOFF_EX_SOMEOK : SWAPOFF_EX_ALLFAILED;
  return status;
}
