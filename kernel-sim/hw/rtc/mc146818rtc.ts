// Models QEMU hw/rtc/mc146818rtc.c with hw/i386/pc.c's pc_cmos_init: the PC's CMOS clock chip at I/O ports 0x70 (index) and 0x71 (data) — the date registers read from virtual time, control registers A-D, and the 114 bytes of battery-backed RAM the firmware fills.
import { MemoryRegion } from '../core/memory.ts';
import { DeviceState, type HwContext } from '../core/qdev.ts';
import { type VMStateDescription, vmstate_info_buffer, vmstate_info_scalar } from '../core/vmstate.ts';

export const RTC_ISA_BASE = 0x70;
/** Register numbers (include/linux/mc146818rtc.h's names). */
export const RTC_SECONDS = 0, RTC_SECONDS_ALARM = 1, RTC_MINUTES = 2, RTC_MINUTES_ALARM = 3, RTC_HOURS = 4, RTC_HOURS_ALARM = 5;
export const RTC_DAY_OF_WEEK = 6, RTC_DAY_OF_MONTH = 7, RTC_MONTH = 8, RTC_YEAR = 9;
export const RTC_REG_A = 10, RTC_REG_B = 11, RTC_REG_C = 12, RTC_REG_D = 13;
/** The century byte QEMU keeps (RTC_CENTURY, as the FADT's century field names it). */
export const RTC_CENTURY = 0x32;
export const REG_A_UIP = 0x80;
export const REG_B_SET = 0x80, REG_B_PIE = 0x40, REG_B_AIE = 0x20, REG_B_UIE = 0x10, REG_B_SQWE = 0x08, REG_B_DM = 0x04, REG_B_24H = 0x02;
export const REG_D_VRT = 0x80;
/** The update cycle: UIP rises 244 us before the seconds change (the datasheet's t_BUC). */
const UIP_HOLD_NS = 244_000;
const NS_PER_SEC = 1_000_000_000;
/**
 * The date the chip holds at power-on: 2026-01-01T00:00:00Z, the same fixed setting the kernel's timekeeping starts
 * CLOCK_REALTIME from (QEMU's -rtc base= with a fixed date, so every boot of a machine reads the same clock).
 */
export const RTC_BASE_SECONDS = 1_767_225_600;

/** Broken-down UTC time as the chip's registers count it: month 1-12, day of week 1-7 (Sunday 1), full year. */
interface chip_tm { year: number; mon: number; mday: number; wday: number; hour: number; min: number; sec: number }

/** Days since 1970-01-01 of a civil date (month 1-12). */
function days_from_civil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400), yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** gmtime(): seconds since the epoch to the registers' fields. */
function chip_gmtime(t: number): chip_tm {
  const days = Math.floor(t / 86400), s = t - days * 86400;
  // The inverse of days_from_civil by search from an estimate: at most two steps either way.
  let year = 1970 + Math.floor(days / 365.2425);
  while (days_from_civil(year, 1, 1) > days) year--;
  while (days_from_civil(year + 1, 1, 1) <= days) year++;
  let mon = 1;
  while (mon < 12 && days_from_civil(year, mon + 1, 1) <= days) mon++;
  return {
    year, mon, mday: days - days_from_civil(year, mon, 1) + 1, wday: ((days + 4) % 7) + 1,
    hour: Math.floor(s / 3600), min: Math.floor((s % 3600) / 60), sec: s % 60,
  };
}

export class MC146818RtcState extends DeviceState {
  readonly type_info = { name: 'mc146818rtc', desc: 'MC146818 real-time clock with CMOS RAM' };
  /** The 128 bytes behind the index register: date, alarm and control registers, then NVRAM. */
  readonly cmos_data = new Uint8Array(128);
  cmos_index = 0;
  /** Seconds the clock is ahead of RTC_BASE_SECONDS + virtual time (what the guest set). */
  offset_s = 0;
  readonly io: MemoryRegion;

  constructor(ctx: HwContext, id: string, private readonly firmware: { ram_size: number; smp_cpus: number }) {
    super(ctx, id);
    const valid = { min_access_size: 1, max_access_size: 1, check: (_o: number, s: number) => (s !== 1 ? 'the RTC index and data ports are 8 bits wide: use inb/outb' : null) };
    this.io = new MemoryRegion(this, 'rtc', 2, {
      read: (o) => (o === 0 ? 0xff : this.cmos_ioport_read()),
      write: (o, v) => { if (o === 0) this.cmos_index = Number(v) & 0x7f; else this.cmos_ioport_write(Number(v) & 0xff); },
      valid,
    });
  }

  private now_s(): number { return RTC_BASE_SECONDS + this.offset_s + Math.floor(this.ctx.clock.now_ns() / NS_PER_SEC); }

  /** A date field as the data mode of register B has it: BCD unless DM is set. */
  private to_reg(v: number): number { return this.cmos_data[RTC_REG_B]! & REG_B_DM ? v : ((Math.floor(v / 10) << 4) | (v % 10)); }
  private from_reg(v: number): number { return this.cmos_data[RTC_REG_B]! & REG_B_DM ? v : ((v >> 4) * 10 + (v & 0x0f)); }

  /** rtc_set_cmos(): the date registers (and century) from a time, in the current data and hour modes. */
  private rtc_set_cmos(t: number): void {
    const tm = chip_gmtime(t), d = this.cmos_data;
    d[RTC_SECONDS] = this.to_reg(tm.sec);
    d[RTC_MINUTES] = this.to_reg(tm.min);
    if (d[RTC_REG_B]! & REG_B_24H) d[RTC_HOURS] = this.to_reg(tm.hour);
    else d[RTC_HOURS] = this.to_reg(tm.hour % 12 || 12) | (tm.hour >= 12 ? 0x80 : 0);
    d[RTC_DAY_OF_WEEK] = this.to_reg(tm.wday);
    d[RTC_DAY_OF_MONTH] = this.to_reg(tm.mday);
    d[RTC_MONTH] = this.to_reg(tm.mon);
    d[RTC_YEAR] = this.to_reg(tm.year % 100);
    d[RTC_CENTURY] = this.to_reg(Math.floor(tm.year / 100));
  }

  /** rtc_set_time(): the guest wrote the date registers; the clock runs on from what they say. */
  private rtc_set_time(): void {
    const d = this.cmos_data;
    let hour = this.from_reg(d[RTC_HOURS]! & 0x7f);
    if (!(d[RTC_REG_B]! & REG_B_24H)) hour = (hour % 12) + (d[RTC_HOURS]! & 0x80 ? 12 : 0);
    const year = this.from_reg(d[RTC_CENTURY]!) * 100 + this.from_reg(d[RTC_YEAR]!);
    const t = days_from_civil(year, this.from_reg(d[RTC_MONTH]!), this.from_reg(d[RTC_DAY_OF_MONTH]!)) * 86400
      + hour * 3600 + this.from_reg(d[RTC_MINUTES]!) * 60 + this.from_reg(d[RTC_SECONDS]!);
    this.offset_s += t - this.now_s();
  }

  /** While SET holds the updates, reads see what was written; otherwise the live date. */
  private updating(): boolean { return !(this.cmos_data[RTC_REG_B]! & REG_B_SET); }

  cmos_ioport_read(): number {
    const i = this.cmos_index, d = this.cmos_data;
    switch (i) {
      case RTC_SECONDS: case RTC_MINUTES: case RTC_HOURS: case RTC_DAY_OF_WEEK: case RTC_DAY_OF_MONTH: case RTC_MONTH: case RTC_YEAR: case RTC_CENTURY:
        if (this.updating()) this.rtc_set_cmos(this.now_s());
        return d[i]!;
      case RTC_REG_A: {
        // UIP: the last 244 us of each second, while the divider runs and SET does not hold the updates.
        const frac = this.ctx.clock.now_ns() % NS_PER_SEC;
        const uip = this.updating() && (d[RTC_REG_A]! & 0x70) === 0x20 && frac >= NS_PER_SEC - UIP_HOLD_NS;
        return (d[RTC_REG_A]! & ~REG_A_UIP) | (uip ? REG_A_UIP : 0);
      }
      case RTC_REG_C: {
        // Flags clear on read. The alarm, periodic and update interrupts are raised by the kernel's rtc-cmos timers, not here.
        const v = d[RTC_REG_C]!;
        d[RTC_REG_C] = 0;
        return v;
      }
      default:
        return d[i]!;
    }
  }

  cmos_ioport_write(v: number): void {
    const i = this.cmos_index, d = this.cmos_data;
    switch (i) {
      case RTC_SECONDS: case RTC_MINUTES: case RTC_HOURS: case RTC_DAY_OF_WEEK: case RTC_DAY_OF_MONTH: case RTC_MONTH: case RTC_YEAR: case RTC_CENTURY:
        // Writing one field while the clock runs: the others are what it reads now.
        if (this.updating()) this.rtc_set_cmos(this.now_s());
        d[i] = v;
        if (this.updating()) this.rtc_set_time();
        return;
      case RTC_REG_A:
        d[i] = (v & ~REG_A_UIP) | (d[i]! & REG_A_UIP);
        return;
      case RTC_REG_B: {
        const was_set = !this.updating();
        // Setting SET latches the live date into the registers for the guest to rewrite; clearing it starts the clock from them.
        if (!was_set && v & REG_B_SET) this.rtc_set_cmos(this.now_s());
        d[i] = v;
        if (was_set && !(v & REG_B_SET)) this.rtc_set_time();
        return;
      }
      case RTC_REG_C: case RTC_REG_D:
        return; // read-only
      default:
        d[i] = v;
    }
  }

  /** rtc_reset(): a machine reset turns the interrupts off; the clock and the battery-backed RAM go on as they were. */
  reset(): void {
    this.cmos_data[RTC_REG_B] &= ~(REG_B_PIE | REG_B_AIE | REG_B_SQWE);
    this.cmos_data[RTC_REG_C] = 0;
  }

  /** Power-on (realize): 32.768 kHz divider at 1024 Hz, 24-hour BCD, no interrupts, valid RAM and time — then pc_cmos_init's bytes. */
  override realize(): void {
    super.realize();
    const d = this.cmos_data;
    d.fill(0);
    this.cmos_index = 0;
    this.offset_s = 0;
    d[RTC_REG_A] = 0x26;
    d[RTC_REG_B] = REG_B_24H;
    d[RTC_REG_D] = REG_D_VRT;
    this.rtc_set_cmos(this.now_s());
    pc_cmos_init(d, this.firmware.ram_size, this.firmware.smp_cpus);
  }

  readonly vmsd: VMStateDescription<MC146818RtcState> = {
    name: 'mc146818rtc',
    fields: [['cmos_data', vmstate_info_buffer], ['cmos_index', vmstate_info_scalar], ['offset_s', vmstate_info_scalar]],
  };
}

/**
 * pc_cmos_init() and pc_cmos_init_late() for q35: what SeaBIOS and the OS read from CMOS RAM — no floppy drive and no
 * IDE disk, an FPU and a PS/2 mouse in the equipment byte, the memory sizes below 4 GiB, the CPU count and the boot
 * order "cad". QEMU writes no checksum at 0x2e/0x2f, so the PC checksum over 0x10-0x2d does not match on this machine either.
 */
function pc_cmos_init(d: Uint8Array, ram_size: number, smp_cpus: number): void {
  const KiB = 1024, MiB = 1024 * KiB, GiB = 1024 * MiB;
  // pc_q35_init(): RAM below 4 GiB ends at 2.75 GiB, or at 2 GiB once there is that much (the rest goes above 4 GiB).
  const below_4g = ram_size >= 0xb0000000 ? 2 * GiB : ram_size;
  const above_4g = ram_size - below_4g;
  const set16 = (at: number, v: number): void => { d[at] = v & 0xff; d[at + 1] = (v >> 8) & 0xff; };
  set16(0x15, Math.min(below_4g / KiB, 640));
  const ext = Math.min(below_4g > MiB ? (below_4g - MiB) / KiB : 0, 65535);
  set16(0x17, ext);
  set16(0x30, ext);
  set16(0x34, Math.min(below_4g > 16 * MiB ? (below_4g - 16 * MiB) / (64 * KiB) : 0, 65535));
  const hi = Math.floor(above_4g / (64 * KiB));
  d[0x5b] = hi & 0xff; d[0x5c] = (hi >> 8) & 0xff; d[0x5d] = (hi >> 16) & 0xff;
  d[0x5f] = Math.max(smp_cpus - 1, 0);
  // boot_device2nibble: 'c' disk 2, 'a' floppy 1, 'd' CD-ROM 3; 0x38 bit 0 set would skip the floppy signature check.
  d[0x3d] = (1 << 4) | 2;
  d[0x38] = 3 << 4;
  d[0x14] = 0x02 | 0x04; // REG_EQUIPMENT_BYTE: FPU, PS/2 mouse
}
