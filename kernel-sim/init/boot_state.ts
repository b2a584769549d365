// Models what linux/init/main.c keeps about the boot in progress: the machine description and command line, and the kthreads kthreadd starts.
import type { KGen } from '../include/linux/sched.ts';
import type { boot_params } from './params.ts';
import { defineState } from '../kernel/state.ts';

export interface machine_desc {
  nr_cpus: number;
  ram_bytes: number;
  /** The initrd the boot loader placed (the machine's declared size); the workbench's initramfs when unset. */
  initrd_bytes?: number;
  cmdline: string;
  params: boot_params;
}

export const bootState = defineState('boot', () => ({ desc: null as machine_desc | null, init_done: false, ramdisk_execute_command: '/init' as string | null }));

export function boot_desc(): machine_desc { return bootState().desc!; }
export function boot_complete(): boolean { return bootState().init_done; }

/** Kernel threads other subsystems start from kthreadd (hung-task watchdog and the like), by name. */
export const extraKthreads = defineState('kthreads', () => [] as [string, () => KGen<number | void>][]);
export function kthread_run_at_boot(name: string, fn: () => KGen<number | void>): void {
  extraKthreads().push([name, fn]);
}
