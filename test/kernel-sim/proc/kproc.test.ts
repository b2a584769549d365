// The non-mm /proc files issue 15 adds, each from what the kernel models: /proc/tty/driver/serial (8250's ports as
// autoconfig found them on the UART models), /proc/driver/rtc, /proc/acpi/wakeup, /proc/softirqs, /proc/schedstat,
// /proc/timer_list, /proc/kallsyms.
import { describe, it, expect, beforeAll } from 'vitest';
import { q35, sh } from '../modules/helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';

let m: Machine;
beforeAll(() => { m = q35({}); }, 120_000);

describe('/proc/tty/driver/serial', () => {
  it('serinfo lines: ttyS0 a 16550A with its counters and modem lines, the three legacy ports without a UART unknown', () => {
    const before = sh(m, 'cat /proc/tty/driver/serial');
    const lines = before.trim().split('\n');
    expect(lines[0]).toBe('serinfo:1.0 driver revision:');
    expect(lines[1]).toMatch(/^0: uart:16550A port:000003F8 irq:4 tx:\d+ rx:\d+ RTS\|CTS\|DTR\|DSR\|CD$/);
    expect(lines.slice(2)).toEqual(['1: uart:unknown port:000002F8 irq:3', '2: uart:unknown port:000003E8 irq:4', '3: uart:unknown port:000002E8 irq:3']);
    // What the shell writes to the console tty counts as transmitted bytes.
    const tx = (s: string): number => Number(/tx:(\d+)/.exec(s)![1]);
    sh(m, 'echo 0123456789 > /dev/ttyS0');
    expect(tx(sh(m, 'cat /proc/tty/driver/serial')) - tx(before)).toBeGreaterThanOrEqual(11);
    expect(sh(m, 'ls -l /proc/tty/driver/serial')).toMatch(/^-r--r--r-- /);
  });
});

describe('/proc/driver/rtc', () => {
  const field = (text: string, name: string): string => new RegExp(`^${name}\\t+: (.*)$`, 'm').exec(text)![1];
  it('rtc_proc_show for rtc0 with cmos_procfs\'s lines; the alarm follows wakealarm', () => {
    const t = sh(m, 'cat /proc/driver/rtc');
    const [date, time] = [sh(m, 'cat /sys/class/rtc/rtc0/date').trim(), sh(m, 'cat /sys/class/rtc/rtc0/time').trim()];
    expect(field(t, 'rtc_date')).toBe(date);
    expect(field(t, 'rtc_time')).toBe(time);
    // The CMOS alarm registers hold 00:00:00 with no date: the next midnight, not armed.
    expect(field(t, 'alrm_time')).toBe('00:00:00');
    expect(field(t, 'alarm_IRQ')).toBe('no');
    expect(t.split('\n').slice(6).join('\n')).toBe([
      'update IRQ enabled\t: no', 'periodic IRQ enabled\t: no', 'periodic IRQ frequency\t: 1024', 'max user IRQ frequency\t: 64',
      '24hr\t\t: yes', 'periodic_IRQ\t: no', 'update_IRQ\t: no', 'HPET_emulated\t: yes', 'BCD\t\t: yes', 'DST_enable\t: no',
      'periodic_freq\t: 1024', 'batt_status\t: okay', ''].join('\n'));
    const now = Number(sh(m, 'cat /sys/class/rtc/rtc0/since_epoch'));
    sh(m, `echo ${now + 3600} > /sys/class/rtc/rtc0/wakealarm`);
    const armed = sh(m, 'cat /proc/driver/rtc');
    expect(field(armed, 'alarm_IRQ')).toBe('yes');
    const at = new Date((now + 3600) * 1000).toISOString();
    expect(`${field(armed, 'alrm_date')}T${field(armed, 'alrm_time')}`).toBe(at.slice(0, 19));
    sh(m, 'echo 0 > /sys/class/rtc/rtc0/wakealarm');
    const off = sh(m, 'cat /proc/driver/rtc');
    expect([field(off, 'alarm_IRQ'), field(off, 'alrm_date'), field(off, 'alrm_time')]).toEqual(['no', '1970-01-01', '00:00:00']);
  });
});

describe('/proc/acpi', () => {
  it('the directory acpi_bus_init makes and acpi/wakeup with its header: no device of the q35 DSDT has a _PRW', () => {
    expect(sh(m, 'ls /proc/acpi')).toBe('wakeup\n');
    expect(sh(m, 'cat /proc/acpi/wakeup')).toBe('Device\tS-state\t  Status   Sysfs node\n');
    expect(sh(m, 'ls -l /proc/acpi/wakeup')).toMatch(/^-rw-r--r-- /);
  });
});
