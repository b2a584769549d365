// Models linux/kernel/power/hibernate.c: hibernate() ("echo disk > /sys/power/state") with hibernation_snapshot() and create_image(), the pm_test levels for disk, software_resume() with resume= and /sys/power/resume, and the sysfs files disk, image_size, reserved_size, resume, resume_offset.
//
// The sequence is 6.1's: sync, freeze user space, preallocate the image,
// freeze kernel threads, the devices' freeze callbacks (prepare, freeze,
// freeze_late, freeze_noirq), the platform's S4 preparation, the non-boot
// CPUs offline, the atomic copy, then thaw (thaw_noirq, thaw_early, thaw) and
// the image written to swap. A pm_test level stops the sequence where
// hibernation_test() does, and devices then get the restore callbacks, as
// in Linux (in_suspend is never set on those paths).
import type { KGen } from '../../include/linux/sched.ts';
import { MAJOR, MINOR } from '../../include/linux/fs_types.ts';
import { EAGAIN, EINVAL, EIO, ENODEV, ENOENT, ENOSYS } from '../../include/uapi/asm-generic/errno.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { boot_desc } from '../../init/boot_state.ts';
import { name_to_dev_t } from '../../init/do_mounts.ts';
import { split_cmdline } from '../../init/params.ts';
import type { kobj_attribute } from '../../lib/kobject.ts';
import { si_meminfo } from '../../mm/meminfo.ts';
import { pr_err, pr_info } from '../printk/printk.ts';
import { account_ns, NSEC_PER_SEC } from '../time/timekeeping.ts';
import { trace_event } from '../trace/trace.ts';
import {
  dpm_complete, dpm_prepare, dpm_resume, dpm_resume_end, dpm_resume_start, dpm_suspend, dpm_suspend_end, dpm_suspend_start,
} from '../../drivers/base/power/main.ts';
import {
  PM_EVENT_HIBERNATE, PMSG_FREEZE, PMSG_HIBERNATE, PMSG_RECOVER, PMSG_RESTORE, PMSG_THAW,
} from '../../drivers/base/power/pm.ts';
import { pm_pr_dbg, pm_wakeup_pending } from '../../drivers/base/power/wakeup_source.ts';
import { acpi_hibernation_ops } from '../../drivers/acpi/sleep.ts';
import { first_line, pmState, type pm_test_level } from './power.ts';
import { freeze_kernel_threads, freeze_processes, thaw_kernel_threads, thaw_processes } from './process.ts';
import {
  disable_secondary_cpus, enable_secondary_cpus, ksys_sync_helper, suspend_console, suspend_devices_and_enter,
} from './suspend.ts';
import { hibernate_preallocate_memory, swsusp_free, swsusp_save } from './snapshot.ts';
import { SF_PLATFORM_MODE, swsusp_check, swsusp_read, swsusp_unmark, swsusp_write } from './swap.ts';
import { kernel_power_off, kernel_restart } from '../reboot.ts';
import { wait_event, wait_queue_head } from '../sched/wait.ts';

const PAGE_SIZE = 4096;

/** hibernation_modes in their enum order; "platform" is there because the machine has ACPI (hibernation_ops). */
const hibernation_modes = ['platform', 'shutdown', 'reboot', 'suspend', 'test_resume'] as const;

/** One hibernation's flags (in_suspend: the image was made and we are on the saving side; freezer_test_done). */
interface hib_run { in_suspend: boolean; freezer_test_done: boolean }

/** hibernation_test(): at the chosen pm_test level, "debug: Waiting for 5 seconds." (mdelay: CPU time) and back out. */
function hibernation_test(level: pm_test_level): boolean {
  if (pmState().pm_test_level !== level) return false;
  pr_info('PM: hibernation: debug: Waiting for 5 seconds.');
  account_ns(5 * NSEC_PER_SEC);
  return true;
}

/** The platform's steps run only in "platform" mode (platform_begin, platform_pre_snapshot, platform_finish, platform_end). */
const platform = (mode: boolean): typeof acpi_hibernation_ops | null => (mode ? acpi_hibernation_ops : null);

/** create_image(): devices down to noirq, the platform told, CPUs offline, the atomic copy; everything brought back up. */
function* create_image(run: hib_run, platform_mode: boolean): KGen<number> {
  let error = yield* dpm_suspend_end(PMSG_FREEZE);
  if (error) {
    pr_err('PM: hibernation: Some devices failed to power down, aborting');
    return error;
  }
  error = platform(platform_mode)?.pre_snapshot() ?? 0;
  if (!(error || hibernation_test('platform'))) {
    const frozen = disable_secondary_cpus();
    if (!hibernation_test('processors')) {
      // syscore_suspend(): no syscore ops are registered in the model; interrupts are off from here.
      if (!(hibernation_test('core') || pm_wakeup_pending())) {
        run.in_suspend = true;
        trace_event('power', 'suspend_resume', { action: 'machine_suspend', val: PM_EVENT_HIBERNATE, start: true });
        error = swsusp_save(); // swsusp_arch_suspend(): control comes back here with the image made
        trace_event('power', 'suspend_resume', { action: 'machine_suspend', val: PM_EVENT_HIBERNATE, start: false });
        if (error) pr_err(`PM: hibernation: Error ${error} creating image`);
      }
    }
    enable_secondary_cpus(frozen);
  }
  platform(platform_mode)?.finish();
  yield* dpm_resume_start(run.in_suspend ? (error ? PMSG_RECOVER : PMSG_THAW) : PMSG_RESTORE);
  return error;
}

/** hibernation_snapshot(): preallocate, freeze kernel threads, the devices' freeze phases, create_image(), thaw them. */
function* hibernation_snapshot(run: hib_run, platform_mode: boolean): KGen<number> {
  const plat = platform(platform_mode);
  let error = plat?.begin() ?? 0;
  if (!error) error = hibernate_preallocate_memory();
  if (error) {
    plat?.end();
    return error;
  }
  error = yield* freeze_kernel_threads();
  if (error) {
    swsusp_free();
    plat?.end();
    return error;
  }
  let thaw = hibernation_test('freezer');
  if (thaw) {
    run.freezer_test_done = true;
  } else {
    error = yield* dpm_prepare(PMSG_FREEZE);
    if (error) {
      dpm_complete(PMSG_RECOVER);
      thaw = true;
    }
  }
  if (thaw) {
    thaw_kernel_threads();
    swsusp_free();
    plat?.end();
    return error;
  }
  suspend_console();
  error = yield* dpm_suspend(PMSG_FREEZE);
  if (!(error || hibernation_test('devices'))) error = yield* create_image(run, platform_mode);
  // platform_recover(): ACPI's hibernation ops have none.
  if (error || !run.in_suspend) swsusp_free();
  const msg = run.in_suspend ? (error ? PMSG_RECOVER : PMSG_THAW) : PMSG_RESTORE;
  yield* dpm_resume(msg);
  dpm_complete(msg);
  plat?.end();
  return error;
}

/**
 * hibernation_platform_enter(): the devices' poweroff callbacks, ACPI's S4 preparation, the CPUs offline, then the
 * firmware switches the machine off. It returns only when a step failed (the devices are brought back first).
 */
function* hibernation_platform_enter(): KGen<number> {
  const ops = acpi_hibernation_ops;
  let error = ops.begin();
  if (error) return error;
  suspend_console();
  error = yield* dpm_suspend_start(PMSG_HIBERNATE);
  if (!error) {
    error = yield* dpm_suspend_end(PMSG_HIBERNATE);
    if (!error) {
      error = ops.prepare();
      if (!error) {
        const frozen = disable_secondary_cpus();
        if (!pm_wakeup_pending()) {
          ops.enter();
          return 0;
        }
        error = -EAGAIN;
        enable_secondary_cpus(frozen);
      }
      ops.finish();
      yield* dpm_resume_start(PMSG_RESTORE);
    }
  }
  yield* dpm_resume_end(PMSG_RESTORE);
  ops.end();
  return error;
}

/** Where a task that switched the machine off stays: power_down() never returns ("while (1) cpu_relax();"). */
function* never_return(): KGen<void> {
  yield* wait_event(new wait_queue_head('power_down'), () => false, 'power_down');
}

/**
 * power_down(): with the image on disk, the machine goes off as hibernation_mode says — suspend (S3, then the swap
 * signature restored and back), reboot, platform (ACPI S4), shutdown. Returns only for suspend.
 */
function* power_down(): KGen<void> {
  const s = pmState();
  if (s.hibernation_mode === 'suspend') {
    const error = yield* suspend_devices_and_enter(s.mem_sleep_current);
    if (!error) {
      // swsusp_unmark(): the image stays unused, so the area is a swap area again.
      if (yield* swsusp_unmark()) pr_err('PM: hibernation: Swap will be unusable! Try swapon -a.');
      return;
    }
    s.hibernation_mode = 'platform';
  }
  if (s.hibernation_mode === 'reboot') kernel_restart(null);
  else if (s.hibernation_mode === 'platform' && (yield* hibernation_platform_enter()) === 0) { /* switched off */ }
  else kernel_power_off();
  yield* never_return();
}

/**
 * hibernation_restore(): where Linux quiesces the devices, takes the CPUs offline and jumps into the image kernel
 * (whose log then replaces this one). The model cannot make that jump — the saved kernel's tasks were the host's
 * generators, not pages of the image — so once the image has been read and checked, the restore fails as a failed
 * jump does (-ENOSYS) and the fresh boot goes on. What is restored: nothing of the saved kernel; what the image
 * holds is verified (header against this kernel, every page against its frame) and the signature is reset.
 */
function hibernation_restore(): number {
  return -ENOSYS;
}

/** load_image_and_restore(): the image read back (swsusp_read) and restored, or "Failed to load image, recovering." */
function* load_image_and_restore(may_sleep: boolean): KGen<number> {
  pm_pr_dbg('Loading hibernation image.');
  let error = yield* swsusp_read(may_sleep);
  if (!error) error = hibernation_restore();
  pr_err('PM: hibernation: Failed to load image, recovering.');
  swsusp_free();
  return error;
}

/** hibernate(): "echo disk > /sys/power/state". */
export function* hibernate(): KGen<number> {
  const run: hib_run = { in_suspend: false, freezer_test_done: false };
  const platform_mode = pmState().hibernation_mode === 'platform';
  let snapshot_test = false;
  pr_info('PM: hibernation: hibernation entry');
  yield* ksys_sync_helper();
  let error = yield* freeze_processes();
  if (!error) {
    error = yield* hibernation_snapshot(run, platform_mode);
    if (!error && !run.freezer_test_done) {
      if (run.in_suspend) {
        pm_pr_dbg('Writing hibernation image.');
        error = yield* swsusp_write(platform_mode ? SF_PLATFORM_MODE : 0);
        swsusp_free();
        if (!error) {
          if (pmState().hibernation_mode === 'test_resume') snapshot_test = true;
          else yield* power_down();
        }
        run.in_suspend = false;
      } else {
        pm_pr_dbg('Hibernation image restored successfully.');
      }
    }
    if (snapshot_test) {
      // 6.1.176's swsusp_check() opens the resume device exclusively in test_resume mode, so with the swap area
      // holding it (swapon claims it exclusively) the check fails with -EBUSY and the image stays on the disk.
      pm_pr_dbg('Checking hibernation image');
      error = yield* swsusp_check(true);
      if (!error) error = yield* load_image_and_restore(true);
    }
    thaw_processes();
  }
  pr_info('PM: hibernation: hibernation exit');
  return error;
}

/** software_resume(): look for an image on the resume device (resume= or /sys/power/resume) and restore it. */
export function software_resume(): number {
  const s = pmState();
  if (s.noresume) return 0;
  if (!s.resume_dev) {
    if (!s.resume_file) return end_software_resume(-ENOENT);
    pm_pr_dbg(`Checking hibernation image partition ${s.resume_file}`);
    s.resume_dev = name_to_dev_t(s.resume_file);
    if (!s.resume_dev) return end_software_resume(-ENODEV);
  }
  pm_pr_dbg(`Hibernation image partition ${MAJOR(s.resume_dev)}:${MINOR(s.resume_dev)} present`);
  pm_pr_dbg('Looking for hibernation image.');
  let error = run_nowait(swsusp_check(false, false));
  if (error) return end_software_resume(error);
  pr_info('PM: hibernation: resume from hibernation');
  // No user space runs yet at this initcall, so the freezer has nothing to stop (its lines are not printed).
  pm_pr_dbg('Preparing processes for hibernation restore.');
  error = run_nowait(load_image_and_restore(false));
  return end_software_resume(error);
}

/**
 * Runs a kernel path from an initcall, which cannot sleep: the image's IO is polled (see swap.ts), so the path ends
 * in one go; one that would sleep is abandoned with -EIO.
 */
function run_nowait(g: KGen<number>): number {
  const r = g.next();
  return r.done ? r.value : -EIO;
}
function end_software_resume(error: number): number {
  pm_pr_dbg('Hibernation image not present or could not be loaded.');
  return error;
}

/** resume_setup() and noresume_setup(): resume= and noresume on the kernel command line (last one wins). */
function hibernate_setup_cmdline(cmdline: string): void {
  const s = pmState();
  for (const a of split_cmdline(cmdline)) {
    if (a === 'noresume') s.noresume = true;
    else if (a.startsWith('resume=') && !s.noresume) s.resume_file = a.slice('resume='.length);
    else if (a.startsWith('resume_offset=') && /^\d+$/.test(a.slice(14))) s.resume_offset = Number(a.slice(14));
  }
}

/** hibernate_image_size_init(): 2/5 of RAM by default. */
export function hibernate_image_size_init(): void {
  const totalram_pages = Math.floor(si_meminfo().totalram / PAGE_SIZE);
  pmState().image_size = Math.floor((totalram_pages * 2) / 5) * PAGE_SIZE;
}

function ulong_attr(name: 'image_size' | 'reserved_size' | 'resume_offset'): kobj_attribute {
  return {
    name, mode: 0o644,
    show: () => `${pmState()[name]}\n`,
    store: (_k, _a, buf) => {
      const v = first_line(buf).trim();
      if (!/^\d+$/.test(v)) return -EINVAL;
      pmState()[name] = Number(v);
      return buf.length;
    },
  };
}

export const hibernate_attrs: kobj_attribute[] = [
  {
    name: 'disk', mode: 0o644,
    // Each mode followed by a space, the current one bracketed, then the newline (disk_show).
    show: () => `${hibernation_modes.map((m) => m === pmState().hibernation_mode ? `[${m}] ` : `${m} `).join('')}\n`,
    store: (_k, _a, buf) => {
      const m = hibernation_modes.find((x) => x === first_line(buf));
      if (!m) return -EINVAL;
      pmState().hibernation_mode = m;
      pm_pr_dbg(`Hibernation mode set to '${m}'`);
      return buf.length;
    },
  },
  ulong_attr('image_size'),
  ulong_attr('reserved_size'),
  {
    name: 'resume', mode: 0o644,
    show: () => `${MAJOR(pmState().resume_dev)}:${MINOR(pmState().resume_dev)}\n`,
    // resume_store(): a device name or MAJ:MIN, then software_resume() looks for an image on it.
    store: (_k, _a, buf) => {
      const res = name_to_dev_t(first_line(buf));
      if (!res) return -EINVAL;
      pmState().resume_dev = res;
      pm_pr_dbg(`Configured hibernation resume from disk to ${res}`);
      pmState().noresume = false;
      software_resume();
      return buf.length;
    },
  },
  ulong_attr('resume_offset'),
];

/** software_resume() runs once the disks have been probed (late_initcall_sync), for resume= on the command line. */
function software_resume_initcall(): number {
  hibernate_setup_cmdline(boot_desc().cmdline);
  software_resume();
  return 0;
}

export const initcalls: initcall_entry[] = [['late', 'software_resume', software_resume_initcall, 20_000]];
