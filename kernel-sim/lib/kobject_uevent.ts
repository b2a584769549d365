// Models linux/lib/kobject_uevent.c: uevents (add, remove, change, move, online, offline, bind, unbind) with their environment, SEQNUM, and delivery over netlink.
import { EINVAL, ENOMEM } from '../include/uapi/asm-generic/errno.ts';
import { defineState } from '../kernel/state.ts';
import { pr_warn, pr_err } from '../kernel/printk/printk.ts';
import { trace_event } from '../kernel/trace/trace.ts';
import { netlink_broadcast_uevent } from '../net/netlink/af_netlink.ts';
import type { kobject, kset } from './kobject.ts';

export const KOBJ_ADD = 'add', KOBJ_REMOVE = 'remove', KOBJ_CHANGE = 'change', KOBJ_MOVE = 'move';
export const KOBJ_ONLINE = 'online', KOBJ_OFFLINE = 'offline', KOBJ_BIND = 'bind', KOBJ_UNBIND = 'unbind';
export type kobject_action = 'add' | 'remove' | 'change' | 'move' | 'online' | 'offline' | 'bind' | 'unbind';
export const kobject_actions: readonly kobject_action[] = ['add', 'remove', 'change', 'move', 'online', 'offline', 'bind', 'unbind'];

export const UEVENT_NUM_ENVP = 64;
export const UEVENT_BUFFER_SIZE = 2048;

export interface kobj_uevent_env { envp: string[]; buflen: number }

export function new_uevent_env(): kobj_uevent_env { return { envp: [], buflen: 0 }; }

/** Appends KEY=value; -ENOMEM when the 64 keys or 2048 bytes are used up, as the kernel says. */
export function add_uevent_var(env: kobj_uevent_env, s: string): number {
  if (env.envp.length >= UEVENT_NUM_ENVP - 1) { pr_err('add_uevent_var: too many keys'); return -ENOMEM; }
  if (env.buflen + s.length + 1 > UEVENT_BUFFER_SIZE) { pr_err('add_uevent_var: buffer size too small'); return -ENOMEM; }
  env.envp.push(s);
  env.buflen += s.length + 1;
  return 0;
}

interface UeventState { seqnum: number }
const ueventState = defineState<UeventState>('uevent', () => ({ seqnum: 0 }));

/** /sys/kernel/uevent_seqnum */
export function uevent_seqnum(): number { return ueventState().seqnum; }

/** The kset a kobject's events go through: its own, or the nearest parent's. */
function top_kset(kobj: kobject): kset | null {
  let top: kobject = kobj;
  while (!top.kset && top.parent) top = top.parent;
  return top.kset;
}

/** Sends a uevent with extra environment (kobject_uevent_env). Returns 0 or -errno. */
export function kobject_uevent_env(kobj: kobject, action: kobject_action, envp_ext: string[] = []): number {
  const kset = top_kset(kobj);
  if (!kset) return -EINVAL;
  const ops = kset.uevent_ops;
  if (kobj.uevent_suppress) return 0;
  if (ops?.filter && !ops.filter(kobj)) return 0;
  const subsystem = ops?.name ? ops.name(kobj) : kset.kobj.name;
  if (!subsystem) return 0;
  const env = new_uevent_env();
  const devpath = kobject_get_path(kobj);
  let r = add_uevent_var(env, `ACTION=${action}`) || add_uevent_var(env, `DEVPATH=${devpath}`) || add_uevent_var(env, `SUBSYSTEM=${subsystem}`);
  if (r) return r;
  for (const e of envp_ext) { r = add_uevent_var(env, e); if (r) return r; }
  if (ops?.uevent) {
    r = ops.uevent(kobj, env);
    if (r) return r;
  }
  if (action === KOBJ_ADD) kobj.state_add_uevent_sent = true;
  else if (action === KOBJ_REMOVE) kobj.state_remove_uevent_sent = true;
  else if (action === KOBJ_UNBIND) env.envp = env.envp.filter((e) => !e.startsWith('MODALIAS='));
  const st = ueventState();
  r = add_uevent_var(env, `SEQNUM=${++st.seqnum}`);
  if (r) return r;
  netlink_broadcast_uevent(`${action}@${devpath}`, env.envp);
  trace_event('device', 'uevent', { action, devpath, subsystem, seqnum: st.seqnum, env: env.envp.slice() });
  return 0;
}

export function kobject_uevent(kobj: kobject, action: kobject_action): number {
  return kobject_uevent_env(kobj, action, []);
}

/** The environment a kset's uevent op gives a kobject (what its `uevent` file shows). */
export function kobject_uevent_vars(kobj: kobject): string[] | number {
  const kset = top_kset(kobj);
  const env = new_uevent_env();
  if (kset?.uevent_ops?.uevent) {
    const r = kset.uevent_ops.uevent(kobj, env);
    if (r) return r;
  }
  return env.envp;
}

/** A write to a `uevent` file: "add", "change [UUID [KEY=value ...]]" (kobject_synth_uevent). */
export function kobject_synth_uevent(kobj: kobject, buf: string): number {
  const text = buf.replace(/\n$/, '');
  const sp = text.indexOf(' ');
  const name = sp < 0 ? text : text.slice(0, sp);
  const action = kobject_actions.find((a) => a === name);
  let msg = '';
  let r: number;
  if (!action) { msg = 'unknown uevent action string'; r = -EINVAL; }
  else if (sp < 0) r = kobject_uevent_env(kobj, action, ['SYNTH_UUID=0']);
  else {
    const args = text.slice(sp + 1).split(' ').filter(Boolean);
    const uuid = args.shift() ?? '';
    if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(uuid) || args.some((a) => !/^[A-Za-z0-9_]+=/.test(a))) {
      msg = 'incorrect uevent action arguments'; r = -EINVAL;
    } else r = kobject_uevent_env(kobj, action, [`SYNTH_UUID=${uuid}`, ...args.map((a) => `SYNTH_ARG_${a}`)]);
  }
  if (r) pr_warn(`synth uevent: ${kobject_get_path(kobj)}: ${msg || 'failed to send uevent'}`);
  return r;
}

/** kobject_get_path (lib/kobject.c): /devices/platform/serial8250. */
export function kobject_get_path(kobj: kobject): string {
  const parts: string[] = [];
  for (let k: kobject | null = kobj; k; k = k.parent) parts.push(k.name);
  return '/' + parts.reverse().join('/');
}
