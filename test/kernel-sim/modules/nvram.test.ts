// Linux 6.1's drivers/char/nvram.c, unmodified (test/fixtures/drivers/nvram), on the PC's CMOS chip (hw/rtc/mc146818rtc.ts,
// carried by the ICH9 LPC bridge at ports 0x70/0x71): /dev/nvram's reads, writes, seeks and ioctls, and /proc/driver/nvram.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Machine } from '../../../kernel-sim/machine.ts';
import { machine_hw } from '../../../kernel-sim/machine/hardware.ts';
import type { ICH9LPCState } from '../../../kernel-sim/hw/isa/lpc_ich9.ts';
import { ROOT } from '../toolchain/helpers.ts';
import { driver, program, sh, dmesg } from './helpers.ts';

/** The default machine, booted: its LPC bridge carries the RTC. */
function bootPc(): Machine {
  const m = new Machine({ dts: readFileSync(join(ROOT, 'resources/machines/default.dts'), 'utf8'), dtsName: 'default.dts' });
  m.boot();
  return m;
}

/** The default machine with the module and the test program in /root. */
async function pc(): Promise<Machine> {
  const m = bootPc();
  m.putFile('/root/nvram.ko', await driver('nvram'));
  m.putFile('/root/nvram_test', await program('test/fixtures/user/nvram_test.c'), 0o755);
  return m;
}

/** /proc/driver/nvram on this machine (pc_nvram_proc_read over CMOS bytes 14-127 as pc_cmos_init leaves them). */
const PROC_AT_BOOT = [
  'Checksum status: not valid', '# floppies     : 0', 'Floppy 0 type  : none', 'Floppy 1 type  : none', 'HD 0 type      : none', 'HD 1 type      : none',
  'HD type 48 data: 0/0/0 C/H/S, precomp 0, lz 0', 'HD type 49 data: 31/0/0 C/H/S, precomp 48, lz 0', 'DOS base memory: 640 kB',
  'Extended memory: 65535 kB (configured), 65535 kB (tested)', 'Gfx adapter    : EGA, VGA, ... (with BIOS)', 'FPU            : installed', '',
].join('\n');

describe('drivers/char/nvram.c on the CMOS chip', () => {
  it('loads as misc minor 144 with /proc/driver/nvram, serves /dev/nvram as nvram.c says, and unloads', async () => {
    const m = await pc();
    expect(sh(m, 'insmod /root/nvram.ko; echo rc=$?; stat -c "%t:%T %a" /dev/nvram; grep nvram /proc/misc')).toBe('rc=0\na:90 600\n144 nvram\n');
    expect(dmesg(m)).toContain('Non-volatile memory driver v1.3');
    expect(sh(m, 'cat /proc/driver/nvram')).toBe(PROC_AT_BOOT);
    expect(sh(m, '/root/nvram_test').split('\n')).toEqual([
      // QEMU leaves no checksum: reads are -EIO until NVRAM_SETCKS sums bytes 2-31 into 32-33.
      'read before SETCKS: -1 Input/output error',
      // Only one writer at a time while set_checksum exists.
      'second writer: -1 Device or resource busy',
      'SETCKS: 0', 'lseek 0: 0', 'read: 114',
      'equipment, base and extended memory: 06 80 02 ff ff', 'checksum: 02 86',
      // generic_file_llseek_size(..., MAX_LFS_FILESIZE, nvram_size): SEEK_END is 114; past it is allowed and reads nothing.
      'lseek end: 114', 'read at end: 0', 'lseek past end: 200', 'read past end: 0', 'lseek before start: -1 Invalid argument',
      'lseek -4 from end: 110', 'write 8 at 110: 4', 'lseek 50: 50', 'write: 3', 'lseek cur -3: 50', 'read back: 3 kwb',
      // Bytes outside 2-31 leave the checksum as it was.
      'checksum after write: 02 86', 'tail: 00 00 6b 77 62 6e',
      'INIT: 0', 'after INIT: 114 bytes, 0 nonzero', 'unknown ioctl: -1 Inappropriate ioctl for device',
      'O_EXCL open, then another: 1 1', '',
    ]);
    expect(sh(m, 'head -2 /proc/driver/nvram; tail -1 /proc/driver/nvram')).toBe('Checksum status: valid\n# floppies     : 0\nFPU            : not installed\n');
    expect(sh(m, 'rmmod nvram; echo rc=$?; ls /dev/nvram /proc/driver/nvram 2>&1 | wc -l; grep -c nvram /proc/misc')).toBe('rc=0\n2\n0\n');
  }, 300_000);

  it('NVRAM_INIT and NVRAM_SETCKS need CAP_SYS_ADMIN in the initial user namespace', async () => {
    const m = await pc();
    expect(sh(m, 'insmod /root/nvram.ko && chmod 666 /dev/nvram; unshare -U /root/nvram_test | grep -E "^(SETCKS|INIT|read:)"')).toBe('SETCKS: -1\nread: -1\nINIT: -1\n');
  }, 300_000);

  it('rtc-cmos drives the same chip: wakealarm programs its alarm registers and AIE, /proc/driver/rtc reads its control register', () => {
    const m = bootPc();
    const rtc = (): Uint8Array => m.inspect(() => (machine_hw()!.devices.find((d) => d.compatible === 'intel,ich9-lpc')!.dev as ICH9LPCState).rtc!.cmos_data)!;
    expect(rtc()[11]! & 0x20).toBe(0);
    // 2026-01-01 plus the boot's seconds: an alarm at 01:02:03 on the first day.
    sh(m, `echo ${1_767_225_600 + 3723} > /sys/class/rtc/rtc0/wakealarm`);
    expect([rtc()[5], rtc()[3], rtc()[1], rtc()[11]! & 0x20]).toEqual([0x01, 0x02, 0x03, 0x20]);
    sh(m, 'echo 0 > /sys/class/rtc/rtc0/wakealarm');
    expect(rtc()[11]! & 0x20).toBe(0);
    // The guest switches the chip to binary mode: cmos_procfs reports it.
    rtc()[11] = 0x06;
    expect(sh(m, 'grep BCD /proc/driver/rtc')).toBe('BCD\t\t: no\n');
  }, 300_000);
});
