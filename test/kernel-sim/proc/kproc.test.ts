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

describe('/proc/softirqs', () => {
  const rows = (): Map<string, number[]> => new Map(sh(m, 'cat /proc/softirqs').trim().split('\n').slice(1)
    .map((l) => { const [name, rest] = l.split(':'); return [name.trim(), rest.trim().split(/\s+/).map(Number)] as [string, number[]]; }));
  const total = (r: Map<string, number[]>, name: string): number => r.get(name)!.reduce((a, b) => a + b, 0);

  it('show_softirqs\'s layout: a column per CPU, the ten softirqs in their order', () => {
    const text = sh(m, 'cat /proc/softirqs');
    expect(text.split('\n')[0]).toBe(`${' '.repeat(20)}CPU0       CPU1       `);
    expect(text.split('\n').slice(1, 11).map((l) => l.slice(0, 13))).toEqual(
      ['HI', 'TIMER', 'NET_TX', 'NET_RX', 'BLOCK', 'IRQ_POLL', 'TASKLET', 'SCHED', 'HRTIMER', 'RCU'].map((n) => `${n.padStart(12)}:`));
    expect(text.split('\n')[2]).toMatch(/^ {7}TIMER:( +\d+){2}$/);
  });

  it('counts move with what runs: timers expiring (once per jiffy), loopback receives, null_blk completions on its one queue', () => {
    const a = rows();
    // A write to vda arms the writeback's delayed work (a timer_list): TIMER runs; nanosleep's hrtimer alone would not.
    sh(m, 'dd if=/dev/zero of=/dev/vda bs=4096 count=8; sleep 6');
    const b = rows();
    expect(total(b, 'TIMER') - total(a, 'TIMER')).toBeGreaterThan(0);
    // Never more than one TIMER run per jiffy and CPU (HZ 250).
    expect(total(b, 'TIMER')).toBeLessThanOrEqual(2 * 250 * (Number(sh(m, 'cut -d. -f1 /proc/uptime')) + 1));
    sh(m, 'ip link set lo up; ping -c 2 127.0.0.1');
    const c = rows();
    // One NET_RX run per echo: the reply queued from inside the softirq is processed by the same net_rx_action.
    expect(total(c, 'NET_RX') - total(b, 'NET_RX')).toBeGreaterThanOrEqual(2);
    sh(m, 'modprobe null_blk; dd if=/dev/nullb0 of=/dev/null bs=4096 count=8 iflag=direct');
    const d = rows();
    expect(total(d, 'BLOCK') - total(c, 'BLOCK')).toBeGreaterThanOrEqual(8);
    // /proc/stat's softirq line is the same counters summed.
    const stat = /^softirq (.*)$/m.exec(sh(m, 'cat /proc/stat'))![1].split(' ').map(Number);
    const e = rows();
    const sums = [...e.values()].map((v) => v.reduce((x, y) => x + y, 0));
    expect(stat.slice(1)).toEqual(sums);
    expect(stat[0]).toBe(sums.reduce((x, y) => x + y, 0));
  });
});

describe('/proc/schedstat', () => {
  it('version 15, the jiffies timestamp, per CPU the sched_info counters (schedstats off: the rest 0) and its MC domain', () => {
    const read = (): string[] => sh(m, 'cat /proc/schedstat').trim().split('\n');
    const a = read();
    expect(a[0]).toBe('version 15');
    expect(a[1]).toMatch(/^timestamp \d+$/);
    expect(a.slice(2).map((l) => l.split(' ')[0])).toEqual(['cpu0', 'domain0', 'cpu1', 'domain0']);
    expect(a[3]).toBe(`domain0 3${' 0'.repeat(36)}`);
    const cpu = (lines: string[], n: number): number[] => lines.find((l) => l.startsWith(`cpu${n} `))!.split(' ').slice(1).map(Number);
    for (const n of [0, 1]) expect(cpu(a, n).slice(0, 6)).toEqual([0, 0, 0, 0, 0, 0]);
    sh(m, 'i=0; while [ $i -lt 50 ]; do i=$((i+1)); done');
    const b = read();
    // Time on the CPUs and times a task got one only grow; rq_cpu_time is what /proc/stat's busy time counts.
    const grew = [0, 1].map((n) => cpu(b, n)[6]! - cpu(a, n)[6]! + cpu(b, n)[8]! - cpu(a, n)[8]!);
    expect(grew.reduce((x, y) => x + y, 0)).toBeGreaterThan(0);
    for (const n of [0, 1]) for (const i of [6, 7, 8]) expect(cpu(b, n)[i]!).toBeGreaterThanOrEqual(cpu(a, n)[i]!);
    expect(Number(b[1].split(' ')[1])).toBeGreaterThan(Number(a[1].split(' ')[1]) - 1);
  });
});

describe('/proc/kallsyms', () => {
  it('vmlinux\'s exported functions (T) and objects (D) with addresses for root, then a module\'s symbols with [module]; zeros without CAP_SYSLOG, and for all with kptr_restrict 2', async () => {
    const { source } = await import('../modules/helpers.ts');
    const ko = await source('kallsyms_mod.c', `#include <linux/module.h>
#include <linux/init.h>
int kallsyms_mod_counter = 3;
EXPORT_SYMBOL(kallsyms_mod_counter);
int kallsyms_mod_get(void) { return kallsyms_mod_counter; }
EXPORT_SYMBOL(kallsyms_mod_get);
static int __init kallsyms_mod_init(void) { return 0; }
static void __exit kallsyms_mod_exit(void) { }
module_init(kallsyms_mod_init);
module_exit(kallsyms_mod_exit);
MODULE_LICENSE("GPL");
`);
    m.putFile('/tmp/kallsyms_mod.ko', ko);
    expect(sh(m, 'insmod /tmp/kallsyms_mod.ko; echo $?').trim()).toBe('0');
    const all = sh(m, 'cat /proc/kallsyms').trim().split('\n');
    const kmalloc = all.find((l) => / T __kmalloc$/.test(l) || / T kmalloc$/.test(l));
    expect(kmalloc).toMatch(/^ffffffff81[0-9a-f]{6} T /);
    expect(all.find((l) => l.endsWith(' D jiffies'))).toMatch(/^ffffffff82[0-9a-f]{6} D jiffies$/);
    // vmlinux's symbols are sorted by address, as kallsyms lists them.
    const vm = all.filter((l) => !l.includes('\t'));
    expect(vm.map((l) => BigInt(`0x${l.slice(0, 16)}`))).toEqual(vm.map((l) => BigInt(`0x${l.slice(0, 16)}`)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const mod = all.filter((l) => l.endsWith('\t[kallsyms_mod]'));
    expect(mod.some((l) => /^ffffffffc[0-9a-f]{7} T kallsyms_mod_get\t/.test(l))).toBe(true);
    expect(mod.some((l) => /^ffffffffc[0-9a-f]{7} t kallsyms_mod_init\t/.test(l))).toBe(true);
    expect(mod.some((l) => /^ffffffffc[0-9a-f]{7} D kallsyms_mod_counter\t/.test(l))).toBe(true);
    // The module's functions lie in the .text sections/.text shows (its first code is the linker's __wasm_call_ctors).
    const text = BigInt(sh(m, 'cat /sys/module/kallsyms_mod/sections/.text').trim());
    const first = BigInt(`0x${mod.filter((l) => / [tT] /.test(l)).map((l) => l.slice(0, 16)).sort()[0]}`);
    expect(first >= text && first < text + 0x1000n).toBe(true);
    // A reader without CAP_SYSLOG in the initial namespace (a new user namespace) reads zeros.
    expect(sh(m, 'unshare -U cat /proc/kallsyms | grep -c "^0000000000000000 "').trim()).toBe(String(all.length));
    sh(m, 'echo 2 > /proc/sys/kernel/kptr_restrict');
    expect(sh(m, 'grep -c "^0000000000000000 " /proc/kallsyms').trim()).toBe(String(all.length));
    sh(m, 'echo 0 > /proc/sys/kernel/kptr_restrict; rmmod kallsyms_mod');
    expect(sh(m, 'grep -c kallsyms_mod /proc/kallsyms').trim()).toBe('0');
  }, 120_000);
});
