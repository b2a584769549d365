// Models the receive queue of linux/net/core/datagram.c (skb_recv_datagram): datagrams queued on a socket, taken by recvmsg, sleeping until one arrives.
import type { KGen } from '../../include/linux/sched.ts';
import { EAGAIN } from '../../include/uapi/asm-generic/errno.ts';
import { wait_event_interruptible, wake_up_interruptible_all } from '../../kernel/sched/wait.ts';
import type { socket, recv_result } from '../socket.ts';
import { MSG_PEEK } from '../socket.ts';

/** net.core.rmem_default: bytes a socket may hold unread. */
const RCVBUF = 212992;

export interface dgram_queue { items: recv_result[]; bytes: number; err: number; shut: boolean }

export function new_dgram_queue(): dgram_queue { return { items: [], bytes: 0, err: 0, shut: false }; }

/** sock_queue_rcv_skb(): queued unless the receive buffer is full (then dropped, as Linux counts RcvbufErrors). */
export function dgram_enqueue(sock: socket, q: dgram_queue, r: recv_result): boolean {
  if (q.bytes + r.data.length > RCVBUF) return false;
  q.items.push(r);
  q.bytes += r.data.length;
  wake_up_interruptible_all(sock.wq);
  return true;
}

/** skb_recv_datagram(): the next datagram, truncated to `size`. */
export function* dgram_recv(sock: socket, q: dgram_queue, size: number, flags: number, nonblock: boolean): KGen<recv_result | number> {
  if (!q.items.length) {
    if (q.err) { const e = q.err; q.err = 0; return -e; }
    if (q.shut) return { data: new Uint8Array(0), addr: null, full_len: 0 };
    if (nonblock) return -EAGAIN;
    const r = yield* wait_event_interruptible(sock.wq, () => q.items.length > 0 || q.err !== 0 || q.shut, 'skb_wait_for_more_packets');
    if (r) return r;
    if (!q.items.length) {
      if (q.err) { const e = q.err; q.err = 0; return -e; }
      return { data: new Uint8Array(0), addr: null, full_len: 0 };
    }
  }
  const r = q.items[0];
  if (!(flags & MSG_PEEK)) { q.items.shift(); q.bytes -= r.data.length; }
  return { data: r.data.subarray(0, size), addr: r.addr, full_len: r.data.length };
}

/** datagram_poll(): readable with a datagram queued (or an error), always writable. */
export function dgram_poll(q: dgram_queue): number {
  return (q.items.length || q.shut ? 0x1 | 0x40 : 0) | 0x4 | 0x100 | (q.err ? 0x8 : 0);
}
