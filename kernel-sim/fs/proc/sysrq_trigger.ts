// Models /proc/sysrq-trigger of linux/drivers/tty/sysrq.c: writing a key runs its emergency action (b reboot, c crash, o power off ...).
import { EFAULT, EPERM } from '../../include/uapi/asm-generic/errno.ts';
import { copy_from_user } from '../../mm/uaccess.ts';
import { current, runqueue } from '../../kernel/sched/core.ts';
import { printk, printkState, pr_info, KERN_INFO } from '../../kernel/printk/printk.ts';
import { panic } from '../../kernel/panic.ts';
import { kernel_restart, kernel_power_off } from '../../kernel/reboot.ts';
import { send_signal } from '../../kernel/signal.ts';
import { SIGKILL, SIGTERM } from '../../include/uapi/signal.ts';
import { PF_KTHREAD } from '../../include/linux/sched.ts';
import { proc_create } from './generic.ts';
import { task_state_name } from './array.ts';

interface sysrq_key_op { key: string; help_msg: string; action_msg: string; handler: (key: string) => void }

function kill_all(sig: number): void {
  for (const t of runqueue().tasks.values()) if (t.pid > 1 && !(t.flags & PF_KTHREAD) && !t.exit_state) send_signal(sig, t);
}

/** sysrq_key_table, the keys this machine handles. */
const sysrq_ops: sysrq_key_op[] = [
  { key: 'b', help_msg: 'reboot(b)', action_msg: 'Resetting', handler: () => kernel_restart(null) },
  { key: 'c', help_msg: 'crash(c)', action_msg: 'Trigger a crash', handler: () => panic('sysrq triggered crash') },
  { key: 'e', help_msg: 'terminate-all-tasks(e)', action_msg: 'Terminate All Tasks', handler: () => kill_all(SIGTERM) },
  { key: 'h', help_msg: 'help(h)', action_msg: '', handler: () => {} },
  { key: 'i', help_msg: 'kill-all-tasks(i)', action_msg: 'Kill All Tasks', handler: () => kill_all(SIGKILL) },
  { key: 'o', help_msg: 'poweroff(o)', action_msg: 'Power Off', handler: () => kernel_power_off() },
  { key: 's', help_msg: 'sync(s)', action_msg: 'Emergency Sync', handler: () => pr_info('Emergency Sync complete') },
  {
    key: 't', help_msg: 'show-task-states(t)', action_msg: 'Show State', handler: () => {
      for (const t of [...runqueue().tasks.values()].sort((a, b) => a.pid - b.pid)) {
        pr_info(`task:${t.comm.padEnd(15)} state:${task_state_name(t)[0]} stack:0     pid:${t.pid}   ppid:${t.real_parent?.pid ?? 0}    flags:0x${(t.flags >>> 0).toString(16).padStart(8, '0')}`);
      }
    },
  },
  { key: 'u', help_msg: 'unmount(u)', action_msg: 'Emergency Remount R/O', handler: () => pr_info('Emergency Remount complete') },
];

/** __handle_sysrq: digits set the console loglevel; unknown keys print the help line. */
export function handle_sysrq(key: string): void {
  const pk = printkState();
  if (key >= '0' && key <= '9') {
    const orig = pk.console_loglevel;
    pk.console_loglevel = 7;
    printk(`${KERN_INFO}sysrq: Changing Loglevel`);
    pk.console_loglevel = orig;
    printk(`${KERN_INFO}Loglevel set to ${key}`);
    pk.console_loglevel = Number(key);
    return;
  }
  const op = sysrq_ops.find((o) => o.key === key);
  if (op && op.key !== 'h') {
    printk(`${KERN_INFO}sysrq: ${op.action_msg}`);
    op.handler(key);
    return;
  }
  printk(`${KERN_INFO}sysrq: HELP : loglevel(0-9) ${sysrq_ops.filter((o) => o.key !== 'h').map((o) => o.help_msg).join(' ')} `);
}

export function proc_sysrq_trigger_init(): number {
  proc_create('sysrq-trigger', 0o200, null, {
    proc_write: function* (_file, buf, count) {
      if (current().cred.euid !== 0) return -EPERM;
      if (count <= 0) return count;
      const b = copy_from_user(buf, Math.min(count, 1));
      if (!b) return -EFAULT;
      handle_sysrq(String.fromCharCode(b[0]));
      return count;
    },
  });
  return 0;
}
