// Models linux/arch/x86/kernel/hpet.c with drivers/char/hpet.c's hpet_alloc: hpet_enable from late_time_init (the hpet clocksource, channel 0 as the legacy clock event device) and hpet_late_init (fs_initcall), which reserves the channels and announces the block.
import type { initcall_entry } from '../../../init/link_vmlinux.ts';
import { pr_info } from '../../../kernel/printk/printk.ts';
import { defineState } from '../../../kernel/state.ts';
import { account_ns } from '../../../kernel/time/timekeeping.ts';
import { acpi_get_table, table_u32 } from '../../../drivers/acpi/tables.ts';
import { clocksource_register_hz, CLOCKSOURCE_MASK, CLOCK_SOURCE_IS_CONTINUOUS, type clocksource } from '../../../kernel/time/clocksource.ts';
import { clockevents_config_and_register } from '../../../kernel/time/clockevents.ts';
import { CLOCK_EVT_FEAT_ONESHOT, CLOCK_EVT_FEAT_PERIODIC, CLOCK_EVT_STATE_DETACHED, KTIME_MAX } from '../../../kernel/time/tick-common.ts';
import { ioremap, readl, writel } from '../io.ts';

/** Register offsets and bits (arch/x86/include/asm/hpet.h). */
const HPET_ID = 0x000, HPET_PERIOD = 0x004, HPET_CFG = 0x010, HPET_COUNTER = 0x0f0;
const HPET_Tn_CFG = (n: number): number => 0x100 + 0x20 * n;
const HPET_ID_NUMBER = 0x1f00, HPET_ID_NUMBER_SHIFT = 8, HPET_ID_64BIT = 0x2000, HPET_ID_LEGSUP = 0x8000;
const HPET_CFG_ENABLE = 0x001, HPET_CFG_LEGACY = 0x002;
const HPET_TN_LEVEL = 0x002, HPET_TN_ENABLE = 0x004, HPET_TN_FSB = 0x4000;
const HPET_MMAP_SIZE = 1024;
/** Sane periods: 0.1 ns to 100 ns a tick (HPET_MIN_PERIOD, HPET_MAX_PERIOD). */
const HPET_MIN_PERIOD = 100_000, HPET_MAX_PERIOD = 100_000_000;
const FSEC_PER_SEC = 1e15;
/** HPET_MIN_PROG_DELTA: 1.5 times the 128 cycles a comparator write may need to land. */
const HPET_MIN_PROG_DELTA = 128 + 64;
/** drivers/char/hpet.c's hd_irq: channels 0 and 1 stand for the legacy PIT (GSI 2) and RTC (IRQ 8) interrupts. */
const HPET_LEGACY_8254 = 2, HPET_LEGACY_RTC = 8;

type hpet_mode = 'unused' | 'legacy' | 'clockevt' | 'device';

const hpetState = defineState('hpet', () => ({
  address: 0,
  virt: 0,
  period: 0,
  freq: 0,
  channels: [] as { mode: hpet_mode; irq: number; boot_cfg: number }[],
  nr_clockevents: 0,
}));

const hpet_readl = (off: number): number => readl(hpetState().virt + off);
const hpet_writel = (v: number, off: number): void => writel(v, hpetState().virt + off);

export const is_hpet_enabled = (): boolean => hpetState().virt !== 0;
export const hpet_period_fs = (): number => hpet_readl(HPET_PERIOD);
/** The main counter's low 32 bits, as tsc_read_refs and the clocksource read it. */
export const hpet_counter_read = (): number => hpet_readl(HPET_COUNTER);

function hpet_start_counter(): void { hpet_writel(hpet_readl(HPET_CFG) | HPET_CFG_ENABLE, HPET_CFG); }

/** hpet_restart_counter(): stopped, zeroed, started. */
function hpet_restart_counter(): void {
  hpet_writel(hpet_readl(HPET_CFG) & ~HPET_CFG_ENABLE, HPET_CFG);
  hpet_writel(0, HPET_COUNTER);
  hpet_writel(0, HPET_COUNTER + 4);
  hpet_start_counter();
}

/** hpet_counting(): the counter moves within a while (200000 TSC cycles in Linux: 100 us here). */
function hpet_counting(): boolean {
  hpet_restart_counter();
  const t1 = hpet_counter_read();
  account_ns(100_000);
  return hpet_counter_read() !== t1;
}

function clocksource_hpet(): clocksource {
  return {
    name: 'hpet', rating: 250, mask: CLOCKSOURCE_MASK(32), mult: 0, shift: 0, maxadj: 0, max_cycles: 0n, max_idle_ns: 0n,
    flags: CLOCK_SOURCE_IS_CONTINUOUS, read: () => BigInt(hpet_counter_read()),
  };
}

/** hpet_legacy_clockevent_register(): channel 0 on the boot CPU, periodic as Linux always assumes for the legacy channel. */
function hpet_legacy_clockevent_register(): void {
  hpet_writel(hpet_readl(HPET_CFG) | HPET_CFG_LEGACY, HPET_CFG);
  clockevents_config_and_register({
    name: 'hpet', features: CLOCK_EVT_FEAT_ONESHOT | CLOCK_EVT_FEAT_PERIODIC, rating: 50, cpu: 0, irq: 0,
    mult: 0, shift: 0, min_delta_ticks: 0, max_delta_ticks: 0, min_delta_ns: 0n, max_delta_ns: 0n,
    state: CLOCK_EVT_STATE_DETACHED, next_event: KTIME_MAX, retries: 0, event_handler: '',
    ops: {
      set_next_event: 'hpet_clkevt_set_next_event', shutdown: 'hpet_clkevt_set_state_shutdown', periodic: 'hpet_clkevt_set_state_periodic',
      oneshot: 'hpet_clkevt_set_state_oneshot', resume: 'hpet_clkevt_legacy_resume',
    },
  }, hpetState().freq, HPET_MIN_PROG_DELTA, 0x7fffffff, 0);
}

/** hpet_enable(): the block the ACPI HPET table names, checked, as the hpet clocksource and the legacy tick. */
export function hpet_enable(): boolean {
  const st = hpetState();
  const t = acpi_get_table('HPET');
  // acpi_parse_hpet(): the base address in the table's generic address structure.
  st.address = t ? table_u32(t, 44) : 0;
  if (!st.address) return false;
  st.virt = ioremap(st.address, HPET_MMAP_SIZE, 'hpet_set_mapping');
  st.period = hpet_readl(HPET_PERIOD);
  if (st.period < HPET_MIN_PERIOD || st.period > HPET_MAX_PERIOD) { st.virt = 0; return false; }
  st.freq = Math.floor(FSEC_PER_SEC / st.period);
  const id = hpet_readl(HPET_ID);
  const channels = ((id & HPET_ID_NUMBER) >> HPET_ID_NUMBER_SHIFT) + 1;
  // Whatever the firmware left on: the counter stops, legacy routing and each channel's interrupts go off.
  hpet_writel(hpet_readl(HPET_CFG) & ~(HPET_CFG_ENABLE | HPET_CFG_LEGACY), HPET_CFG);
  st.channels = [];
  for (let i = 0; i < channels; i++) {
    const boot_cfg = hpet_readl(HPET_Tn_CFG(i));
    hpet_writel(boot_cfg & ~(HPET_TN_ENABLE | HPET_TN_LEVEL | HPET_TN_FSB), HPET_Tn_CFG(i));
    st.channels.push({ mode: 'unused', irq: 0, boot_cfg });
  }
  if (!hpet_counting()) { st.virt = 0; return false; }
  clocksource_register_hz(clocksource_hpet(), st.freq);
  if (id & HPET_ID_LEGSUP) {
    hpet_legacy_clockevent_register();
    st.channels[0]!.mode = 'legacy';
    // CONFIG_HPET_EMULATE_RTC: channel 1 stands in for the RTC's periodic interrupt.
    if (st.channels[1]) st.channels[1].mode = 'legacy';
  }
  return true;
}

/**
 * hpet_select_clockevents(): per-CPU channels need MSI (FSB) delivery, which QEMU's HPET does not offer, and no
 * always-running APIC timer (qemu64 has no ARAT) — so none are taken, as the line says.
 */
function hpet_select_clockevents(): void {
  const st = hpetState();
  st.nr_clockevents = 0;
  pr_info(`hpet: ${st.channels.length} channels of ${st.nr_clockevents} reserved for per-cpu timers`);
}

/** drivers/char/hpet.c's hpet_alloc(): /dev/hpet's view of the block, announced with its IRQs and counter. */
function hpet_alloc(irqs: number[]): void {
  const st = hpetState();
  const cap = hpet_readl(HPET_ID);
  const ntimer = ((cap & HPET_ID_NUMBER) >> HPET_ID_NUMBER_SHIFT) + 1;
  const tick_freq = Math.floor(FSEC_PER_SEC / hpet_readl(HPET_PERIOD));
  pr_info(`hpet0: at MMIO 0x${st.address.toString(16)}, IRQ${ntimer > 1 ? 's' : ''} ${irqs.slice(0, ntimer).join(', ')}`);
  pr_info(`hpet0: ${ntimer} comparators, ${cap & HPET_ID_64BIT ? 64 : 32}-bit ${Math.floor(tick_freq / 1e6)}.${String(tick_freq % 1e6).padStart(6, '0')} MHz counter`);
  if (!(hpet_readl(HPET_CFG) & HPET_CFG_ENABLE)) hpet_start_counter();
}

/** hpet_late_init() (fs_initcall): the first unused channel for /dev/hpet, the per-CPU choice, the platform timers. */
function hpet_late_init(): number {
  const st = hpetState();
  if (!st.virt) return -19;
  const free = st.channels.find((c) => c.mode === 'unused');
  if (free) free.mode = 'device';
  hpet_select_clockevents();
  // hpet_reserve_platform_timers(): hd_irq[] holds I/O APIC pins, the legacy ones for channels 0 and 1.
  hpet_alloc(st.channels.map((c, i) => (i === 0 ? HPET_LEGACY_8254 : i === 1 ? HPET_LEGACY_RTC : c.irq)));
  return 0;
}

export const initcalls: initcall_entry[] = [['fs', 'hpet_late_init', hpet_late_init, 3_000_000]];
