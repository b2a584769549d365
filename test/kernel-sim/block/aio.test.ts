// Linux native AIO (fs/aio.c) and fio's libaio engine: io_setup/io_submit/io_getevents/io_destroy/io_cancel with Linux's errors, an O_DIRECT block device's reads left in flight (several requests between D and C in blktrace), buffered files completed at submit, the staged data reaching the buffer when the event is reaped, and fio's report with the depth distribution it measured.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';
import { run } from '../core/harness.ts';
import { O_DIRECT, O_RDONLY, O_RDWR } from '../../../kernel-sim/include/uapi/stat.ts';

const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');
const EINVAL = 22, EBADF = 9, EFAULT = 14;

describe('aio and fio --ioengine=libaio', () => {
  const m = new Machine({ dts, dtsName: 'default.dts' });
  m.boot();
  const sh = (cmd: string): string => m.runCommand(cmd).output;
  sh('mount -t debugfs debugfs /sys/kernel/debug');

  it('the syscalls: a context per io_setup, iocbs read from user memory, events with data/obj/res, and Linux\'s errors', () => {
    sh('printf "0123456789abcdef" > /tmp/a');
    const r = run(m, function* (c) {
      const mem = c.alloc(4096);
      const dv = (): DataView => new DataView(c.mem().buffer);
      const ctxp = mem, cb = mem + 64, ptr = mem + 128, ev = mem + 192, buf = mem + 512;
      const fail = (what: string, got: number): number => { throw new Error(`${what}: ${got}`); };
      dv().setBigUint64(ctxp, 0n, true);
      if ((yield* c.syscall('io_setup', 0, ctxp)) !== -EINVAL) fail('io_setup 0', -1);
      let r = yield* c.syscall('io_setup', 4, ctxp);
      if (r !== 0) fail('io_setup', r);
      const ctx = Number(dv().getBigUint64(ctxp, true));
      if ((yield* c.syscall('io_setup', 4, ctxp)) !== -EINVAL) fail('io_setup over a context', -1); // *ctxp must be 0
      // A buffered file: the read is done at submit and its event is there at once.
      const fd = yield* c.open('/tmp/a', O_RDONLY);
      const iocb = (opcode: number, f: number, b: number, n: number, off: number, data: bigint): void => {
        const d = dv();
        for (let k = 0; k < 64; k += 8) d.setBigUint64(cb + k, 0n, true);
        d.setBigUint64(cb, data, true); d.setUint16(cb + 16, opcode, true); d.setUint32(cb + 20, f, true);
        d.setBigUint64(cb + 24, BigInt(b), true); d.setBigUint64(cb + 32, BigInt(n), true); d.setBigInt64(cb + 40, BigInt(off), true);
        d.setBigUint64(ptr, BigInt(cb), true);
      };
      iocb(0, fd, buf, 6, 10, 0x1234n);
      r = yield* c.syscall('io_submit', ctx, 1, ptr);
      if (r !== 1) fail('io_submit', r);
      r = yield* c.syscall('io_getevents', ctx, 1, 4, ev, 0);
      if (r !== 1) fail('io_getevents', r);
      const d = dv();
      if (d.getBigUint64(ev, true) !== 0x1234n || Number(d.getBigUint64(ev + 8, true)) !== cb || d.getBigInt64(ev + 16, true) !== 6n) fail('event', 0);
      if (new TextDecoder().decode(c.get(buf, 6)) !== 'abcdef') fail('data', 0);
      // The errors: a bad fd, an unknown command (NOOP), min_nr > nr, a bad context, a bad iocb pointer.
      iocb(0, 999, buf, 6, 0, 1n);
      if ((r = yield* c.syscall('io_submit', ctx, 1, ptr)) !== -EBADF) fail('bad fd', r);
      iocb(6, fd, 0, 0, 0, 1n);
      if ((r = yield* c.syscall('io_submit', ctx, 1, ptr)) !== -EINVAL) fail('noop', r);
      if ((r = yield* c.syscall('io_getevents', ctx, 2, 1, ev, 0)) !== -EINVAL) fail('min > nr', r);
      if ((r = yield* c.syscall('io_submit', ctx + 1, 1, ptr)) !== -EINVAL) fail('bad ctx', r);
      dv().setBigUint64(ptr, 16n, true);
      if ((r = yield* c.syscall('io_submit', ctx, 1, ptr)) !== -EFAULT) fail('bad iocb', r);
      if ((r = yield* c.syscall('io_cancel', ctx, cb, ev)) !== -EINVAL) fail('cancel', r);
      // O_DIRECT on the disk: the read stays in flight past io_submit; an unaligned one ends with -EINVAL in its event.
      const bfd = yield* c.open('/dev/vdb', O_RDWR | O_DIRECT);
      iocb(0, bfd, buf, 4096, 8192, 7n);
      if ((r = yield* c.syscall('io_submit', ctx, 1, ptr)) !== 1) fail('direct submit', r);
      if ((r = yield* c.syscall('io_getevents', ctx, 0, 4, ev, 0)) !== 0) fail('in flight', r);
      if ((r = yield* c.syscall('io_getevents', ctx, 1, 4, ev, 0)) !== 1 || dv().getBigInt64(ev + 16, true) !== 4096n) fail('direct event', r);
      iocb(0, bfd, buf, 100, 8192, 8n);
      if ((r = yield* c.syscall('io_submit', ctx, 1, ptr)) !== 1) fail('unaligned submit', r);
      if ((r = yield* c.syscall('io_getevents', ctx, 1, 4, ev, 0)) !== 1 || dv().getBigInt64(ev + 16, true) !== BigInt(-EINVAL)) fail('unaligned event', r);
      if ((r = yield* c.syscall('io_destroy', ctx)) !== 0) fail('destroy', r);
      if ((r = yield* c.syscall('io_submit', ctx, 1, ptr)) !== -EINVAL) fail('after destroy', r);
      return 0;
    });
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  it('a direct read lands in the buffer when its event is reaped (what was written through the disk); aio-nr counts the context until its process exits', () => {
    sh('printf "aio-data-on-vdb!" | dd of=/dev/vdb bs=512 seek=64 conv=sync 2>/dev/null');
    const r = run(m, function* (c) {
      const mem = c.alloc(8192);
      const base = (mem + 4095) & ~4095, dv = (): DataView => new DataView(c.mem().buffer);
      const ctxp = base, cb = base + 64, ptr = base + 128, ev = base + 192, buf = base + 4096;
      dv().setBigUint64(ctxp, 0n, true);
      yield* c.syscall('io_setup', 1, ctxp);
      const ctx = Number(dv().getBigUint64(ctxp, true));
      const fd = yield* c.open('/dev/vdb', O_RDONLY | O_DIRECT);
      const d = dv();
      for (let k = 0; k < 64; k += 8) d.setBigUint64(cb + k, 0n, true);
      d.setUint32(cb + 20, fd, true); d.setBigUint64(cb + 24, BigInt(buf), true); d.setBigUint64(cb + 32, 512n, true); d.setBigInt64(cb + 40, 32768n, true);
      d.setBigUint64(ptr, BigInt(cb), true);
      yield* c.syscall('io_submit', ctx, 1, ptr);
      if ((yield* c.syscall('io_getevents', ctx, 1, 1, ev, 0)) !== 1) return 1;
      yield* c.write(1, new TextDecoder().decode(c.get(buf, 16)));
      const nr = yield* c.read_text('/proc/sys/fs/aio-nr');
      yield* c.write(1, ` aio-nr=${typeof nr === 'string' ? nr.trim() : nr}`);
      return 0; // no io_destroy: exit_aio takes the context with the process
    });
    expect(r.output).toBe('aio-data-on-vdb! aio-nr=1');
    expect(sh('cat /proc/sys/fs/aio-nr /proc/sys/fs/aio-max-nr')).toBe('0\n65536\n');
  });

  it('fio --ioengine=libaio --iodepth=8 keeps eight reads in flight (blktrace: eight D before a C) and reports the depths it saw', () => {
    const out = sh('blktrace -d /dev/vdb -w 3 -o - | blkparse -i - -q > /tmp/p & sleep 1; fio --name=q --filename=/dev/vdb --rw=randread --bs=4k --size=1m --direct=1 --ioengine=libaio --iodepth=8; wait');
    expect(out).toContain('q: (g=0): rw=randread, bs=(R) 4096B-4096B, (W) 4096B-4096B, (T) 4096B-4096B, ioengine=libaio, iodepth=8\n');
    expect(out).toContain('     issued rwts: total=256,0,0,0 short=0,0,0,0 dropped=0,0,0,0\n');
    expect(out).toContain('     latency   : target=0, window=0, percentile=100.00%, depth=8\n');
    const depths = /\n {2}IO depths {4}: 1=(\d+\.\d)%, 2=(\d+\.\d)%, 4=(\d+\.\d)%, 8=(\d+\.\d)%, 16=0\.0%, 32=0\.0%, >=64=0\.0%\n/.exec(out);
    expect(depths, out).not.toBeNull();
    expect(Number(depths![1])).toBeGreaterThan(0); // the first commit was at depth 1
    expect(Number(depths![4])).toBeGreaterThan(0); // and some at 8
    expect(out).toMatch(/\n {5}submit {4}: 0=0\.0%, 4=100\.0%, 8=0\.0%, 16=0\.0%, 32=0\.0%, 64=0\.0%, >=64=0\.0%\n/);
    // Requests in flight at once, from the trace: dispatched and not yet completed.
    let inflight = 0, most = 0;
    for (const l of sh('cat /tmp/p').split('\n')) {
      const a = / +\d+ +\d+ +[\d.]+ +\d+ +([DC]) +R /.exec(l)?.[1];
      if (a === 'D') most = Math.max(most, ++inflight); else if (a === 'C') inflight--;
    }
    expect(most).toBe(8);
    // psync, for comparison, never has more than one.
    const p = sh('fio --name=s --filename=/dev/vdb --rw=randread --bs=4k --size=256k --direct=1 --ioengine=psync');
    expect(p).toContain('  IO depths    : 1=100.0%, 2=0.0%, 4=0.0%, 8=0.0%, 16=0.0%, 32=0.0%, >=64=0.0%\n');
  });
});
