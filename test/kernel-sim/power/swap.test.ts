// Swap areas (mm/swapfile.ts) and util-linux's mkswap, swapon and swapoff on the default machine's vdb: the header check and its errors as 6.1 returns them, /proc/swaps, SwapTotal/SwapFree, the "Adding ...k swap" line, priorities, blkid's TYPE="swap", ETXTBSY for writes to an active swap device (not the hibernation one), a swap file on ext2 (bmap) and on tmpfs (refused), swapon -a from /etc/fstab, -s and --show.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';
import { dmesg, run } from '../core/harness.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import type { Libc } from '../../../kernel-sim/user/lib/libc.ts';
import { EINVAL, EPERM, ETXTBSY } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import { O_WRONLY } from '../../../kernel-sim/include/uapi/stat.ts';

/** A system call's return from a guest process. */
function sys(m: Machine, fn: (c: Libc) => KGen<number>): number {
  let ret = 0;
  run(m, function* (c): KGen<number> { ret = yield* fn(c); return 0; });
  return ret;
}

const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');

describe('swap on vdb1', () => {
  const m = new Machine({ dts, dtsName: 'default.dts' });
  m.boot();
  const sh = (cmd: string): string => m.runCommand(cmd).output;
  sh('printf "label: dos\\n,64M,S\\n,,S\\n" | sfdisk /dev/vdb >/dev/null');

  it('mkswap writes a v1 header with util-linux\'s report', () => {
    const out = sh('mkswap -L swap1 -U 11111111-2222-3333-4444-555555555555 /dev/vdb1; echo rc=$?');
    expect(out).toBe('Setting up swapspace version 1, size = 64 MiB (67104768 bytes)\nLABEL=swap1, UUID=11111111-2222-3333-4444-555555555555\nrc=0\n');
  });

  it('swapon adds the area: dmesg, /proc/swaps, meminfo', () => {
    const from = dmesg(m).length;
    expect(sh('swapon /dev/vdb1; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m).slice(from)).toEqual(['Adding 65532k swap on /dev/vdb1.  Priority:-2 extents:1 across:65532k FS']);
    expect(sh('cat /proc/swaps')).toBe('Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/dev/vdb1                               partition\t65532\t\t0\t\t-2\n');
    expect(sh('grep Swap /proc/meminfo')).toBe('SwapCached:            0 kB\nSwapTotal:         65532 kB\nSwapFree:          65532 kB\n');
    expect(sh('swapon --show')).toBe('NAME      TYPE      SIZE USED PRIO\n/dev/vdb1 partition  64M   0B   -2\n');
  });

  it('swapon twice is EBUSY; a device without the signature is EINVAL with the kernel\'s reason; bad flags EINVAL; non-root EPERM', () => {
    expect(sh('swapon /dev/vdb1; echo rc=$?')).toBe('swapon: /dev/vdb1: swapon failed: Device or resource busy\nrc=255\n');
    // swapon(8) refuses a device without a signature itself; swapon(2) says why in the kernel log.
    expect(sh('swapon /dev/vdb2; echo rc=$?')).toBe('swapon: /dev/vdb2: read swap header failed\nrc=255\n');
    const from = dmesg(m).length;
    expect(sys(m, (c) => c.swapon('/dev/vdb2', 0))).toBe(-EINVAL);
    expect(dmesg(m).slice(from)).toEqual(['Unable to find swap-space signature']);
    expect(sys(m, (c) => c.swapon('/dev/vdb2', 0x80000))).toBe(-EINVAL);
    expect(sys(m, function* (c) { yield* c.syscall('setuid', 1000); return yield* c.swapon('/dev/vdb1', 0); })).toBe(-EPERM);
    expect(sys(m, (c) => c.swapoff('/dev/vdb2'))).toBe(-EINVAL);
    // A mounted filesystem holds its device exclusively: swapon(2) is EBUSY.
    expect(sh('mkfs.ext2 -q /dev/vdb2; mount /dev/vdb2 /mnt; mkswap -f /dev/vdb2 >/dev/null 2>&1; echo rc=$?; umount /mnt')).toBe('rc=1\n');
  });

  it('a swap file on a filesystem without bmap is refused as 6.1 refuses tmpfs\'s: "swapfile has holes", EINVAL', () => {
    const from = dmesg(m).length;
    expect(sh('dd if=/dev/zero of=/tmp/sf bs=4096 count=16 2>/dev/null; chmod 600 /tmp/sf; mkswap /tmp/sf >/dev/null; swapon /tmp/sf; echo rc=$?')).toBe('swapon: /tmp/sf: swapon failed: Invalid argument\nrc=255\n');
    expect(dmesg(m).slice(from)).toEqual(['swapon: swapfile has holes']);
  });

  it('a swap file on ext2 is mapped through bmap: a "file" line in /proc/swaps, its extents and span', () => {
    const from = dmesg(m).length;
    expect(sh('dd if=/dev/zero of=/swapfile bs=4096 count=256 2>/dev/null; chmod 600 /swapfile; mkswap /swapfile >/dev/null; swapon /swapfile; echo rc=$?')).toBe('rc=0\n');
    const line = dmesg(m).slice(from).find((l) => l.startsWith('Adding'));
    expect(line).toMatch(/^Adding 1020k swap on \/swapfile\.  Priority:-\d+ extents:\d+ across:\d+k FS$/);
    expect(Number(/extents:(\d+)/.exec(line!)![1])).toBeGreaterThanOrEqual(1);
    expect(sh('grep swapfile /proc/swaps')).toMatch(/^\/swapfile {31}file\t\t1020\t\t0\t\t-\d+\n$/);
    expect(sh('swapoff /swapfile; echo rc=$?; rm /swapfile')).toBe('rc=0\n');
  });

  it('a second area takes the next priority; swapoff gives it back; -p sets one; -s summarises', () => {
    expect(sh('mkswap /dev/vdb2 >/dev/null; swapon /dev/vdb2; swapon -s')).toBe(
      'mkswap: /dev/vdb2: warning: wiping old ext2 signature.\n' +
      'Filename\t\t\t\tType\t\tSize\tUsed\tPriority\n' +
      `${'/dev/vdb1'.padEnd(39)}\tpartition\t65532\t0\t-2\n${'/dev/vdb2'.padEnd(39)}\tpartition\t64508\t0\t-3\n`);
    expect(sh('grep SwapTotal /proc/meminfo')).toBe(`SwapTotal:        ${65532 + 64508} kB\n`);
    expect(sh('swapoff /dev/vdb1; echo rc=$?; swapoff /dev/vdb1; echo rc=$?')).toBe('rc=0\nswapoff: /dev/vdb1: swapoff failed: Invalid argument\nrc=4\n');
    // vdb2 moved up to -2, the next area without a priority is -3 again, and it takes the freed swap_info[0] slot,
    // which /proc/swaps lists first.
    expect(sh('swapon /dev/vdb1; cat /proc/swaps')).toBe('Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n' +
      '/dev/vdb1                               partition\t65532\t\t0\t\t-3\n/dev/vdb2                               partition\t64508\t\t0\t\t-2\n');
    expect(sh('swapoff -a; echo rc=$?; swapon -p 7 /dev/vdb1; cat /proc/swaps | tail -1')).toBe('rc=0\n/dev/vdb1                               partition\t65532\t\t0\t\t7\n');
    expect(sh('swapoff /dev/vdb1; grep SwapTotal /proc/meminfo')).toBe('SwapTotal:             0 kB\n');
  });

  it('swapon -a enables /etc/fstab\'s swap lines (by LABEL=, with pri=), skipping noauto and active ones', () => {
    sh('printf "LABEL=swap1 none swap sw,pri=5 0 0\\n/dev/vdb2 none swap noauto 0 0\\n" > /etc/fstab');
    expect(sh('swapon -a; echo rc=$?; swapon -a; echo rc=$?; swapon --show=NAME,PRIO')).toBe('rc=0\nrc=0\nNAME      PRIO\n/dev/vdb1    5\n');
    sh('swapoff -a; rm /etc/fstab');
  });

  it('blkid names a swap area by its header (TYPE="swap", LABEL, UUID); writes to an active swap device are ETXTBSY except on the hibernation device', () => {
    expect(sh('blkid /dev/vdb1')).toMatch(/^\/dev\/vdb1: LABEL="swap1" UUID="11111111-2222-3333-4444-555555555555" TYPE="swap" PARTUUID="[0-9a-f]{8}-01"\n$/);
    expect(sh('blkid -o export -s TYPE -s LABEL /dev/vdb1')).toBe('DEVNAME=/dev/vdb1\nLABEL=swap1\nTYPE=swap\n');
    const write = (): number => sys(m, function* (c) {
      const fd = yield* c.open('/dev/vdb1', O_WRONLY);
      if (fd < 0) return fd;
      const r = yield* c.write(fd, new Uint8Array(512));
      yield* c.close(fd);
      return r;
    });
    expect(sh('swapon /dev/vdb1; echo rc=$?')).toBe('rc=0\n');
    // blkdev_write_iter: the open succeeds, the write does not; reads still do.
    expect(write()).toBe(-ETXTBSY);
    expect(sh('dd if=/dev/vdb1 of=/dev/null bs=4096 count=1 2>&1 | tail -1')).toMatch(/^4096 bytes .* copied/);
    expect(sh('swapoff /dev/vdb1; echo rc=$?')).toBe('rc=0\n');
    expect(write()).toBe(512);
    // The device hibernation resumes from stays writable while it is a swap area (uswsusp writes its image there).
    expect(sh('swapon /dev/vdb1; cat /sys/class/block/vdb1/dev > /sys/power/resume; echo rc=$?')).toBe('rc=0\n');
    expect(write()).toBe(512);
    sh('swapoff /dev/vdb1');
  });
});
