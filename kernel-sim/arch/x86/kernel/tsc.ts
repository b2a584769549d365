// Models linux/arch/x86/kernel/tsc.c: calibrating the TSC at boot (the quick PIT calibration in setup_arch, then PIT against the HPET in tsc_init), lpj_fine and the delay loop's BogoMIPS, and marking the TSC unstable when the CPUs' TSCs cannot be trusted to agree.
import { pr_info, pr_notice, pr_warn } from '../../../kernel/printk/printk.ts';
import { defineState } from '../../../kernel/state.ts';
import { account_ns, ktime_get, HZ } from '../../../kernel/time/timekeeping.ts';
import { tsc_enable_sched_clock } from '../../../kernel/time/sched_clock.ts';
import { prop_string } from '../../../scripts/dtc/livetree.ts';
import { machine_hw } from '../../../machine/hardware.ts';
import { QEMU64 } from '../../../hw/i386/cpu.ts';
import { hpet_counter_read, hpet_period_fs, is_hpet_enabled } from './hpet.ts';
import { PIT_TICK_RATE } from '../../../kernel/time/jiffies.ts';

/**
 * Under TCG the guest's TSC is the host's (QEMU's cpu_get_ticks() reads the host's time-stamp counter), so it ticks at
 * the rate of the host the machine runs on: here the reference host's, which its boot measured at 2000.011 MHz (the
 * calibration floors to whole kHz, so the rate lies in [2000.011, 2000.012) MHz: the middle of that range).
 */
const TCG_HOST_TSC_HZ = 2_000_011_500;

/**
 * How long (in TSC cycles) one read of the PIT's status port takes, at least and at most, per accelerator. Under TCG a
 * port read leaves translated code for QEMU's device model and the exit's cost varies widely (translation-block
 * flushes, the I/O thread's lock, the host's scheduler) while the host's TSC keeps counting: quick_pit_calibrate()
 * gives up at its first error estimate (the reads alone exceed its 500 ppm budget), and pit_calibrate_tsc() discards
 * every run (its slowest read is more than ten times its fastest, which it takes for an SMI). Under KVM the PIT is
 * emulated in the host kernel and a read takes a steady time, so the PIT calibrates.
 */
const PIT_READ_CYCLES = { tcg: { min: 300, max: 40_000 }, kvm: { min: 2_000, max: 2_400 } } as const;
type accel = keyof typeof PIT_READ_CYCLES;

/** The machine's accelerator: /chosen/kwb,accel, TCG unless it says KVM (the workbench emulates, as QEMU does by default). */
function machine_accel(): accel {
  const chosen = machine_hw()?.tree.root.get_child('chosen');
  return (chosen && prop_string(chosen, 'kwb,accel')) === 'kvm' ? 'kvm' : 'tcg';
}

const tscState = defineState('tsc', () => ({ tsc_khz: 0, cpu_khz: 0, lpj_fine: 0, loops_per_jiffy: 0, tsc_unstable: false }));
export const tsc_khz = (): number => tscState().tsc_khz;
/** cpu_khz: the CPU's frequency as calibrated (0 before). */
export const cpu_khz = (): number => tscState().cpu_khz;
/** The boot CPU's loops_per_jiffy from calibrate_delay (the secondary CPU takes the same: its own noisy loop is not modelled). */
export const loops_per_jiffy = (): number => tscState().loops_per_jiffy;
export const tsc_unstable = (): boolean => tscState().tsc_unstable;

/** rdtsc(): the host's TSC, counting from the machine's power-on. */
export function rdtsc(): bigint {
  return (BigInt(Math.floor(ktime_get())) * BigInt(TCG_HOST_TSC_HZ)) / 1_000_000_000n;
}

/** MAX_QUICK_PIT_ITERATIONS: 50 ms of MSB steps (256 PIT ticks each). */
const MAX_QUICK_PIT_ITERATIONS = Math.floor((PIT_TICK_RATE / 1000 * 50) / 256);
const PIT_MSB_NS = (256 * 1e9) / PIT_TICK_RATE;

/** quick_pit_calibrate(): times MSB steps of the PIT's countdown until the read error is under 500 ppm; 0 on failure. */
function quick_pit_calibrate(reads: { min: number; max: number }): number {
  const d1 = reads.max, step = (PIT_MSB_NS * TCG_HOST_TSC_HZ) / 1e9;
  for (let i = 1; i <= MAX_QUICK_PIT_ITERATIONS; i++) {
    const d2 = reads.max, delta = i * step;
    account_ns(Math.round(PIT_MSB_NS));
    if (i === 1 && d1 + d2 >= (delta * MAX_QUICK_PIT_ITERATIONS) / 2048) return 0;
    if (d1 + d2 >= delta / 2048) continue;
    pr_info('tsc: Fast TSC calibration using PIT');
    return Math.floor((Math.round(delta) * PIT_TICK_RATE) / (i * 256 * 1000));
  }
  pr_info('tsc: Fast TSC calibration failed');
  return 0;
}

/** pit_calibrate_tsc(): `ms` of PIT countdown, timed by the TSC; ULONG_MAX when the reads were disturbed. */
function pit_calibrate_tsc(ms: number, loopmin: number, reads: { min: number; max: number }): number {
  const t1 = rdtsc();
  account_ns(ms * 1_000_000);
  const t2 = rdtsc();
  const pitcnt = Number(t2 - t1) / ((reads.min + reads.max) / 2);
  if (pitcnt < loopmin || reads.max > 10 * reads.min) return Infinity;
  return Number((t2 - t1) / BigInt(ms));
}

/** tsc_read_refs(): the TSC right after a read of the HPET's counter (its low 32 bits). */
function tsc_read_refs(): { tsc: bigint; ref: number } {
  const ref = is_hpet_enabled() ? hpet_counter_read() : 0;
  return { tsc: rdtsc(), ref };
}

/** calc_hpet_ref(): TSC kHz from the cycles (times 10^6) over the HPET ticks in femtoseconds. */
function calc_hpet_ref(deltatsc: bigint, hpet1: number, hpet2: number): number {
  if (hpet2 < hpet1) hpet2 += 2 ** 32;
  const ns = (BigInt(hpet2 - hpet1) * BigInt(hpet_period_fs())) / 1_000_000n;
  return ns ? Number(deltatsc / ns) : Infinity;
}

/** pit_hpet_ptimer_calibrate_cpu(): three PIT runs bracketed by HPET reads; the HPET's figure when the PIT gave none. */
function pit_hpet_ptimer_calibrate_cpu(reads: { min: number; max: number }): number {
  const hpet = is_hpet_enabled();
  let ms = 10, loopmin = 1000, tsc_pit_min = Infinity, tsc_ref_min = Infinity;
  for (let i = 0; i < 3; i++) {
    const r1 = tsc_read_refs();
    tsc_pit_min = Math.min(tsc_pit_min, pit_calibrate_tsc(ms, loopmin, reads));
    const r2 = tsc_read_refs();
    if (!hpet || r1.ref === r2.ref) continue;
    tsc_ref_min = Math.min(tsc_ref_min, calc_hpet_ref((r2.tsc - r1.tsc) * 1_000_000n, r1.ref, r2.ref));
    const delta = Math.floor((tsc_pit_min * 100) / tsc_ref_min);
    if (delta >= 90 && delta <= 110) {
      pr_info(`tsc: PIT calibration matches HPET. ${i + 1} loops`);
      return tsc_ref_min;
    }
    // The PIT failed twice: a virtual machine, which gets a longer window for the reference.
    if (i === 1 && tsc_pit_min === Infinity) { ms = 50; loopmin = 5000; }
  }
  if (tsc_pit_min === Infinity) {
    pr_warn('tsc: Unable to calibrate against PIT');
    if (!hpet) { pr_notice('tsc: No reference (HPET/PMTIMER) available'); return 0; }
    if (tsc_ref_min === Infinity) { pr_warn('tsc: HPET/PMTIMER calibration failed'); return 0; }
    pr_info('tsc: using HPET reference calibration');
    return tsc_ref_min;
  }
  pr_info('tsc: Using PIT calibration value');
  return tsc_pit_min;
}

/** determine_cpu_tsc_frequencies(): early, the quick PIT way (CPUID 0x15/0x16 and MSRs are Intel's); late, PIT/HPET. */
function determine_cpu_tsc_frequencies(early: boolean): boolean {
  const st = tscState();
  const reads = PIT_READ_CYCLES[machine_accel()];
  st.cpu_khz = early ? quick_pit_calibrate(reads) : pit_hpet_ptimer_calibrate_cpu(reads);
  st.tsc_khz = st.cpu_khz;
  if (!st.tsc_khz) return false;
  pr_info(`tsc: Detected ${Math.floor(st.cpu_khz / 1000)}.${String(st.cpu_khz % 1000).padStart(3, '0')} MHz processor`);
  return true;
}

/** tsc_early_init() from setup_arch. */
export function tsc_early_init(): void {
  if (determine_cpu_tsc_frequencies(true)) tsc_enable_sched_clock();
}

/** mark_tsc_unstable(). */
function mark_tsc_unstable(reason: string): void {
  const st = tscState();
  if (st.tsc_unstable) return;
  st.tsc_unstable = true;
  pr_info(`tsc: Marking TSC unstable due to ${reason}`);
}

/**
 * unsynchronized_tsc(): without an invariant TSC (qemu64 offers none: CPUID 0x80000007 is empty), only Intel's
 * multi-CPU systems are assumed to keep their TSCs in step; an AMD CPU with more than one CPU is not.
 */
function unsynchronized_tsc(nr_cpus: number): boolean {
  const vendor: string = QEMU64.vendor;
  return vendor !== 'GenuineIntel' && nr_cpus > 1;
}

/** tsc_init() from x86_late_time_init: calibrate now if setup_arch could not, lpj_fine, then the TSC's trust. */
export function tsc_init(nr_cpus: number): void {
  const st = tscState();
  if (!st.tsc_khz) {
    if (!determine_cpu_tsc_frequencies(false)) {
      mark_tsc_unstable('could not calculate TSC khz');
      return;
    }
    tsc_enable_sched_clock();
  }
  st.lpj_fine = Math.floor((st.tsc_khz * 1000) / HZ);
  if (unsynchronized_tsc(nr_cpus)) mark_tsc_unstable('TSCs unsynchronized');
}

/** calibrate_delay() on the boot CPU: lpj from the timer's frequency when tsc_init found it (lpj_fine). */
export function calibrate_delay(): number {
  const st = tscState();
  const lpj = st.lpj_fine;
  if (lpj) {
    pr_info(`Calibrating delay loop (skipped), value calculated using timer frequency.. ${bogomips(lpj)} BogoMIPS (lpj=${lpj})`);
    return (st.loops_per_jiffy = lpj);
  }
  // calibrate_delay_converge(): the delay loop timed against jiffies; a loop is a cycle of the 2 GHz CPU.
  const converged = (2_000_000_000 / HZ) | 0;
  pr_info(`Calibrating delay loop... ${bogomips(converged)} BogoMIPS (lpj=${converged})`);
  return (st.loops_per_jiffy = converged);
}

/** The BogoMIPS of `lpj` loops per jiffy summed over CPUs, as smp_cpus_done prints it. */
export function bogomips(total_lpj: number): string {
  return `${Math.floor(total_lpj / (500_000 / HZ))}.${String(Math.floor(total_lpj / (5_000 / HZ)) % 100).padStart(2, '0')}`;
}
