// The fidelity sweep as a test: the reference's own capture script runs on the reference machine, and every reference file the workbench reproduces in full (each line, in order, after normalising what differs between any two boots) must stay so.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { driver } from '../modules/helpers.ts';
import { ROOT } from '../toolchain/helpers.ts';
import { Machine } from '../../../kernel-sim/machine.ts';
import { REFERENCE, reference } from '../../fixtures/reference.ts';

/**
 * The files that match line for line today (fidelity.sh's legit count equals the reference's line count). A file
 * joins this list when it matches; it leaves it only with a reason in the commit that removes it.
 */
const FULL = [
  'block-devices', 'block-nullb0-queue', 'block-vda-queue', 'cgroup2', 'dmesg-our-modules', 'edu-power-dir', 'edu-rebind',
  'edu-result', 'edu-rmmod', 'iosched-tunables', 'lsmod', 'lspci-nn', 'lspci-nnvk', 'lspci-tv', 'lspci-vv-edu', 'lspci-xxx-edu', 'modinfo', 'ns-list', 'ns-net', 'ns-user', 'ns-uts',
  'pci-runtime-pm', 'proc-cgroups', 'proc-cmdline', 'proc-devices', 'proc-filesystems', 'proc-interrupts', 'proc-ioports', 'proc-misc', 'proc-modules', 'proc-mounts',
  'proc-tainted', 'sched-after-modprobe', 'sched-builtin', 'sysfs-class-misc-edu', 'sysfs-edu-device-dir', 'sysfs-module-hello', 'sysfs-pci-devices',
  'sysfs-pci-driver-edu', 'sysfs-pci-drivers', 'sysfs-pci-raw', 'uname',
];

const MON = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';

/** compare.py's "legit" normalisation: what two boots of the same kernel may print differently. */
export function normalise(l: string, name: string): string {
  l = l.replace(/\[\s*\d+\.\d+\]/g, '[T]').replace(new RegExp(`${MON}\\s+\\d+\\s+\\d\\d:\\d\\d`, 'g'), 'DATE');
  l = l.replaceAll('6.1.0-56-amd64', 'KVER').replaceAll('6.1.0-kwb', 'KVER');
  l = l.replaceAll('Debian 6.1.192-2 (2026-11-16)', 'BUILD').replaceAll('Kernel Workbench 6.1.0-1 (2026-11-01)', 'BUILD');
  l = l.replace(/^Linux (\(none\)|kwb|anchor) /, 'Linux HOST ').replace(/0xffffffffc0[0-9a-f]{6}/g, 'ADDR').replaceAll(' modversions ', ' ');
  if (name === 'proc-interrupts') l = l.replace(/^(\s*\S+:)\s+\d+\s+\d+/, '$1 N N');
  l = l.replace(/^(runtime_active_time|runtime_suspended_time): \d+/, '$1: N').replace(/^outer: pid=\d+ /, 'outer: pid=P ');
  return l.replace(/uptime=[\d.]+/g, 'uptime=U');
}

/** The capture's output split by its @@@BEGIN NAME@@@ / @@@END NAME rc=N@@@ frames. */
export function split_captures(out: string): Map<string, string[]> {
  const files = new Map<string, string[]>();
  let cur: string[] | null = null;
  for (const line of out.split('\n')) {
    const begin = /^@@@BEGIN (\S+?)@@@$/.exec(line);
    if (begin) { cur = []; files.set(begin[1]!, cur); continue; }
    if (line.startsWith('@@@END ')) { cur = null; continue; }
    cur?.push(line);
  }
  return files;
}

/** The reference lines (normalised) that the workbench's output lacks, in order: empty when it has them all. */
function missing(ref: string[], kwb: string[]): string[] {
  const out: string[] = [];
  let j = 0;
  for (const r of ref) {
    const k = kwb.indexOf(r, j);
    if (k < 0) out.push(r); else j = k + 1;
  }
  return out;
}

let captures: Map<string, string[]>;

beforeAll(async () => {
  const [edu, hello] = await Promise.all([driver('edu'), driver('hello')]);
  const extra = '/lib/modules/6.1.0-kwb/extra';
  const script = readFileSync(new URL('capture/capture.sh', REFERENCE));
  // fidelity.sh's machine and command line.
  const m = new Machine({
    dts: readFileSync(join(ROOT, 'resources/machines/qemu-q35-reference.dts'), 'utf8'), dtsName: 'qemu-q35-reference.dts',
    cmdline: 'console=ttyS0 panic=-1 anchor.mode=full',
  });
  m.boot();
  for (const [p, b] of Object.entries({ [`${extra}/edu.ko`]: edu, [`${extra}/hello.ko`]: hello, '/root/capture.sh': script })) m.putFile(p, b);
  // As fidelity.sh runs it: the reference ran it as /init on the console, so on a terminal.
  captures = split_captures(m.runCommand('sh /root/capture.sh', { tty: { cols: 80, rows: 24 } }).output);
}, 300_000);

describe('fidelity against Linux 6.1 (capture.sh on qemu-q35-reference)', () => {
  it.each(FULL)('%s matches the reference line for line', (name) => {
    const ref = reference(`${name}.txt`).replace(/\n$/, '').split('\n');
    if (ref[0]?.startsWith('# $')) ref.shift();
    const kwb = captures.get(name);
    expect(kwb, `capture ${name} missing from the output`).toBeDefined();
    const body = kwb![0]?.startsWith('# $') ? kwb!.slice(1) : kwb!;
    expect(missing(ref.map((l) => normalise(l, name)), body.map((l) => normalise(l, name)))).toEqual([]);
  });
});
