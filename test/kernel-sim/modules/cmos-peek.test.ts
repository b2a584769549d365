// The PC's CMOS chip (hw/rtc/mc146818rtc.ts, on the ICH9 LPC bridge at 0x70/0x71) through the APIs Linux's drivers/char/nvram.c uses, proved by our own
// fixture (test/fixtures/drivers/cmos-peek; the unmodified nvram.c runs in the corpus bench, from Linux's source), and rtc-cmos sharing the chip.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Machine } from '../../../kernel-sim/machine.ts';
import { machine_hw } from '../../../kernel-sim/machine/hardware.ts';
import type { ICH9LPCState } from '../../../kernel-sim/hw/isa/lpc_ich9.ts';
import { ROOT } from '../toolchain/helpers.ts';
import { driver, sh } from './helpers.ts';

/** The default machine, booted: its LPC bridge carries the RTC. */
function bootPc(): Machine {
  const m = new Machine({ dts: readFileSync(join(ROOT, 'resources/machines/default.dts'), 'utf8'), dtsName: 'default.dts' });
  m.boot();
  return m;
}

/** The CMOS chip's 128 bytes, as the machine's ICH9 bridge holds them. */
const cmos = (m: Machine): Uint8Array => m.inspect(() => (machine_hw()!.devices.find((d) => d.compatible === 'intel,ich9-lpc')!.dev as ICH9LPCState).rtc!.cmos_data)!;

describe('the CMOS chip through the APIs drivers/char/nvram.c uses', () => {
  it('a module reads and writes CMOS bytes 14-127 with rtc_cmos_read/write, seeks with generic_file_llseek_size and reports through proc_create_single_data', async () => {
    const m = bootPc();
    m.putFile('/root/cmos_peek.ko', await driver('cmos-peek'));
    expect(sh(m, 'insmod /root/cmos_peek.ko; echo rc=$?; grep -c cmos_peek /proc/misc')).toBe('rc=0\n1\n');
    const chip = cmos(m);
    const hex = (b: Iterable<number>): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');
    expect(sh(m, 'wc -c < /dev/cmos_peek')).toBe('114\n');
    expect(sh(m, 'head -c 5 /dev/cmos_peek | od -An -tx1').trim()).toBe(hex(chip.subarray(14, 19)));
    const sum = chip.subarray(14).reduce((a, b) => a + b, 0);
    expect(sh(m, 'cat /proc/driver/cmos_peek')).toBe(`cmos: 114 bytes, sum ${sum}, checksum ${hex([chip[46]!])} ${hex([chip[47]!])}\n`);
    // A write at offset 100 lands in CMOS bytes 114-116; past the end a read gives nothing and a write ENOSPC.
    sh(m, 'printf kwb | dd of=/dev/cmos_peek bs=1 seek=100 conv=notrunc 2>/dev/null');
    expect(new TextDecoder().decode(cmos(m).subarray(114, 117))).toBe('kwb');
    expect(sh(m, 'dd if=/dev/cmos_peek bs=1 skip=200 2>/dev/null | wc -c')).toBe('0\n');
    expect(sh(m, 'printf x | dd of=/dev/cmos_peek bs=1 seek=114 conv=notrunc 2>&1 | head -1')).toMatch(/No space left on device/);
    expect(sh(m, 'rmmod cmos_peek; echo rc=$?; ls /proc/driver/cmos_peek 2>&1 | wc -l')).toBe('rc=0\n1\n');
  }, 300_000);

  it('rtc-cmos drives the same chip: wakealarm programs its alarm registers and AIE, /proc/driver/rtc reads its control register', () => {
    const m = bootPc();
    const rtc = (): Uint8Array => cmos(m);
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
