// The user-mode network behind the NIC (hw/net/slirp.ts) on its own: ARP and ICMP echo answered for 10.0.2.2 and 10.0.2.3 only, in virtual time, and a corrupted echo request ignored.
import { describe, it, expect } from 'vitest';
import { TestClock } from '../../../kernel-sim/hw/core/test-clock.ts';
import { Slirp, SLIRP_REPLY_NS } from '../../../kernel-sim/hw/net/slirp.ts';

const GUEST_MAC = [0x52, 0x54, 0x00, 0x12, 0x34, 0x56];
const ip = (s: string): number[] => s.split('.').map(Number);

function arp_request(target: string): Uint8Array {
  return Uint8Array.from([...new Array(6).fill(0xff), ...GUEST_MAC, 0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1, ...GUEST_MAC, ...ip('10.0.2.15'), 0, 0, 0, 0, 0, 0, ...ip(target)]);
}

function csum(b: number[]): number {
  let s = 0;
  for (let i = 0; i < b.length; i += 2) s += (b[i]! << 8) | (b[i + 1] ?? 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

function echo_request(target: string): Uint8Array {
  const icmp = [8, 0, 0, 0, 0x12, 0x34, 0, 1, ...'abcdefgh'.split('').map((c) => c.charCodeAt(0))];
  const c = csum(icmp); icmp[2] = c >> 8; icmp[3] = c & 0xff;
  const iph = [0x45, 0, 0, 20 + icmp.length, 0, 7, 0x40, 0, 64, 1, 0, 0, ...ip('10.0.2.15'), ...ip(target)];
  const h = csum(iph); iph[10] = h >> 8; iph[11] = h & 0xff;
  return Uint8Array.from([0x52, 0x55, 10, 0, 2, 2, ...GUEST_MAC, 0x08, 0x00, ...iph, ...icmp]);
}

function slirp(): { s: Slirp; clock: TestClock; out: { at: number; f: Uint8Array }[] } {
  const clock = new TestClock();
  const out: { at: number; f: Uint8Array }[] = [];
  const s = new Slirp(clock, (f) => out.push({ at: clock.now_ns(), f }));
  return { s, clock, out };
}

describe('slirp', () => {
  it('answers ARP for the gateway with 52:55:0a:00:02:02 in a 64-byte reply after its reply time, and not for other addresses', () => {
    const { s, clock, out } = slirp();
    s.input(arp_request('10.0.2.9'));
    s.input(arp_request('10.0.2.2'));
    clock.clock_step(SLIRP_REPLY_NS - 1);
    expect(out).toHaveLength(0);
    clock.clock_step(1);
    expect(out).toHaveLength(1);
    const r = [...out[0]!.f];
    expect(r.length).toBe(64);
    expect(r.slice(0, 14)).toEqual([...GUEST_MAC, 0x52, 0x55, 10, 0, 2, 2, 0x08, 0x06]);
    expect(r.slice(20, 42)).toEqual([0, 2, 0x52, 0x55, 10, 0, 2, 2, ...ip('10.0.2.2'), ...GUEST_MAC, ...ip('10.0.2.15')]);
    expect(s.arp_table.has(0x0a00020f)).toBe(true);
  });

  it('reflects an echo request to 10.0.2.3 with TTL 255 and valid checksums; a corrupted one gets nothing', () => {
    const { s, clock, out } = slirp();
    const bad = echo_request('10.0.2.3');
    bad[bad.length - 1]! ^= 0xff;
    s.input(bad);
    s.input(echo_request('10.0.2.3'));
    clock.clock_step(SLIRP_REPLY_NS);
    expect(out).toHaveLength(1);
    const r = [...out[0]!.f];
    expect(r.slice(0, 12)).toEqual([...GUEST_MAC, 0x52, 0x55, 10, 0, 2, 2]);
    expect(r[22]).toBe(255);
    expect(r.slice(26, 34)).toEqual([...ip('10.0.2.3'), ...ip('10.0.2.15')]);
    expect(r[34]).toBe(0);
    expect([csum(r.slice(14, 34)), csum(r.slice(34))]).toEqual([0, 0]);
    expect(r.slice(38)).toEqual([...echo_request('10.0.2.3')].slice(38));
  });
});
