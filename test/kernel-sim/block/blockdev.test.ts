// blockdev(8) on the default machine's disks: the --getX ioctls, --report's table with vda1's start sector, --setro/--setrw (BLKROSET) refusing writes, and an unknown command.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';

const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');

describe('blockdev', () => {
  const m = new Machine({ dts, dtsName: 'default.dts' });
  m.boot();

  it('--getsize64 --getss --getsz --getro print one number each, per device', () => {
    expect(m.runCommand('blockdev --getsize64 --getss --getsz --getro /dev/vda /dev/vda1').output).toBe('1073741824\n512\n2097152\n0\n1072693248\n512\n2095104\n0\n');
  });

  it('--report: the table util-linux prints, partitions with their start sector', () => {
    expect(m.runCommand('blockdev --report /dev/vda /dev/vda1').output).toBe([
      'RO    RA   SSZ   BSZ        StartSec            Size   Device',
      'rw   256   512  4096               0      1073741824   /dev/vda',
      'rw   256   512  4096            2048      1072693248   /dev/vda1', '',
    ].join('\n'));
  });

  it('--setro makes the disk refuse a writer and shows in /sys/block/X/ro; --setrw undoes it', () => {
    const r = m.runCommand('blockdev --setro /dev/vdb; blockdev --getro /dev/vdb; cat /sys/block/vdb/ro; dd if=/dev/zero of=/dev/vdb bs=512 count=1 2>&1 | head -1; blockdev --setrw /dev/vdb; blockdev --getro /dev/vdb');
    expect(r.output).toMatch(/^1\n1\ndd: failed to open '\/dev\/vdb': Permission denied\n0\n$/);
  });

  it('an unknown command is refused with the usage', () => {
    const r = m.runCommand('blockdev --bogus /dev/vda; echo rc=$?');
    expect(r.output).toContain('blockdev: Unknown command: --bogus\n');
    expect(r.output).toContain('rc=1');
  });
});
