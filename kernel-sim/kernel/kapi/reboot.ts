// Models the exports of linux/kernel/reboot.c and drivers/tty/sysrq.c for modules: kernel_restart/halt/power_off, emergency_restart and handle_sysrq.
import { kernel_restart, kernel_halt, kernel_power_off, rebootState } from '../reboot.ts';
import { runqueue } from '../sched/core.ts';
import { handle_sysrq } from '../../fs/proc/sysrq_trigger.ts';
import { kread_cstr } from '../../mm/kmem.ts';
import { EXPORT_KAPI } from './registry.ts';

/**
 * emergency_restart: no notifiers, no device shutdown and no message — system_state becomes SYSTEM_RESTART and the
 * machine resets at once (x86's machine_emergency_restart), so the host reboots it as after reboot(2).
 */
function machine_emergency_restart(): void {
  rebootState().system_state = 'restart';
  runqueue().stopped = true;
}

export const ksymtab = [
  ...EXPORT_KAPI({
    kernel_restart: (cmd: number) => kernel_restart(cmd ? kread_cstr(cmd, 256) : null),
    kernel_halt,
    kernel_power_off,
    machine_emergency_restart,
    handle_sysrq: (key: number) => handle_sysrq(String.fromCharCode(key & 0xff)),
  }),
  ...EXPORT_KAPI({ emergency_restart: machine_emergency_restart }, true),
];
