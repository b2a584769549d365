// Models BusyBox's nc (networking/nc.c): connect to or listen on a TCP or UDP port and copy stdin to the socket and the socket to stdout.
import type { KGen } from '../../../include/linux/sched.ts';
import type { Libc } from '../../lib/libc.ts';
import { strerror } from '../../lib/libc.ts';
import { getopt, optval, has } from '../../lib/getopt.ts';
import {
  socket, bind, connect, listen, accept, sendto, recvfrom, shutdown, poll, sockaddr_in, parse_sockaddr_in, inet_aton,
  AF_INET, SOCK_STREAM, SOCK_DGRAM, SHUT_WR, POLLIN, POLLHUP, POLLERR,
} from '../../lib/socket.ts';

function* die(c: Libc, msg: string, err = 0): KGen<number> {
  yield* c.write(2, `nc: ${msg}${err ? `: ${strerror(-err)}` : ''}\n`);
  return 1;
}

/** readwrite(): stdin to the socket until EOF (then a half close), the socket to stdout until the peer is done. */
function* pump(c: Libc, fd: number, udp: boolean, peer: Uint8Array | null, idle_ms: number): KGen<number> {
  let stdin_open = true;
  for (;;) {
    const fds = stdin_open ? [{ fd, events: POLLIN }, { fd: 0, events: POLLIN }] : [{ fd, events: POLLIN }];
    const pr = yield* poll(c, fds, idle_ms);
    if (typeof pr === 'number') return yield* die(c, 'poll', pr);
    if (pr.every((r) => r === 0)) return 0; // -w timeout
    if (pr[0] & (POLLIN | POLLHUP | POLLERR)) {
      const r = yield* recvfrom(c, fd, 65536);
      if (typeof r === 'number') return r === -104 ? 0 : yield* die(c, 'recv', r);
      if (!r.data.length && !udp) return 0;
      yield* c.write(1, r.data);
    }
    if (stdin_open && pr[1] & (POLLIN | POLLHUP)) {
      const d = yield* c.read(0, 65536);
      if (typeof d === 'number' || d.length === 0) {
        stdin_open = false;
        if (!udp) yield* shutdown(c, fd, SHUT_WR);
        else if (idle_ms < 0) return 0;
        continue;
      }
      const s = yield* sendto(c, fd, d, 0, peer);
      if (s < 0) return yield* die(c, 'send', s);
    }
  }
}

export function* nc_main(c: Libc, argv: string[]): KGen<number> {
  const p = getopt(argv, { short: 'lp:uw:s:' });
  if (p.error) return yield* die(c, p.error);
  const udp = has(p, 'u');
  const idle_ms = optval(p, 'w') !== undefined ? Number(optval(p, 'w')) * 1000 : -1;
  const fd = yield* socket(c, AF_INET, udp ? SOCK_DGRAM : SOCK_STREAM, 0);
  if (fd < 0) return yield* die(c, 'socket', fd);
  if (has(p, 'l')) {
    const port = Number(optval(p, 'p') ?? p.args[0] ?? 0);
    const local = inet_aton(optval(p, 's') ?? '0.0.0.0') ?? 0;
    const b = yield* bind(c, fd, sockaddr_in(local, port));
    if (b < 0) return yield* die(c, 'bind', b);
    if (udp) {
      // Wait for the first datagram, then talk to its sender.
      const r = yield* recvfrom(c, fd, 65536);
      if (typeof r === 'number') return yield* die(c, 'recv', r);
      yield* c.write(1, r.data);
      const from = parse_sockaddr_in(r.addr);
      yield* connect(c, fd, sockaddr_in(from.addr, from.port));
      return yield* pump(c, fd, true, null, idle_ms);
    }
    const l = yield* listen(c, fd, 1);
    if (l < 0) return yield* die(c, 'listen', l);
    const a = yield* accept(c, fd);
    if (typeof a === 'number') return yield* die(c, 'accept', a);
    yield* c.close(fd);
    return yield* pump(c, a.fd, false, null, idle_ms);
  }
  if (p.args.length !== 2) return yield* die(c, 'usage: nc [-u] [-w SEC] HOST PORT | nc -l -p PORT');
  const addr = inet_aton(p.args[0]);
  if (addr === null) return yield* die(c, `bad address '${p.args[0]}'`);
  const r = yield* connect(c, fd, sockaddr_in(addr, Number(p.args[1])));
  if (r < 0) return yield* die(c, `can't connect to remote host (${p.args[0]})`, r);
  return yield* pump(c, fd, udp, null, idle_ms);
}
