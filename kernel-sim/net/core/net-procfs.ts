// Models linux/net/core/net-procfs.c: /proc/PID/net/ (what /proc/net points at) for the task's namespace, with dev.
import type { task_struct } from '../../include/linux/sched.ts';
import type { pid_entry } from '../../fs/proc/pid_inode.ts';
import { S_IFREG } from '../../include/uapi/stat.ts';
import { seq_puts, type seq_file } from '../../fs/seq_file.ts';
import { dev_get_stats } from './dev.ts';
import { arp_lines } from '../ipv4/arp.ts';
import { fib_route_lines } from '../ipv4/fib.ts';
import { tcp4_seq_show, udp4_seq_show } from '../ipv4/proc.ts';
import type { net } from './net_namespace.ts';

/** The network namespace a task's /proc/PID/net shows. */
export function task_net(t: task_struct): net { return t.nsproxy.net_ns as net; }

const u = (n: number, w: number): string => String(n).padStart(w);

/** dev_seq_show(): the header, then one line of counters per device in the namespace. */
function dev_seq_show(m: seq_file, t: task_struct): number {
  seq_puts(m, 'Inter-|   Receive                                                |  Transmit\n' +
    ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n');
  for (const dev of task_net(t).dev_base) {
    const s = dev_get_stats(dev);
    seq_puts(m, `${dev.name.padStart(6)}: ${u(s.rx_bytes, 7)} ${u(s.rx_packets, 7)} ${u(s.rx_errors, 4)} ${u(s.rx_dropped + s.rx_missed_errors, 4)} ` +
      `${u(s.rx_fifo_errors, 4)} ${u(s.rx_length_errors + s.rx_over_errors + s.rx_crc_errors + s.rx_frame_errors, 5)} ` +
      `${u(s.rx_compressed, 10)} ${u(s.multicast, 9)} ${u(s.tx_bytes, 8)} ${u(s.tx_packets, 7)} ${u(s.tx_errors, 4)} ` +
      `${u(s.tx_dropped, 4)} ${u(s.tx_fifo_errors, 4)} ${u(s.collisions, 5)} ` +
      `${u(s.tx_carrier_errors + s.tx_aborted_errors + s.tx_window_errors + s.tx_heartbeat_errors, 7)} ${u(s.tx_compressed, 10)}\n`);
  }
  return 0;
}

type net_show = (m: seq_file, t: task_struct) => number | void;
const ONE = (name: string, show: net_show): pid_entry => ({ name, mode: S_IFREG | 0o444, show });

// kernel-static: the file table of every namespace's /proc/net (proc_create_net_single calls), constants
const proc_net_stuff: pid_entry[] = [
  ONE('arp', (m, t) => { seq_puts(m, arp_lines(task_net(t).dev_base)); }),
  ONE('dev', dev_seq_show),
  ONE('route', (m, t) => { seq_puts(m, fib_route_lines(task_net(t))); }),
  ONE('tcp', (m, t) => { tcp4_seq_show(m, task_net(t)); }),
  ONE('udp', (m, t) => { udp4_seq_show(m, task_net(t)); }),
];

/** The entries of /proc/PID/net (fs/proc/base.c lists them through this). */
export function proc_net_entries(): pid_entry[] { return proc_net_stuff; }
