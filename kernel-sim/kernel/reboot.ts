// Models linux/kernel/reboot.c: the reboot(2) magic, kernel_restart, kernel_halt and kernel_power_off.
import { SYSCALL_DEFINE, type syscall_def } from '../include/linux/syscalls.ts';
import { EINVAL, EPERM, EFAULT } from '../include/uapi/asm-generic/errno.ts';
import { current, runqueue } from './sched/core.ts';
import { defineState } from './state.ts';
import { pr_emerg } from './printk/printk.ts';
import { strncpy_from_user } from '../mm/uaccess.ts';
import { trace_event } from './trace/trace.ts';

export const LINUX_REBOOT_MAGIC1 = 0xfee1dead;
export const LINUX_REBOOT_MAGIC2 = 672274793, LINUX_REBOOT_MAGIC2A = 85072278, LINUX_REBOOT_MAGIC2B = 369367448, LINUX_REBOOT_MAGIC2C = 537993216;
export const LINUX_REBOOT_CMD_RESTART = 0x01234567, LINUX_REBOOT_CMD_HALT = 0xcdef0123, LINUX_REBOOT_CMD_CAD_ON = 0x89abcdef;
export const LINUX_REBOOT_CMD_CAD_OFF = 0x00000000, LINUX_REBOOT_CMD_POWER_OFF = 0x4321fedc, LINUX_REBOOT_CMD_RESTART2 = 0xa1b2c3d4;
export const LINUX_REBOOT_CMD_SW_SUSPEND = 0xd000fce2, LINUX_REBOOT_CMD_KEXEC = 0x45584543;

export type SystemState = 'booting' | 'scheduling' | 'running' | 'halt' | 'power_off' | 'restart' | 'panic';

interface RebootState {
  system_state: SystemState;
  cad_on: boolean;
  /** Device shutdown callbacks, newest first (device_shutdown walks devices in reverse). */
  shutdown_hooks: (() => void)[];
}

export const rebootState = defineState<RebootState>('reboot', () => ({ system_state: 'booting', cad_on: true, shutdown_hooks: [] }));

export function register_shutdown_hook(fn: () => void): void {
  rebootState().shutdown_hooks.unshift(fn);
}

function kernel_shutdown_prepare(state: SystemState): void {
  const s = rebootState();
  s.system_state = state;
  for (const h of s.shutdown_hooks) h();
  trace_event('power', 'kernel_shutdown', { state });
}

/** Stops the machine; the host sees system_state and reboots or powers off. */
function machine_stop(): void {
  runqueue().stopped = true;
}

export function kernel_restart(cmd: string | null): void {
  kernel_shutdown_prepare('restart');
  pr_emerg(cmd ? `reboot: Restarting system with command '${cmd}'` : 'reboot: Restarting system');
  machine_stop();
}

export function kernel_halt(): void {
  kernel_shutdown_prepare('halt');
  pr_emerg('reboot: System halted');
  machine_stop();
}

export function kernel_power_off(): void {
  kernel_shutdown_prepare('power_off');
  pr_emerg('reboot: Power down');
  machine_stop();
}

function sys_reboot(magic1: number, magic2: number, cmd: number, arg: number): number {
  if (current().cred.euid !== 0) return -EPERM;
  if ((magic1 >>> 0) !== LINUX_REBOOT_MAGIC1 || ![LINUX_REBOOT_MAGIC2, LINUX_REBOOT_MAGIC2A, LINUX_REBOOT_MAGIC2B, LINUX_REBOOT_MAGIC2C].includes(magic2 >>> 0)) return -EINVAL;
  switch (cmd >>> 0) {
    case LINUX_REBOOT_CMD_RESTART: kernel_restart(null); return 0;
    case LINUX_REBOOT_CMD_RESTART2: {
      const s = strncpy_from_user(arg, 256);
      if (typeof s === 'number') return -EFAULT;
      kernel_restart(s);
      return 0;
    }
    case LINUX_REBOOT_CMD_CAD_ON: rebootState().cad_on = true; return 0;
    case LINUX_REBOOT_CMD_CAD_OFF: rebootState().cad_on = false; return 0;
    case LINUX_REBOOT_CMD_HALT: kernel_halt(); return 0;
    case LINUX_REBOOT_CMD_POWER_OFF: kernel_power_off(); return 0;
    default: return -EINVAL;
  }
}

export const syscalls: syscall_def[] = [
  SYSCALL_DEFINE('reboot', ['hex', 'hex', 'hex', 'ptr'], sys_reboot),
];
