// blktrace and blkparse on the default machine: /sys/kernel/debug/block/<disk>/ with the relay files while a trace is set up, `blktrace -o - | blkparse -i -` and the <dev>.blktrace.<cpu> files, the action letters with blkparse's default field layout (against a sample written from its documented format), the real blkparse's output for trace files the workbench wrote, plugging and merges (P M F U), splits (X), partition remaps (A), an I/O error, messages, drops with small buffers, blkparse's -f/-F formats, and the kernel's refusals.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';
import { run } from '../core/harness.ts';
import type { KGen } from '../../../kernel-sim/include/linux/sched.ts';
import { null_devices } from '../../../kernel-sim/drivers/block/null_blk/main.ts';
import { bio_alloc, bio_add_page } from '../../../kernel-sim/block/bio.ts';
import { submit_bio, submit_bio_wait, blk_start_plug, blk_finish_plug } from '../../../kernel-sim/block/blk-core.ts';
import { REQ_OP_READ, type bio } from '../../../kernel-sim/include/linux/blk_types.ts';

const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');
const sample = readFileSync(new URL('../../fixtures/blktrace/blkparse-default.txt', import.meta.url), 'utf8');

/** blkparse_fmt.c's default header: "%3d,%-3d %2d %8d %5d.%09lu %5u %2s %3s ". */
const HEADER = /^([ \d]{2}\d),(\d[ \d]{2}) ([ \d]\d) ([ \d]{7}\d) ([ \d]{4}\d)\.(\d{9}) ([ \d]{4}\d) ([ A-Z]{2}| m) ([ A-Z]{3}) /;
/** Each action's tail in the default format. */
const TAILS: Record<string, RegExp> = {
  Q: /^\d+ \+ \d+ \[[^\]]+\]$/, G: /^\d+ \+ \d+ \[[^\]]+\]$/, I: /^\d+ \+ \d+ \[[^\]]+\]$/, D: /^\d+ \+ \d+ \[[^\]]+\]$/,
  M: /^\d+ \+ \d+ \[[^\]]+\]$/, F: /^\d+ \+ \d+ \[[^\]]+\]$/, C: /^\d+ \+ \d+ \[\d+\]$/, R: /^\d+ \+ \d+ \[\d+\]$/,
  P: /^\[[^\]]+\]$/, U: /^\[[^\]]+\] \d+$/, UT: /^\[[^\]]+\] \d+$/, X: /^\d+ \/ \d+ \[[^\]]+\]$/,
  A: /^\d+ \+ \d+ <- \(\d+,\d+\) \d+$/, m: /^.*$/,
};

/** Splits a trace line into its action and tail, failing the test when the layout is not blkparse's. */
function fields(line: string): { act: string; rwbs: string; tail: string; sector: string } {
  const h = HEADER.exec(line);
  expect(h, `header layout: ${JSON.stringify(line)}`).not.toBeNull();
  const act = h![8]!.trim(), tail = line.slice(h![0].length);
  expect(TAILS[act], `action ${act}`).toBeDefined();
  expect(tail, `tail of ${act}: ${JSON.stringify(line)}`).toMatch(TAILS[act]!);
  return { act, rwbs: h![9]!.trim(), tail, sector: tail.split(' ')[0]! };
}

const trace_lines = (out: string): string[] => out.split('\n').filter((l) => HEADER.test(l));
/** The summary's lines with the numbers blanked: what must match the sample line for line. */
const summary_shape = (out: string): string[] => out.slice(out.search(/^CPU\d+ \(/m)).split('\n').map((l) => l.replace(/[\d,]+/g, '9').replace(/\(.*?\)/g, '(X)'));

describe('blktrace and blkparse', () => {
  const m = new Machine({ dts, dtsName: 'default.dts' });
  m.boot();
  const sh = (cmd: string): string => m.runCommand(cmd).output;
  sh('mount -t debugfs debugfs /sys/kernel/debug');

  it('the sample follows the documented layout (every line of it parses with the test\'s rules)', () => {
    const lines = trace_lines(sample);
    expect(lines.length).toBe(16);
    expect(lines.map((l) => fields(l).act)).toEqual(['A', 'Q', 'G', 'P', 'Q', 'M', 'U', 'I', 'D', 'C', 'Q', 'X', 'UT', 'C', 'R', 'm']);
  });

  it('the real blkparse reads the workbench\'s binary trace files: the guest\'s blkparse prints what the host\'s printed for the same files, byte for byte (default and -f formats)', () => {
    const host = (f: string): Uint8Array => readFileSync(new URL(`../../fixtures/blktrace/host/${f}`, import.meta.url));
    sh('mkdir -p /tmp/host');
    for (const cpu of [0, 1]) m.putFile(`/tmp/host/vdb.blktrace.${cpu}`, host(`vdb.blktrace.${cpu}`));
    const text = (f: string): string => new TextDecoder().decode(host(f));
    expect(sh('cd /tmp/host; blkparse -i vdb | cat')).toBe(text('blkparse-i-vdb.txt'));
    expect(sh('cd /tmp/host; blkparse -i vdb -f "%D %2c %8s %5T.%9t %5p %2a %3d %S %n %C\\n" | cat')).toBe(text('blkparse-f.txt'));
    // A trace made now has the same records: each a struct blk_io_trace with the magic and version 7, its pdu after it.
    sh('cd /tmp; blktrace -d /dev/vdb -w 1 -o new >/dev/null & sleep 0; dd if=/dev/vdb of=/dev/null bs=4k count=1 iflag=direct 2>/dev/null; wait');
    const bytes = Uint8Array.from(sh('od -An -tx1 -v /tmp/new.blktrace.0 /tmp/new.blktrace.1').split(/\s+/).filter(Boolean).map((h) => parseInt(h, 16)));
    const dv = new DataView(bytes.buffer);
    let n = 0;
    for (let off = 0; off < bytes.length; off += 48 + dv.getUint16(off + 46, true), n++) expect(dv.getUint32(off, true)).toBe(0x65617407);
    expect(n).toBeGreaterThan(3);
  });

  it('/sys/kernel/debug/block has a directory per disk; a set-up trace adds dropped, msg and trace<cpu> there and teardown removes them', () => {
    expect(sh('ls /sys/kernel/debug/block')).toMatch(/^(.*\n)*vda\nvdb\n$/);
    expect(sh('blktrace -d /dev/vdb -w 1 -o /tmp/x >/dev/null & sleep 0; stat -c "%a %n" /sys/kernel/debug/block/vdb/*; wait')).toBe([
      '444 /sys/kernel/debug/block/vdb/dropped', '222 /sys/kernel/debug/block/vdb/msg', '400 /sys/kernel/debug/block/vdb/trace0', '400 /sys/kernel/debug/block/vdb/trace1', '',
    ].join('\n'));
    expect(sh('ls /sys/kernel/debug/block/vdb; echo end')).toBe('end\n');
  });

  it('blktrace -o - | blkparse -i -: a direct read is Q G D C and a direct write W, by dd, in blkparse\'s default layout, then the per-CPU summary', () => {
    const out = sh('blktrace -d /dev/vdb -w 2 -o - | blkparse -i - > /tmp/p & sleep 1; dd if=/dev/vdb of=/dev/null bs=4k count=1 skip=4 iflag=direct 2>/dev/null; dd if=/dev/zero of=/dev/vdb bs=4k count=1 seek=6 oflag=direct 2>/dev/null; wait; cat /tmp/p');
    const lines = trace_lines(out).map(fields);
    expect(lines.map((f) => `${f.act} ${f.rwbs} ${f.sector}`)).toEqual(['Q R 32', 'G R 32', 'D R 32', 'C R 32', 'Q WS 48', 'G WS 48', 'D WS 48', 'C WS 48']);
    expect(lines[0]!.tail).toBe('32 + 8 [dd]');
    expect(lines[3]!.tail).toBe('32 + 8 [0]');
    for (const l of trace_lines(out)) expect(l.slice(0, 8)).toBe('254,16  ');
    // Every line of the summary has the sample's shape; the device is named by its numbers when read from a pipe.
    const shape = summary_shape(out), want = summary_shape(sample);
    expect(shape.slice(0, 8)).toEqual(want.slice(0, 8));
    expect(out).toMatch(/\nThroughput \(R\/W\): [\d,]+KiB\/s \/ [\d,]+KiB\/s\nEvents \(254,16\): 8 entries\nSkips: 0 forward \(0 - {3}0\.0%\)\n$/);
    expect(out).toContain(' Reads Queued:           1,        4KiB\t Writes Queued:           0,        0KiB\n');
  });

  it('file output: <dev>.blktrace.<cpu> per CPU with blktrace\'s summary, read back by blkparse -i <dev>; partition IO shows the remap (A)', () => {
    const out = sh('cd /tmp; blktrace -d /dev/vda -w 2 & sleep 1; dd if=/dev/vda1 of=/dev/null bs=4k count=1 skip=3 iflag=direct 2>/dev/null; wait; ls vda.blktrace.*; blkparse -i vda -q');
    expect(out).toMatch(/^=== vda ===\n {2}CPU {2}0: +\d+ events, +\d+ KiB data\n {2}CPU {2}1: +\d+ events, +\d+ KiB data\n {2}Total: +\d+ events \(dropped 0\), +\d+ KiB data\nvda\.blktrace\.0\nvda\.blktrace\.1\n/);
    expect(out).toMatch(/Input file vda\.blktrace\.\d added\n/);
    const a = trace_lines(out).map(fields).find((f) => f.act === 'A' && f.tail.endsWith('<- (254,1) 24'));
    expect(a, out).toBeDefined();
    expect(a!.tail).toBe('2072 + 8 <- (254,1) 24');
    expect(a!.rwbs).toBe('R');
    expect(out).not.toContain('CPU0 (vda)'); // -q: no summary
  });

  it('msg writes show as m lines; -a complete keeps only completions', () => {
    const out = sh('blktrace -d /dev/vdb -w 2 -a complete -o - | blkparse -i - > /tmp/p & sleep 1; echo hello > /sys/kernel/debug/block/vdb/msg; dd if=/dev/vdb of=/dev/null bs=4k count=1 iflag=direct 2>/dev/null; wait; cat /tmp/p');
    const lines = trace_lines(out).map(fields);
    expect(lines.map((f) => f.act)).toEqual(['m', 'C']);
    expect(lines[0]!.tail).toBe('hello');
  });

  it('blkparse -f and -F: the user\'s format per action (fields with widths and -, %%, escapes), -F over -f, and blkparse\'s refusals', () => {
    sh('cd /tmp; blktrace -d /dev/vdb -w 2 -o fmt & sleep 1; dd if=/dev/vdb of=/dev/null bs=4k count=1 skip=8 iflag=direct 2>/dev/null; wait');
    const out = sh(String.raw`cd /tmp; blkparse -q -i fmt -f '%a|%-3d|%S+%n|%N|%D|%5p|%C|100%%\n' -F 'C,done %S [%e] %T.%6t\t%c\n'`);
    const lines = out.replace(/\n$/, '').split('\n').filter((l) => !l.startsWith('Input file '));
    expect(lines.slice(0, 3)).toEqual([
      'Q|R  |64+8|4096|254,16 |' + lines[0]!.split('|')[5] + '|dd|100%',
      'G|R  |64+8|4096|254,16 |' + lines[1]!.split('|')[5] + '|dd|100%',
      'D|R  |64+8|4096|254,16 |' + lines[2]!.split('|')[5] + '|dd|100%',
    ]);
    expect(lines[0]!.split('|')[5]).toMatch(/^ *\d+$/);
    expect(lines[0]!.split('|')[5]).toHaveLength(5);
    expect(lines[3]).toMatch(/^done 64 \[0\] 0\.\d{6}\t\d$/);
    expect(lines).toHaveLength(4);
    const bad = (a: string): string => sh(`cd /tmp; blkparse -q -i fmt ${a} 2>&1; echo rc=$?`).replace(/^Input file .*\n/gm, '');
    expect(bad(`-F 'Z,x'`)).toBe('Bad format specifier Z\nrc=1\n');
    expect(bad(`-F 'Cx'`)).toBe('Bad format specifier - need \',\' Cx\nrc=1\n');
    expect(bad(String.raw`-f '%a\q'`)).toBe('Invalid escape char in format q\nrc=1\n');
    expect(bad(`-f '%u'`)).toBe('Expecting elapsed value\nrc=1\n');
  });

  it('small buffers drop records and say so', () => {
    const out = sh('cd /tmp; blktrace -d /dev/vdb -w 3 -b 1 -n 1 -o small 2>&1 & sleep 1; dd if=/dev/vdb of=/dev/null bs=4k count=64 iflag=direct 2>/dev/null; wait');
    const m2 = /Total: +\d+ events \(dropped (\d+)\)/.exec(out);
    expect(Number(m2?.[1])).toBeGreaterThan(0);
    expect(out).toMatch(/\nYou have \d+ \( *\d+\.\d%\) dropped events\nConsider using a larger buffer size \(-b\) and\/or more buffers \(-n\)\n/);
  });

  it('refusals: a second trace on the disk is EBUSY, no debugfs is an invalid debug path, a missing device an invalid path', () => {
    const out = sh('blktrace -d /dev/vdb -w 2 -o /tmp/a & sleep 1; blktrace -d /dev/vdb -w 1 -o /tmp/b; echo rc=$?; wait; dmesg | tail -1');
    expect(out).toContain('BLKTRACESETUP(2) /dev/vdb failed: 16/Device or resource busy\nrc=1\n');
    expect(out).toContain('Concurrent blktraces are not allowed on vdb');
    expect(sh('blktrace -d /dev/vdb -r /tmp; echo rc=$?')).toBe('Invalid debug path /tmp: 0/Success\nrc=1\n');
    expect(sh('blktrace -d /dev/nosuch; echo rc=$?')).toBe('Invalid path /dev/nosuch specified: 2/No such file or directory\nrc=1\n');
  });

  describe('on null_blk, from inside the kernel', () => {
    sh('modprobe null_blk');
    const page = (): Uint8Array => new Uint8Array(4096);
    const rbio = (sector: number, bytes: number): bio => {
      const b = bio_alloc(null_devices()[0]!.disk.part0, Math.ceil(bytes / 4096), REQ_OP_READ);
      b.bi_iter.bi_sector = sector;
      for (let off = 0; off < bytes; off += 4096) bio_add_page(b, page(), Math.min(4096, bytes - off), 0);
      return b;
    };
    const inKernel = (fn: () => KGen<number>): void => { expect(run(m, fn).status).toBe(0); };

    it('a plug gathers three adjacent reads (P, then M and F merges) and its unplug issues one request — with no U: null_blk has no ->commit_rqs, and 6.1 traces unplugs of a direct issue only there; a large read is split (X); a bad sector completes with -EIO as blkparse prints it', () => {
      sh('blktrace -d /dev/nullb0 -w 3 -o /tmp/n &');
      inKernel(function* () {
        const plug = blk_start_plug();
        let done = 0;
        for (const b of [rbio(1000, 4096), rbio(1008, 4096), rbio(992, 4096)]) { b.bi_end_io = () => { done++; }; yield* submit_bio(b); }
        blk_finish_plug(plug);
        while (done < 3) yield* submit_bio_wait(rbio(0, 512));
        yield* submit_bio_wait(rbio(4096, 256 * 1024));
        null_devices()[0]!.badblocks.add(8192);
        yield* submit_bio_wait(rbio(8192, 4096));
        return 0;
      });
      const out = sh('sleep 4; cd /tmp; blkparse -i n');
      const f = trace_lines(out).map(fields);
      const acts = f.map((x) => x.act).join(' ');
      expect(acts).toMatch(/^Q G P Q M Q F D C /);
      expect(f.some((x) => x.act === 'U')).toBe(false);
      expect(f.find((x) => x.act === 'D')!.tail).toMatch(/^992 \+ 24 /);
      expect(f.find((x) => x.act === 'X')!.tail).toMatch(/^4096 \/ 4351 \[/);
      expect(f.filter((x) => x.act === 'C').map((x) => x.tail)).toContain('8192 + 8 [65531]');
      expect(out).toContain(' Read Merges:            2,        8KiB\t Write Merges:            0,        0KiB\n');
      expect(out).toContain(' IO unplugs:             0        \t Timer unplugs:           0\n');
    });
  });
});
