// Models linux/arch/x86/kernel/rtc.c: CMOS register access through the RTC's index and data ports (rtc_cmos_read/rtc_cmos_write, CMOS_READ/CMOS_WRITE of asm/mc146818rtc.h) and rtc_lock, which serializes every such pair.
import { inb, outb } from '../io.ts';
import { ksymbol, kwrite_u32 } from '../../../mm/kmem.ts';
import { offsetOf, sizeOf } from '../../../toolchain/layouts/access.ts';
import { EXPORT_KAPI, EXPORT_KDATA } from '../../../kernel/kapi/registry.ts';

/** RTC_PORT(0): the index register (bit 7 would mask NMIs); RTC_PORT(1) is the data register. */
export const RTC_PORT = (x: number): number => 0x70 + x;

/** rtc_cmos_read(): select the register, read it back. The caller holds rtc_lock. */
export function rtc_cmos_read(addr: number): number {
  outb(addr & 0xff, RTC_PORT(0));
  return inb(RTC_PORT(1));
}

/** rtc_cmos_write(): select the register, write it. The caller holds rtc_lock. */
export function rtc_cmos_write(val: number, addr: number): void {
  outb(addr & 0xff, RTC_PORT(0));
  outb(val & 0xff, RTC_PORT(1));
}

/** DEFINE_SPINLOCK()'s initializer: unlocked, SPINLOCK_MAGIC, no owner CPU, SPINLOCK_OWNER_INIT. */
function spinlock_init(a: number): void {
  kwrite_u32(a + offsetOf('raw_spinlock', 'magic'), 0xdead4ead);
  kwrite_u32(a + offsetOf('raw_spinlock', 'owner_cpu'), 0xffffffff);
  kwrite_u32(a + offsetOf('raw_spinlock', 'owner'), 0xffffffff);
}

export const ksymtab = [
  ...EXPORT_KAPI({ rtc_cmos_read, rtc_cmos_write }),
  EXPORT_KDATA('rtc_lock', () => ksymbol('rtc_lock', sizeOf('spinlock'), spinlock_init)),
];
