// Models linux/net/core/net_namespace.c: struct net, init_net, copy_net_ns, get_net/put_net and the pernet_operations every namespace runs.
//
// How to use it (the ns side):
//   net_ns_init()                       at boot, before the initial nsproxy: makes init_net with the first dynamic inum
//   copy_net_ns(flags, user_ns, old)    clone/unshare: returns get_net(old) without CLONE_NEWNET, else a new net (or -errno)
//   get_net(net) / put_net(net)         one reference per nsproxy, open nsfs fd or bind mount; the last put tears it down
//   register_pernet_subsys/device(ops)  runs ops.init on every existing namespace now and on each new one later
// kernel/nsproxy.ts reaches copy_net_ns and the teardown through register_ns_type('net', ...) (net_ns_type_init).
// The last put does not free a namespace at once: __put_net queues it for cleanup_net, which the netns workqueue runs
// after RCU grace periods, so its inum and its /proc/net entries stay taken a while (the reference's ns-user numbers).
import type { ns_common } from '../../include/linux/nsproxy.ts';
import type { net_device } from '../../include/linux/netdevice.ts';
import type { KGen } from '../../include/linux/sched.ts';
import type { proc_dir_entry } from '../../fs/proc/internal.ts';
import { TASK_IDLE, TASK_NORMAL } from '../../include/linux/sched.ts';
import { ENOMEM } from '../../include/uapi/asm-generic/errno.ts';
import { defineState } from '../../kernel/state.ts';
import { kthread_run_at_boot } from '../../init/boot_state.ts';
import { schedule, schedule_timeout_uninterruptible } from '../../kernel/sched/core.ts';
import { __wake_up, finish_wait, init_wait, prepare_to_wait, wait_queue_head } from '../../kernel/sched/wait.ts';
import { TICK_NSEC } from '../../kernel/time/timekeeping.ts';
import { get_ns, proc_alloc_inum, proc_free_inum, put_ns, register_ns_type } from '../../kernel/nsproxy.ts';
import type { initcall_entry } from '../../init/link_vmlinux.ts';
import { ipv4_mib_init_net, type netns_mib } from '../ipv4/snmp.ts';

export const CLONE_NEWNET = 0x40000000;

/** Per-namespace IPv4 state (struct netns_ipv4, the parts the small stack keeps). */
export interface netns_ipv4 {
  /** Routes of the main table, in insertion order (fib_table main). */
  routes: fib_route[];
  /** The local table: this host's addresses and broadcast addresses (RTN_LOCAL/RTN_BROADCAST). */
  local: fib_route[];
  /** The IP identification counter (ip_select_ident). */
  ip_id: number;
  /** ip_local_port_range and the next ephemeral port handed out. */
  port_rover: number;
  /** icmp_echo_ignore_all */
  icmp_echo_ignore_all: number;
  ip_forward: number;
}

/** One route of the main table: prefix/len via gateway on a device. */
export interface fib_route {
  dst: number;
  dst_len: number;
  gw: number;
  dev: net_device;
  table: number;
  /** RTPROT_KERNEL for connected routes, RTPROT_BOOT for `ip route add`. */
  protocol: number;
  /** RT_SCOPE_LINK for connected, RT_SCOPE_UNIVERSE otherwise. */
  scope: number;
  prefsrc: number;
  type: number;
}

/** struct net: one network namespace. Extends ns_common so nsproxy.net_ns can hold it. */
export interface net extends ns_common {
  type: 'net';
  /** passive/ns.count: nsproxies, nsfs fds and bind mounts holding it. */
  count: number;
  /** The user namespace that owns it (null until user namespaces exist). */
  user_ns: ns_common | null;
  /** dev_base_head: devices in registration order. */
  dev_base: net_device[];
  /** ifindex: the last index handed out (dev_new_index starts after it). */
  ifindex: number;
  /** The namespace's loopback device (set by loopback_net_init). */
  loopback_dev: net_device | null;
  ipv4: netns_ipv4;
  /** struct netns_mib: the SNMP counters /proc/net/snmp and netstat print. */
  mib: netns_mib;
  /** net_generic(): each pernet_operations' private data, by its id. */
  gen: Map<pernet_operations, unknown>;
  /** Set by cleanup_net once the last reference is gone. */
  dead: boolean;
  /** The anchor of the namespace's /proc/net tree and its stat directory (proc_net_ns_init); null once torn down. */
  proc_net: proc_dir_entry | null;
  proc_net_stat: proc_dir_entry | null;
}

/** struct pernet_operations: init/exit run in each namespace (setup_net / cleanup_net). */
export interface pernet_operations {
  name: string;
  init?: (net: net) => number;
  exit?: (net: net) => void;
}

interface NetNsState {
  init_net: net | null;
  /** net_namespace_list */
  list: net[];
  /** pernet_list: subsystems first, then devices (first_device splits them), as Linux keeps them. */
  subsys: pernet_operations[];
  device: pernet_operations[];
  /** cleanup_list: namespaces whose last reference is gone, waiting for the netns workqueue. */
  cleanup: net[];
  /** Where the netns worker sleeps while cleanup_list is empty. */
  cleanup_wait: wait_queue_head;
}

const netnsState = defineState<NetNsState>('net_namespace', () => ({
  init_net: null, list: [], subsys: [], device: [], cleanup: [], cleanup_wait: new wait_queue_head('netns'),
}));

function net_alloc(inum: number, user_ns: ns_common | null): net {
  return {
    type: 'net', ns_inum: inum, count: 1, user_ns, dev_base: [], ifindex: 0, loopback_dev: null,
    ipv4: { routes: [], local: [], ip_id: 1, port_rover: 32768, icmp_echo_ignore_all: 0, ip_forward: 0 },
    mib: ipv4_mib_init_net(), gen: new Map(), dead: false, proc_net: null, proc_net_stat: null,
  };
}

/** All pernet operations in the order setup_net runs them (subsystems, then devices). */
function pernet_list(): pernet_operations[] {
  const st = netnsState();
  return [...st.subsys, ...st.device];
}

/** setup_net(): runs every pernet init; on failure undoes the ones that ran, in reverse. */
function setup_net(n: net): number {
  const done: pernet_operations[] = [];
  for (const ops of pernet_list()) {
    const r = ops.init?.(n) ?? 0;
    if (r) {
      for (const o of done.reverse()) o.exit?.(n);
      return r;
    }
    done.push(ops);
  }
  netnsState().list.push(n);
  return 0;
}

/** net_ns_init(): init_net, with the first dynamic proc inum (4026531840 on a fresh boot). */
export function net_ns_init(): net {
  const st = netnsState();
  if (st.init_net) return st.init_net;
  const n = net_alloc(proc_alloc_inum(), null);
  st.init_net = n;
  // create_singlethread_workqueue("netns"): its kthread is one of kthreadd's boot children, and cleanup work runs there.
  kthread_run_at_boot('netns', netns_worker);
  setup_net(n);
  return n;
}

/** &init_net of this machine. */
export function init_net(): net {
  return netnsState().init_net ?? net_ns_init();
}

export function net_eq(a: net, b: net): boolean { return a === b; }

/** Every live namespace, init_net first (for_each_net). */
export function for_each_net(): readonly net[] { return netnsState().list; }

export function get_net(n: net): net {
  n.count++;
  return n;
}

/** Drops a reference; the last one queues the namespace for cleanup_net (__put_net). */
export function put_net(n: net): void {
  if (--n.count > 0 || n === netnsState().init_net) return;
  __put_net(n);
}

/** __put_net(): onto cleanup_list, and the netns worker woken; the namespace is torn down in process context later. */
function __put_net(n: net): void {
  const st = netnsState();
  if (n.dead || st.cleanup.includes(n)) return;
  st.cleanup.push(n);
  __wake_up(st.cleanup_wait, TASK_NORMAL, 1);
}

/**
 * One RCU grace period (synchronize_rcu, rcu_barrier): three ticks, what a quiet two-CPU machine at HZ=250 takes for
 * its CPUs to pass through quiescent states and the grace-period kthread to notice.
 */
const RCU_GP_NS = 3 * TICK_NSEC;
function* synchronize_rcu(): KGen<void> { yield* schedule_timeout_uninterruptible(RCU_GP_NS); }

/**
 * cleanup_net() (net_cleanup_work on the netns workqueue): takes every namespace on cleanup_list, waits for readers
 * (synchronize_rcu, and the loopback's unregistration: synchronize_net, then netdev_run_todo's rcu_barrier), runs the
 * pernet exits in reverse (devices first; the /proc/net entries and the namespace's inum go back here), waits out the
 * RCU callbacks (rcu_barrier) and then puts each owning user namespace.
 */
function* cleanup_net(): KGen<void> {
  const st = netnsState();
  const kill = st.cleanup.splice(0);
  st.list = st.list.filter((x) => !kill.includes(x));
  for (let gp = 0; gp < 3; gp++) yield* synchronize_rcu();
  for (const n of kill) net_teardown(n);
  yield* synchronize_rcu();
  for (const n of kill) put_ns(n.user_ns);
}

/** ops_exit_list over every pernet_operations in reverse, net_ns_net_exit's ns_free_inum among them. */
function net_teardown(n: net): void {
  for (const ops of pernet_list().reverse()) ops.exit?.(n);
  n.dead = true;
  proc_free_inum(n.ns_inum);
}

/** The netns workqueue's worker: sleeps idle until a namespace is queued, then runs cleanup_net. */
function* netns_worker(): KGen<number> {
  const st = netnsState();
  const wait = init_wait();
  for (;;) {
    while (st.cleanup.length === 0) {
      prepare_to_wait(st.cleanup_wait, wait, TASK_IDLE);
      if (st.cleanup.length === 0) yield* schedule();
    }
    finish_wait(st.cleanup_wait, wait);
    yield* cleanup_net();
  }
}

/** Whether a namespace's teardown is still pending (tests and the Namespaces view: it is gone from lsns, not yet freed). */
export function net_cleanup_pending(n: net): boolean { return netnsState().cleanup.includes(n) || (!n.dead && !netnsState().list.includes(n)); }

/**
 * copy_net_ns(): the caller's namespace again (one more reference) unless CLONE_NEWNET
 * asks for a new one, which gets a fresh inum and every pernet init (its own lo). A new one
 * has no reference yet: whoever installs it (switch_task_namespaces, get_net) takes the first.
 */
export function copy_net_ns(flags: number, user_ns: ns_common | null, old_net: net): net | number {
  if (!(flags & CLONE_NEWNET)) return get_net(old_net);
  const n = net_alloc(proc_alloc_inum(), user_ns);
  n.count = 0;
  if (user_ns) get_ns(user_ns);
  const r = setup_net(n);
  if (r) { proc_free_inum(n.ns_inum); return r < 0 ? r : -ENOMEM; }
  return n;
}

/** The net type's hooks in kernel/nsproxy.ts: clone/unshare copy through copy_net_ns, the last put_ns runs cleanup_net. */
function net_ns_type_init(): number {
  register_ns_type('net', {
    copy: (flags, user_ns, old) => copy_net_ns(flags, user_ns, old as net),
    release: (ns) => __put_net(ns as net),
  });
  return 0;
}

export const initcalls: initcall_entry[] = [['pure', 'net_ns_type_init', net_ns_type_init, 1_000]];

function register_pernet(list: pernet_operations[], ops: pernet_operations): number {
  const done: net[] = [];
  for (const n of netnsState().list) {
    const r = ops.init?.(n) ?? 0;
    if (r) {
      for (const d of done) ops.exit?.(d);
      return r;
    }
    done.push(n);
  }
  list.push(ops);
  return 0;
}

/** register_pernet_subsys(): a subsystem (protocol tables, /proc/net files). */
export function register_pernet_subsys(ops: pernet_operations): number { return register_pernet(netnsState().subsys, ops); }
/** register_pernet_device(): a device (loopback), torn down before the subsystems. */
export function register_pernet_device(ops: pernet_operations): number { return register_pernet(netnsState().device, ops); }

function unregister_pernet(list: pernet_operations[], ops: pernet_operations): void {
  const i = list.indexOf(ops);
  if (i < 0) return;
  list.splice(i, 1);
  for (const n of netnsState().list) ops.exit?.(n);
}

export function unregister_pernet_subsys(ops: pernet_operations): void { unregister_pernet(netnsState().subsys, ops); }
export function unregister_pernet_device(ops: pernet_operations): void { unregister_pernet(netnsState().device, ops); }

/** net_generic(): a pernet_operations' private data in a namespace. */
export function net_generic<T>(n: net, ops: pernet_operations): T | undefined { return n.gen.get(ops) as T | undefined; }
