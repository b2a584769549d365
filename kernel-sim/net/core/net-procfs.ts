// Models linux/net/core/net-procfs.c: /proc/net/dev (dev_seq_show) and /proc/net/ptype of a namespace; net/core/proc_net_files.ts registers them per namespace.
import { seq_puts, type seq_file } from '../../fs/seq_file.ts';
import { dev_get_stats, ptype_list } from './dev.ts';
import type { net } from './net_namespace.ts';

const u = (n: number, w: number): string => String(n).padStart(w);

/** dev_seq_show(): the header, then one line of counters per device in the namespace. */
export function dev_seq_show(m: seq_file, n: net): void {
  seq_puts(m, 'Inter-|   Receive                                                |  Transmit\n' +
    ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n');
  for (const dev of n.dev_base) {
    const s = dev_get_stats(dev);
    seq_puts(m, `${dev.name.padStart(6)}: ${u(s.rx_bytes, 7)} ${u(s.rx_packets, 7)} ${u(s.rx_errors, 4)} ${u(s.rx_dropped + s.rx_missed_errors, 4)} ` +
      `${u(s.rx_fifo_errors, 4)} ${u(s.rx_length_errors + s.rx_over_errors + s.rx_crc_errors + s.rx_frame_errors, 5)} ` +
      `${u(s.rx_compressed, 10)} ${u(s.multicast, 9)} ${u(s.tx_bytes, 8)} ${u(s.tx_packets, 7)} ${u(s.tx_errors, 4)} ` +
      `${u(s.tx_dropped, 4)} ${u(s.tx_fifo_errors, 4)} ${u(s.collisions, 5)} ` +
      `${u(s.tx_carrier_errors + s.tx_aborted_errors + s.tx_window_errors + s.tx_heartbeat_errors, 7)} ${u(s.tx_compressed, 10)}\n`);
  }
}

/** ptype_seq_show(): the protocols' receive handlers by ethertype (ptype_base's hash order: type & 15), then the function. */
export function ptype_seq_show(m: seq_file, n: net): void {
  seq_puts(m, 'Type Device      Function\n');
  // ptype_all (ETH_P_ALL, shown as ALL) before ptype_base; a packet socket's hook only in its namespace.
  const list = [...ptype_list()].filter((pt) => (pt.dev ? pt.dev.nd_net === n : !pt.net || pt.net === n))
    .sort((a, b) => (a.type === 3 ? -1 : a.type & 15) - (b.type === 3 ? -1 : b.type & 15));
  for (const pt of list) {
    seq_puts(m, `${pt.type === 3 ? 'ALL ' : pt.type.toString(16).padStart(4, '0')} ${(pt.dev?.name ?? '').padEnd(8)} ${pt.func.name}\n`);
  }
}
