// Models linux/init/main.c: start_kernel, rest_init, kernel_init and do_initcalls, each a traced span with its dmesg lines.
import type { KGen, task_struct } from '../include/linux/sched.ts';
import { tsc_early_init, tsc_init, calibrate_delay, bogomips } from '../arch/x86/kernel/tsc.ts';
import { hpet_enable } from '../arch/x86/kernel/hpet.ts';
import { setup_APIC_timer } from '../arch/x86/kernel/apic/apic_timer.ts';
import { register_refined_jiffies, PIT_TICK_RATE } from '../kernel/time/jiffies.ts';
import { PF_KTHREAD, PF_IDLE, TASK_RUNNING, TASK_IDLE, TASK_INTERRUPTIBLE } from '../include/linux/sched.ts';
import { root_cred } from '../include/linux/cred.ts';
import { init_rlimits } from '../include/uapi/resource.ts';
import { ENOENT, EACCES } from '../include/uapi/asm-generic/errno.ts';
import { runqueue, schedule, set_current_state } from '../kernel/sched/core.ts';
import { account_ns, ktime_get } from '../kernel/time/timekeeping.ts';
import { trace_complete, trace_event } from '../kernel/trace/trace.ts';
import { printk, pr_info, pr_notice, pr_err, printkState, pr_warn, KERN_DEBUG } from '../kernel/printk/printk.ts';
import { kernel_thread, CLONE_FS, CLONE_FILES } from '../kernel/fork.ts';
import { default_sighand } from '../kernel/signal.ts';
import { create_init_nsproxy, proc_alloc_inum, UTS_RELEASE, UTS_VERSION } from '../kernel/nsproxy.ts';
import { net_ns_init } from '../net/core/net_namespace.ts';
import { panic, panicState } from '../kernel/panic.ts';
import { rebootState } from '../kernel/reboot.ts';
import { new_files_struct } from '../fs/file.ts';
import { do_execveat } from '../fs/exec.ts';
import { do_faccessat, filp_open } from '../fs/open.ts';
import { fd_install } from '../fs/file.ts';
import { O_RDWR } from '../include/uapi/stat.ts';
import { rootfs_fs_type, shmem_init } from '../fs/ramfs/inode.ts';
import { nsfs_init } from '../fs/nsfs.ts';
import { bdev_cache_init } from '../block/bdev_cache.ts';
import { sysfs_init } from '../fs/sysfs/mount.ts';
import { create_mnt_ns } from '../fs/namespace.ts';
import { do_one_initcall, initcall_levels, initcalls_at } from './initcalls.ts';
import type { vmlinux_image } from './link_vmlinux.ts';
import { register_initcalls } from './initcalls.ts';
import { init_sys_call_table } from '../arch/x86/entry/syscall_64.ts';
import { ksymtab_install } from '../kernel/kapi/registry.ts';
import { obj_m_install } from '../kernel/module/obj_m.ts';
import { bootState, extraKthreads, type machine_desc } from './boot_state.ts';
import { exitState } from '../kernel/exit.ts';
import { memState } from '../mm/meminfo.ts';
import { signal_pending } from '../kernel/signal_pending.ts';
import { proc_root_init } from '../fs/proc/root.ts';
import { cgroup_init } from '../kernel/cgroup/cgroupfs.ts';
import { prepare_namespace } from './do_mounts.ts';
import { acpi_boot_table_init, acpi_boot_init } from '../arch/x86/kernel/acpi/boot.ts';
import {
  e820_table, e820__memory_setup, e820_trim_bios_range, e820__end_of_ram_pfn, e820_ram_ranges, e820__register_nosave_regions, e820__setup_pci_gap,
} from '../arch/x86/kernel/e820.ts';
import { kmem_cache_init } from '../mm/slab.ts';
import { dummy_numa_init, free_area_init, build_all_zonelists, vfs_caches_init_early } from '../mm/mm_init.ts';
import { x86_memblock_setup, alloc_node_data, sparse_init } from '../mm/memblock_x86.ts';
import { setup_per_cpu_areas } from '../mm/percpu.ts';
import { mem_init, free_smp_locks, free_initmem, free_kernel_image_gaps, page_alloc_init_late } from '../mm/mem_init.ts';
import { init_mm_internals } from '../mm/vmstat.ts';
import { initramfs_size } from './initramfs.ts';
import { acpi_early_init } from '../drivers/acpi/bus.ts';
import { con_init } from '../drivers/tty/vt/vt.ts';
import { rcu_init } from '../kernel/rcu/tree.ts';
import { rcu_init_tasks_generic } from '../kernel/rcu/tasks.ts';
import { srcu_init, srcu_bootup_announce } from '../kernel/rcu/srcutree.ts';
import { report_meminit } from '../mm/meminit.ts';
import { apic_intr_mode_init } from '../arch/x86/kernel/apic/apic.ts';
import { arch_cpu_finalize_init } from '../arch/x86/kernel/cpu/common.ts';
import { init_sigframe_size } from '../arch/x86/kernel/signal.ts';

/** Runs one start_kernel step as a traced span that costs `ns` of virtual time. */
function step<R>(name: string, ns: number, fn: () => R): R {
  const start = ktime_get();
  const r = fn();
  account_ns(ns);
  trace_complete('boot', name, start, ktime_get());
  return r;
}

/** init_task (pid 0): the boot CPU's idle task, which runs start_kernel. */
function create_init_task(): task_struct {
  const t = {
    pid: 0, tgid: 0, comm: 'swapper/0', flags: PF_KTHREAD | PF_IDLE, __state: TASK_RUNNING, exit_state: 0, exit_code: 0, exit_signal: 0,
    children: [], thread_group: [], mm: null, files: new_files_struct(), cred: root_cred(),
    signal: { shared_pending: { signal: 0n }, rlim: init_rlimits(), pgrp: 0, session: 0, leader: false, tty: null, group_exit_code: 0, flags: 0, cutime: 0, cstime: 0, live: 1, stopped: false, leader_task: null },
    sighand: { action: default_sighand() }, pending: { signal: 0n }, blocked: 0n, cpu: 0, prio: 120, static_prio: 120,
    start_time: 0, utime: 0, stime: 0, nvcsw: 0, nivcsw: 0, last_switch_count: 0, last_switch_time: 0, wchan: '',
    ptrace: 0, tracer: null, gen: null, on_rq: false, exe_path: '', next_entry: null, user: null, clear_child_tid: 0,
  } as unknown as task_struct;
  t.real_parent = t; t.parent = t; t.group_leader = t; t.thread_group.push(t);
  return t;
}

/**
 * announce_cpu's line as the secondary CPUs come up (one node): "#N" each in a column as wide as the CPU count's
 * digits plus one, after room for the boot CPU.
 */
function announce_cpus(nr_cpus: number): string {
  const width = String(nr_cpus).length + 1;
  let line = `.... node ${' '.repeat(1)}#0, CPUs:  ${' '.repeat(width + 1)}`;
  for (let cpu = 1; cpu < nr_cpus; cpu++) line += `${' '.repeat(width - String(cpu).length)}#${cpu}`;
  return line;
}

/** The boot CPU's path from the decompressed kernel to the scheduler (start_kernel). */
export function start_kernel(desc: machine_desc, vmlinux: vmlinux_image, console_setup: () => void): void {
  const bs = bootState();
  bs.desc = desc;
  // The linked sections (initcalls, sys_call_table, __ksymtab) become this machine's.
  init_sys_call_table(vmlinux.syscalls);
  ksymtab_install(vmlinux.ksymtab);
  obj_m_install(vmlinux.modules);
  const p = desc.params;
  const pk = printkState();
  if (p.loglevel !== null) pk.console_loglevel = Math.min(8, Math.max(1, p.loglevel));
  if (p.quiet) pk.console_loglevel = 4;
  if (p.debug) pk.console_loglevel = 10;
  pk.dynamic_debug = p.dyndbg;
  panicState().panic_timeout = p.panic;
  rebootState().system_state = 'booting';
  memState().total_bytes = desc.ram_bytes;
  const rq = runqueue();
  rq.nr_cpus = desc.nr_cpus;
  const init_task = create_init_task();
  rq.idle = init_task;
  rq.tasks.clear();
  trace_event('boot', 'startup_64');
  step('x86_64_start_kernel', 150_000, () => {});
  // The serial console is set up before the first line so the whole log reaches it (console_init replays the buffer).
  console_setup();
  step('start_kernel', 0, () => {
    pr_notice(`Linux version ${UTS_RELEASE} (kwb@kernel-workbench) (clang version 22.0.0, LLD 22.0.0) ${UTS_VERSION}`);
    pr_info(`Command line: ${desc.cmdline}`);
  });
  let ram_ranges: [number, number][] = [];
  let max_pfn = 0;
  step('setup_arch', 7_300_000, () => {
    const fw = e820_table(desc.ram_bytes);
    e820__memory_setup(fw);
    pr_info('NX (Execute Disable) protection: active');
    pr_info('SMBIOS 2.8 present.');
    pr_info('DMI: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014');
    const e820 = e820_trim_bios_range(fw);
    // early_gart_iommu_check: an AMD CPU looks for an AGP bridge's aperture first; q35 has none.
    pr_info('AGP: No AGP bridge found');
    max_pfn = e820__end_of_ram_pfn(e820);
    // pat_bp_init: the PAT MSR as Linux programs it (WB WC UC- UC, then again with WP and WT).
    pr_info('x86/PAT: Configuration [0-7]: WB  WC  UC- UC  WB  WP  UC- WT  ');
    ram_ranges = e820_ram_ranges(e820);
    // The initrd QEMU loaded: the machine's declared image, else the workbench's own initramfs.
    x86_memblock_setup(ram_ranges, fw, desc.initrd_bytes ?? initramfs_size());
    acpi_boot_table_init();
    dummy_numa_init(max_pfn);
    alloc_node_data();
    sparse_init(ram_ranges);
    free_area_init(ram_ranges, max_pfn);
    tsc_early_init();
    acpi_boot_init();
    pr_info(`smpboot: Allowing ${desc.nr_cpus} CPUs, 0 hotplug CPUs`);
    e820__register_nosave_regions(e820, max_pfn);
    e820__setup_pci_gap(e820);
    // No KVM or Xen signature in the CPUID leaves of a TCG guest: pv_info stays "bare hardware".
    pr_info('Booting paravirtualized kernel on bare hardware');
    register_refined_jiffies(PIT_TICK_RATE);
  });
  step('setup_per_cpu_areas', 100_000, () => setup_per_cpu_areas(desc.nr_cpus));
  step('build_all_zonelists', 100_000, () => build_all_zonelists(max_pfn));
  step('setup_command_line', 40_000, () => {
    pr_notice(`Kernel command line: ${desc.cmdline}`);
    for (const u of p.unknown) pr_notice(`Unknown kernel command line parameters "${u}", will be passed to user space.`);
  });
  step('vfs_caches_init_early', 300_000, () => vfs_caches_init_early());
  step('mm_init', 2_000_000, () => {
    report_meminit(desc.cmdline);
    // pci_iommu_alloc → gart_iommu_hole_init: the AMD GART aperture check finds no AGP bridge again.
    pr_info('AGP: Checking aperture...');
    pr_info('AGP: No AGP bridge found');
    mem_init(!/(^|\s)nokaslr(\s|$)/.test(desc.cmdline));
    kmem_cache_init(desc.nr_cpus);
  });
  step('sched_init', 300_000, () => { pr_info('Dynamic Preempt: voluntary'); });
  step('rcu_init', 200_000, () => rcu_init(desc.nr_cpus));
  step('early_irq_init', 150_000, () => { pr_info('NR_IRQS: 524544, nr_irqs: 440, preallocated irqs: 16'); });
  step('srcu_init', 10_000, () => srcu_init(desc.nr_cpus));
  // time_init only sets late_time_init (x86_late_time_init), which runs after the console and ACPI are up.
  step('time_init', 10_000, () => {});
  // console_init: the console_initcalls in link order, vt's con_init first, then the serial console.
  step('console_init', 600_000, () => { con_init(); pr_info(`printk: console [${p.console[0] ?? 'tty0'}] enabled`); });
  step('acpi_early_init', 1_000_000, acpi_early_init);
  // late_time_init (x86_late_time_init): the HPET as clocksource and tick, the I/O APIC taking over from the 8259, then
  // the TSC calibrated against them (the PIT and HPET runs take their time: tsc.ts accounts it).
  step('late_time_init', 100_000, () => {
    hpet_enable();
    apic_intr_mode_init();
    tsc_init(desc.nr_cpus);
    setup_APIC_timer(0);
  });
  let lpj = 0;
  step('calibrate_delay', 7_000_000, () => { lpj = calibrate_delay(); });
  step('arch_cpu_finalize_init', 200_000_000, () => { arch_cpu_finalize_init(); free_smp_locks(); });
  step('pid_idr_init', 1_500_000, () => { pr_info('pid_max: default: 32768 minimum: 301'); });
  step('security_init', 12_000_000, () => {
    pr_info('LSM: Security Framework initializing');
    // apparmor_init, the LSM Debian enables by default (its filesystem comes at fs_initcall: security/apparmor).
    pr_info('AppArmor: AppArmor initialized');
  });
  step('vfs_caches_init', 15_000_000, () => {
    pr_info('Mount-cache hash table entries: 1024 (order: 1, 8192 bytes, linear)');
    pr_info('Mountpoint-cache hash table entries: 1024 (order: 1, 8192 bytes, linear)');
    // mnt_init: sysfs is the first filesystem type registered, then tmpfs (/proc/filesystems keeps this order), whose
    // internal shm_mnt takes mount id 0 before rootfs takes 1.
    sysfs_init();
    shmem_init();
    init_mount_tree(init_task);
    bdev_cache_init();
  });
  step('proc_root_init', 10_000, proc_root_init);
  step('nsfs_init', 2_000, nsfs_init);
  step('cgroup_init', 120_000, cgroup_init);
  step('smp_init', 140_000_000, () => {
    pr_info('smpboot: CPU0: AMD QEMU Virtual CPU version 2.5+ (family: 0xf, model: 0x6b, stepping: 0x1)');
    // kernel_init_freeable between smp_prepare_cpus and smp_init: Tasks RCU's queues, then do_pre_smp_initcalls (the
    // early initcalls that print: arch/x86/kernel/signal.c's, then kernel/rcu/srcutree.c's in link order).
    rcu_init_tasks_generic(desc.nr_cpus);
    init_sigframe_size();
    srcu_bootup_announce();
    pr_info('smp: Bringing up secondary CPUs ...');
    if (desc.nr_cpus > 1) {
      pr_info('x86: Booting SMP configuration:');
      pr_info(announce_cpus(desc.nr_cpus));
    }
    pr_info(`smp: Brought up 1 node, ${desc.nr_cpus} CPUs`);
    pr_info('smpboot: Max logical packages: 1');
    for (let cpu = 1; cpu < desc.nr_cpus; cpu++) setup_APIC_timer(cpu);
    // Each CPU's loops_per_jiffy: the secondaries take the boot CPU's (their own delay-loop measurement is not modelled).
    pr_info(`smpboot: Total of ${desc.nr_cpus} processors activated (${bogomips(lpj * desc.nr_cpus)} BogoMIPS)`);
  });
  register_initcalls(vmlinux.initcalls);
  rebootState().system_state = 'scheduling';
  step('rest_init', 1_000, rest_init);
}

/** init_mount_tree: rootfs mounted as /, the root of init's mount namespace. */
function init_mount_tree(init_task: task_struct): void {
  const sb = rootfs_fs_type.mount(0, 'rootfs', '');
  if (typeof sb === 'number') throw new Error('cannot mount rootfs');
  // The first dynamic proc inums go to init_net (net_ns_init, earlier in boot) and then the initial mount namespace.
  const net = net_ns_init();
  const ns = create_mnt_ns(sb, 'rootfs', sb.s_op.show_options?.(sb) ?? '', proc_alloc_inum());
  init_task.nsproxy = create_init_nsproxy(ns, net.ns_inum);
  init_task.nsproxy.net_ns = net;
  const root = { mnt: ns.root, dentry: sb.s_root };
  init_task.fs = { root, pwd: root, umask: 0o022, users: 1 };
}

/** A kernel thread that sleeps until stopped (most of the boot kthreads, as ps shows them). */
function idle_kthread(state = TASK_IDLE): () => KGen<number> {
  return function* () {
    for (;;) {
      set_current_state(state);
      yield* schedule();
    }
  };
}

/** kthreadd's children as a fresh 6.1 boot has them, in creation order. */
const BOOT_KTHREADS: [string, number][] = [
  ['rcu_gp', TASK_IDLE], ['rcu_par_gp', TASK_IDLE], ['slub_flushwq', TASK_IDLE], ['netns', TASK_IDLE],
  ['kworker/0:0H-events_highpri', TASK_IDLE], ['mm_percpu_wq', TASK_IDLE], ['rcu_tasks_kthread', TASK_IDLE],
  ['rcu_tasks_rude_kthread', TASK_IDLE], ['rcu_tasks_trace_kthread', TASK_IDLE], ['ksoftirqd/0', TASK_INTERRUPTIBLE],
  ['rcu_preempt', TASK_IDLE], ['migration/0', TASK_INTERRUPTIBLE], ['cpuhp/0', TASK_INTERRUPTIBLE],
  ['cpuhp/1', TASK_INTERRUPTIBLE], ['migration/1', TASK_INTERRUPTIBLE], ['ksoftirqd/1', TASK_INTERRUPTIBLE],
  ['kworker/1:0H-events_highpri', TASK_IDLE], ['kdevtmpfs', TASK_INTERRUPTIBLE], ['inet_frag_wq', TASK_IDLE],
  ['kauditd', TASK_INTERRUPTIBLE], ['khungtaskd', TASK_INTERRUPTIBLE], ['oom_reaper', TASK_INTERRUPTIBLE],
  ['writeback', TASK_IDLE], ['kcompactd0', TASK_INTERRUPTIBLE], ['ksmd', TASK_INTERRUPTIBLE], ['khugepaged', TASK_INTERRUPTIBLE],
  ['kintegrityd', TASK_IDLE], ['kblockd', TASK_IDLE], ['blkcg_punt_bio', TASK_IDLE], ['edac-poller', TASK_IDLE],
  ['devfreq_wq', TASK_IDLE], ['kswapd0', TASK_INTERRUPTIBLE], ['kthrotld', TASK_IDLE], ['acpi_thermal_pm', TASK_IDLE],
];

/** rest_init: pid 1 (kernel_init) and pid 2 (kthreadd); the boot CPU becomes idle. */
function rest_init(): void {
  kernel_thread(kernel_init, 'swapper/0', CLONE_FS);
  kernel_thread(function* () {
    for (const [name, state] of BOOT_KTHREADS) {
      const fn = extraKthreads().find(([n]) => n === name)?.[1] ?? idle_kthread(state);
      kernel_thread(fn, name, CLONE_FS | CLONE_FILES);
      account_ns(3_000);
    }
    yield* idle_kthread(TASK_INTERRUPTIBLE)();
  }, 'kthreadd', CLONE_FS | CLONE_FILES);
}

function* do_initcalls(): KGen<void> {
  const debug = bootState().desc!.params.initcall_debug;
  for (const level of initcall_levels) {
    const lstart = ktime_get();
    for (const call of initcalls_at(level)) {
      const start = ktime_get();
      if (debug) printk(`${KERN_DEBUG}calling  ${call.name}+0x0/0x${(call.name.length * 37 + 0x40).toString(16)} @ 1`);
      let ret: number;
      try { ret = yield* do_one_initcall(call); } catch (err) {
        pr_err(`initcall ${call.name} failed: ${err instanceof Error ? err.message : String(err)}`);
        ret = -5;
      }
      account_ns(call.cost_ns);
      const end = ktime_get();
      trace_complete('initcall', call.name, start, end, { level, ret });
      if (debug) printk(`${KERN_DEBUG}initcall ${call.name}+0x0/0x${(call.name.length * 37 + 0x40).toString(16)} returned ${ret} after ${Math.max(1, Math.round((end - start) / 1000))} usecs`);
      else if (ret && ret !== -19) pr_warn(`initcall ${call.name}+0x0/0x${(call.name.length * 37 + 0x40).toString(16)} returned with error code ${ret}`);
    }
    trace_complete('initcall_level', level, lstart, ktime_get());
    yield* schedule_point();
  }
}

/** Lets kthreads started by initcalls run between levels, as preemption would. */
function* schedule_point(): KGen<void> {
  set_current_state(TASK_RUNNING);
  yield* schedule();
}

/** try_to_run_init_process: -ENOENT means try the next candidate. */
function* run_init_process(path: string): KGen<number> {
  const d = bootState().desc!;
  const argv = [path, ...d.params.init_argv];
  pr_info(`Run ${path} as init process`);
  // init/main.c is built with DEBUG defined, so these pr_debug lines always reach the log.
  printk(`${KERN_DEBUG}  with arguments:`);
  for (const a of argv) printk(`${KERN_DEBUG}    ${a}`);
  printk(`${KERN_DEBUG}  with environment:`);
  for (const e of d.params.init_envp) printk(`${KERN_DEBUG}    ${e}`);
  return yield* do_execveat(path, argv, d.params.init_envp);
}

/** Opens /dev/console as init's stdin, stdout and stderr (console_on_rootfs). */
function* console_on_rootfs(): KGen<void> {
  const f = yield* filp_open('/dev/console', O_RDWR);
  if (typeof f === 'number') { pr_err('Warning: unable to open an initial console.'); return; }
  f.f_count = 3;
  const t = runqueue().curr!;
  t.files.fd = [];
  for (const fd of [0, 1, 2]) { t.files.fd.push(null); fd_install(fd, f); }
}

/** pid 1 until it execs init: initcalls, initramfs, then /init or init=. */
function* kernel_init(): KGen<number> {
  const bs = bootState();
  const d = bs.desc!;
  const p = d.params;
  const start = ktime_get();
  // kernel_init_freeable before do_basic_setup: init_mm_internals (the vmstat /proc files), page_alloc_init_late.
  init_mm_internals();
  page_alloc_init_late();
  yield* do_initcalls();
  yield* console_on_rootfs();
  // kernel_init_freeable: the initramfs's /init, unless rdinit= names another.
  bs.ramdisk_execute_command = p.rdinit ?? '/init';
  if (do_faccessat(-100, bs.ramdisk_execute_command, 0, 0) !== 0) {
    bs.ramdisk_execute_command = null;
    if (p.root) { if (!prepare_namespace(p.root, p.rootfstype, d.cmdline)) return 0; }
    else pr_info('VFS: no initramfs init found, using rootfs as root');
  }
  trace_complete('boot', 'kernel_init_freeable', start, ktime_get());
  free_initmem();
  pr_info('Write protecting the kernel read-only data: 26624k');
  free_kernel_image_gaps();
  account_ns(180_000_000);
  rebootState().system_state = 'running';
  bs.init_done = true;
  trace_event('boot', 'run_init_process');
  exitState().on_init_exit = (code) => {
    panic(`Attempted to kill init! exitcode=0x${code.toString(16).padStart(8, '0')}`);
  };
  if (bs.ramdisk_execute_command) {
    const r = yield* run_init_process(bs.ramdisk_execute_command);
    pr_err(`Failed to execute ${bs.ramdisk_execute_command} (error ${r})`);
  }
  if (p.init) {
    const r = yield* run_init_process(p.init);
    panic(`Requested init ${p.init} failed (error ${r}).`);
    return 0;
  }
  for (const cand of ['/sbin/init', '/etc/init', '/bin/init', '/bin/sh']) {
    const r = yield* run_init_process(cand);
    if (r !== -ENOENT && r !== -EACCES) pr_err(`Starting init: ${cand} exists but couldn't execute it (error ${r})`);
  }
  panic('No working init found.  Try passing init= option to kernel. See Linux Documentation/admin-guide/init.rst for guidance.');
  if (signal_pending(runqueue().curr!)) return 0;
  return 0;
}
