// iostat (sysstat 12.6) on the default machine: the banner and avg-cpu block, the basic and -x tables with sysstat's column widths, rates from /proc/diskstats over the interval (reads on vdb counted), devices without IO since boot hidden, -p with a disk's partitions, -d with interval and count.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';

const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');
const X_HEADER = 'Device            r/s     rkB/s   rrqm/s  %rrqm r_await rareq-sz     w/s     wkB/s   wrqm/s  %wrqm w_await wareq-sz     d/s     dkB/s   drqm/s  %drqm d_await dareq-sz     f/s f_await  aqu-sz  %util';
/** A -x row: the name in 13 columns, then the 22 numbers at sysstat's widths. */
const X_ROW = new RegExp(`^\\S+ +${[8, 10, 9, 7, 8, 9, 8, 10, 9, 7, 8, 9, 8, 10, 9, 7, 8, 9, 8, 8, 8, 7].map((w) => `[ \\d]{${w - 3}}\\.\\d\\d`).join('')}$`);

describe('iostat', () => {
  const m = new Machine({ dts, dtsName: 'default.dts' });
  m.boot();
  const sh = (cmd: string): string => m.runCommand(cmd).output;

  it('prints the banner, avg-cpu and the basic table of the disks that saw IO since boot (ram0 did not)', () => {
    const out = sh('iostat');
    expect(out).toMatch(/^Linux 6\.1\.\S+ \(\S+\) \t\d\d\/\d\d\/\d\d \t_x86_64_\t\(2 CPU\)\n\navg-cpu: {2}%user {3}%nice %system %iowait {2}%steal {3}%idle\n( +\d+\.\d\d){6}\n\n/);
    expect(out).toContain('\nDevice             tps    kB_read/s    kB_wrtn/s    kB_dscd/s    kB_read    kB_wrtn    kB_dscd\n');
    expect(out).toMatch(/\nvda {10}[ \d]{6}\.\d\d( {1,12}\d+\.\d\d){3}( +\d+){3}\n/);
    expect(out).not.toContain('ram0');
    expect(out).not.toMatch(/\nvda1 /);
  });

  it('-x: the extended header and rows at sysstat\'s widths; direct reads on vdb show in r/s, rkB/s and rareq-sz (4 KiB each) over the interval', () => {
    const out = sh('iostat -x; dd if=/dev/vdb of=/dev/null bs=4k count=100 iflag=direct 2>/dev/null & iostat -dx vdb 1 2; wait');
    expect(out).toContain(`\n${X_HEADER}\n`);
    const rows = out.split('\n').filter((l) => /^vd[ab] /.test(l));
    for (const r of rows) expect(r).toMatch(X_ROW);
    // The second report covers the second after the first: the 100 reads happened in it or before; rareq-sz is 4.00 whenever there were reads.
    const vdb = rows.filter((r) => r.startsWith('vdb')).map((r) => r.trim().split(/\s+/));
    expect(vdb.length).toBe(3);
    for (const f of vdb) if (Number(f[1]) > 0) expect(f[6]).toBe('4.00');
    expect(Number(vdb[1]![2]) + Number(vdb[2]![2])).toBeGreaterThan(0);
  });

  it('-p vda adds vda\'s partitions; -c shows only the CPU; a bad option is refused with the usage', () => {
    expect(sh('iostat -p vda')).toMatch(/\nvda +.*\nvda1 +.*\n\n$/);
    expect(sh('iostat -c')).toMatch(/avg-cpu:.*\n.*\n\n$/);
    expect(sh('iostat -c')).not.toContain('Device');
    expect(sh('iostat -Q 2>&1; echo rc=$?')).toMatch(/^Usage: iostat \[ options \] \[ <interval> \[ <count> \] \]\n(.*\n)*rc=1\n$/);
  });
});
