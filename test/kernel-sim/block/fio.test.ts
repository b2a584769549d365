// fio on the default machine: jobs from the command line and from job files, real IO through the guest's system calls on vdb and on ext2 files (counted in /sys/block/<disk>/stat), the report in fio 3.33's layout line by line against the real fio 3.33's reports (psync and libaio, captured on a host), the terse format (versions 2-5) field by field and the JSON report line by line against the real one's, numjobs with group_reporting, rwmixread, runtime and time_based with bandwidth samples, and fio's refusals.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';

const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');
/** Reports of the real fio 3.33 on a host file (test/fixtures/fio/README.md): psync and libaio --iodepth=8. */
const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/fio/${name}`, import.meta.url), 'utf8');
const sample = fixture('report-randread.txt'), sample_libaio = fixture('report-randread-libaio.txt');
const json_sample = fixture('json-randread.txt'), json_sample_libaio = fixture('json-randread-libaio.txt'), json_plus_sample = fixture('json-randread-plus.txt');
/** A JSON report's lines with each value reduced to its kind (string, integer, %f float) and percentile keys to P: the layout json.c prints. */
const json_shape = (text: string): string[] => text.replace(/\n$/, '').split('\n').map((l) =>
  l.replace(/^(\s*)"\d+\.\d{6}" : /, '$1"P" : ').replace(/ : "[^"]*"(,?)$/, ' : S$1').replace(/ : -?\d+\.\d{6}(,?)$/, ' : F$1').replace(/ : -?\d+(,?)$/, ' : I$1'));
const terse_sample = fixture('terse-randread.txt').trim();

/** What kind each field of a terse line is (stat.c's formats): integer, %f, %f%%, a percentile, %3.1f%%, %3.2f%%, or a name. */
const terse_kinds = (line: string): string[] => line.split(';').map((f) =>
  /^\d+$/.test(f) ? 'u' : /^\d+\.\d{6}$/.test(f) ? 'f' : /^\d+\.\d{6}%$/.test(f) ? 'f%' : /^(\d+\.\d{6}%=\d+|0%=0)$/.test(f) ? 'p'
    : /^\d+\.\d%$/.test(f) ? '1%' : /^\d+\.\d\d%$/.test(f) ? '2%' : 's');

const N = String.raw`[\d.]+[kMG]?`, SZ = String.raw`[\d.]+(?:[KMG]i)?B`, SZD = String.raw`[\d.]+[kMG]?B`;
/**
 * The lines of a one-direction report, in order: what each must look like (from stat.c's formats). Optional lines
 * are there or not by the data (`data`: a laid-out file, a run long enough for bandwidth samples, latencies past
 * 1 ms) or by the engine (slat: only an engine that queues measures submission latency).
 */
const LAYOUT: { re: RegExp; optional?: boolean; data?: boolean }[] = [
  { re: /^\w+: \(g=0\): rw=\w+, bs=\(R\) \S+-\S+, \(W\) \S+-\S+, \(T\) \S+-\S+, ioengine=\w+, iodepth=\d+$/ },
  { re: /^fio-3\.33$/ }, { re: /^Starting \d+ process(es)?$/ }, { re: /^\w+: Laying out IO file \(1 file \/ \d+MiB\)$/, optional: true, data: true }, { re: /^$/ },
  { re: /^\w+: \(groupid=0, jobs=\d+\): err= \d: pid=\d+: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/ },
  { re: new RegExp(String.raw`^  (read|write): IOPS=${N}, BW=${SZ}/s \(${SZD}/s\)\(${SZ}/\d+msec\)$`) },
  { re: /^    slat \((n|u|m)sec\): min=\d+[kM]?, max=\d+[kM]?, avg=[ \d]+\.\d\d, stdev=[ \d]+\.\d\d$/, optional: true },
  { re: /^    clat \((n|u|m)sec\): min=\d+[kM]?, max=\d+[kM]?, avg=[ \d]+\.\d\d, stdev=[ \d]+\.\d\d$/ },
  { re: /^     lat \((n|u|m)sec\): min=\d+[kM]?, max=\d+[kM]?, avg=[ \d]+\.\d\d, stdev=[ \d]+\.\d\d$/ },
  { re: /^    clat percentiles \((n|u|m)sec\):$/ },
  ...[0, 1, 2, 3].map(() => ({ re: /^ {5}\|( [ \d]\d\.\d\dth=\[ *\d+\],){4}$/ })),
  { re: /^ {5}\| 99\.99th=\[ *\d+\]$/ },
  { re: /^ {3}bw \( {2}KiB\/s\): min= *\d+, max= *\d+, per=\d+\.\d\d%, avg= *\d+\.\d\d, stdev= *\d+\.\d\d, samples=\d+$/, optional: true, data: true },
  { re: /^ {3}iops {8}: min= *\d+, max= *\d+, avg= *\d+\.\d\d, stdev= *\d+\.\d\d, samples=\d+$/, optional: true, data: true },
  { re: /^ {2}lat \((n|u|m)sec\) {3}: (\S+=\d+\.\d\d%(, )?){1,5}$/ },
  { re: /^ {2}lat \((u|m)sec\) {3}: (\S+=\d+\.\d\d%(, )?){1,5}$/, optional: true, data: true },
  { re: /^ {2}cpu {10}: usr=\d+\.\d\d%, sys=\d+\.\d\d%, ctx=\d+, majf=\d+, minf=\d+$/ },
  { re: /^ {2}IO depths {4}: 1=\d+\.\d%, 2=\d+\.\d%, 4=\d+\.\d%, 8=\d+\.\d%, 16=\d+\.\d%, 32=\d+\.\d%, >=64=\d+\.\d%$/ },
  { re: /^ {5}submit {4}: 0=\d+\.\d%, 4=\d+\.\d%, 8=\d+\.\d%, 16=\d+\.\d%, 32=\d+\.\d%, 64=\d+\.\d%, >=64=\d+\.\d%$/ },
  { re: /^ {5}complete {2}: 0=\d+\.\d%, 4=\d+\.\d%, 8=\d+\.\d%, 16=\d+\.\d%, 32=\d+\.\d%, 64=\d+\.\d%, >=64=\d+\.\d%$/ },
  { re: /^ {5}issued rwts: total=\d+,\d+,0,0 short=0,0,0,0 dropped=0,0,0,0$/ },
  { re: /^ {5}latency {3}: target=0, window=0, percentile=100\.00%, depth=\d+$/ },
  { re: /^$/ }, { re: /^Run status group 0 \(all jobs\):$/ },
  { re: new RegExp(String.raw`^ {2}( READ|WRITE): bw=${SZ}/s \(${SZD}/s\), ${SZ}/s-${SZ}/s \(${SZD}/s-${SZD}/s\), io=${SZ} \(${SZD}\), run=\d+-\d+msec$`) },
  { re: /^$/ }, { re: /^Disk stats \(read\/write\):$/ },
  { re: /^ {2}\w+: ios=\d+\/\d+, merge=\d+\/\d+, ticks=\d+\/\d+, in_queue=\d+, util=\d+\.\d\d%$/ },
];

/** Walks the report's lines through LAYOUT (optional lines may be absent): the lines that did not fit, if any, and which entries each line matched. */
function layout_walk(report: string): { error: string | null; matched: number[] } {
  const lines = report.replace(/\n$/, '').split('\n'), matched: number[] = [];
  let i = 0;
  for (const [k, { re, optional }] of LAYOUT.entries()) {
    if (re.test(lines[i] ?? '')) { i++; matched.push(k); continue; }
    if (!optional) return { error: `line ${i + 1}: ${JSON.stringify(lines[i])} does not fit ${re}`, matched };
  }
  return { error: i === lines.length ? null : `extra line ${i + 1}: ${JSON.stringify(lines[i])}`, matched };
}
const layout_mismatch = (report: string): string | null => layout_walk(report).error;
/** The LAYOUT lines a report has, leaving out those there by the data: two reports of the same job and engine must have the same. */
const layout_lines = (report: string): number[] => layout_walk(report).matched.filter((k) => !LAYOUT[k]!.data);

describe('fio', () => {
  const m = new Machine({ dts, dtsName: 'default.dts' });
  m.boot();
  const sh = (cmd: string): { output: string; status: number } => m.runCommand(cmd);

  it('the real fio\'s reports (psync and libaio) follow the layout the test checks', () => {
    expect(layout_mismatch(sample)).toBeNull();
    expect(layout_mismatch(sample_libaio)).toBeNull();
  });

  it('a 4 KiB O_DIRECT random read job on vdb: every block once, the report in fio\'s layout, the IOs in vdb\'s disk stats', () => {
    const r = sh('fio --name=test --filename=/dev/vdb --rw=randread --bs=4k --size=4M --direct=1');
    expect(r.status).toBe(0);
    expect(layout_mismatch(r.output)).toBeNull();
    expect(layout_lines(r.output)).toEqual(layout_lines(sample));
    expect(r.output).toContain('test: (g=0): rw=randread, bs=(R) 4096B-4096B, (W) 4096B-4096B, (T) 4096B-4096B, ioengine=psync, iodepth=1\n');
    expect(r.output).toMatch(/\n {5}issued rwts: total=1024,0,0,0 /);
    expect(r.output).toMatch(/\n {3}READ: bw=[^,]+, [^,]+, io=4096KiB \(4194kB\), run=/);
    // Direct IO bypasses the page cache: each read is one request on vdb.
    expect(r.output).toMatch(/\n {2}vdb: ios=1024\/0, merge=0\/0, /);
  });

  it('a job file with [global], numjobs and group_reporting: one block for the group (jobs=2), a laid-out file on the ext2 root, writes counted on vda', () => {
    const job = ['; two writers', '[global]', 'bs=64k', 'size=2M', 'direct=1', 'ioengine=sync', '', '[writers]', 'rw=write', 'numjobs=2', 'group_reporting', ''].join('\n');
    const r = sh(`cd /root; printf '${job.replace(/\n/g, '\\n')}' > w.fio; fio w.fio`);
    expect(r.status).toBe(0);
    expect(r.output).toContain('writers: (g=0): rw=write, bs=(R) 64.0KiB-64.0KiB, (W) 64.0KiB-64.0KiB, (T) 64.0KiB-64.0KiB, ioengine=sync, iodepth=1\n...\nfio-3.33\nStarting 2 processes\n');
    expect(r.output.match(/writers: Laying out IO file \(1 file \/ 2MiB\)\n/g)?.length).toBe(2);
    expect(r.output.match(/\(groupid=0, jobs=2\)/g)?.length).toBe(1);
    expect(r.output).toMatch(/\n {5}issued rwts: total=0,64,0,0 /);
    expect(r.output).toMatch(/\n {2}WRITE: bw=\S+ \(\S+\), \S+-\S+ \(\S+-\S+\), io=4096KiB \(4194kB\), run=/);
    expect(r.output).toMatch(/\n {2}vda: ios=\d+\/([1-9]\d*), /);
    expect(sh('ls /root/writers.0.0 /root/writers.1.0 | wc -l').output.trim()).toBe('2');
  });

  it('randrw with rwmixread=75 reads about three times as much as it writes; time_based runs for runtime, with bandwidth and IOPS samples', () => {
    const r = sh('fio --name=mix --filename=/dev/vdb --rw=randrw --rwmixread=75 --bs=256k --size=8M --direct=1 --runtime=600ms --time_based');
    expect(r.status).toBe(0);
    const reads = Number(/total=(\d+),(\d+),0,0/.exec(r.output)![1]), writes = Number(/total=(\d+),(\d+),0,0/.exec(r.output)![2]);
    expect(reads / (reads + writes)).toBeGreaterThan(0.7);
    expect(reads / (reads + writes)).toBeLessThan(0.8);
    expect(r.output).toMatch(/\n {2}read: IOPS=.*\n(.*\n)* {2}write: IOPS=/);
    expect(r.output).toMatch(/run=60\d-60\dmsec/);
    expect(r.output).toMatch(/\n {3}bw \( {2}KiB\/s\): min= *\d+, max= *\d+, per=\d+\.\d\d%, avg= *\d+\.\d\d, stdev= *\d+\.\d\d, samples=1\n {3}iops {8}: /);
  });

  it('--output-format=terse (and --minimal): one line per job in terse version 3, field for field the kinds of the sample, with vdb\'s disk fields and no normal report', () => {
    const r = sh('fio --name=test --filename=/dev/vdb --rw=randread --bs=4k --size=4M --direct=1 --output-format=terse');
    expect(r.status).toBe(0);
    const lines = r.output.replace(/\n$/, '').split('\n');
    expect(lines.length).toBe(1);
    expect(terse_kinds(lines[0]!)).toEqual(terse_kinds(terse_sample));
    const f = lines[0]!.split(';');
    expect(f.slice(0, 6)).toEqual(['3', 'fio-3.33', 'test', '0', '0', '4096']);
    // 1024 reads of 4 KiB, none written; direct IO: 1024 reads on vdb.
    expect(f.slice(-9, -6)).toEqual(['vdb', '1024', '0']);
    expect(f.slice(46, 50)).toEqual(['0', '0', '0', '0']);
    expect(f[92]).toBe('100.0%');
    expect(sh('fio --name=test --filename=/dev/vdb --rw=randread --bs=4k --size=1M --direct=1 --minimal').output.split(';').length).toBe(130);
  });

  it('terse versions 2, 4 and 5 (trim fields; v5 adds bandwidth samples and IOPS), both formats at once, and the refusals of bad ones', () => {
    const job = 'fio --name=t --filename=/dev/vdb --rw=read --bs=64k --size=1M --direct=1';
    const v2 = sh(`${job} --terse-version=2 --output-format=terse`).output.trim().split(';');
    expect(v2.slice(0, 3)).toEqual(['2', 't', '0']);
    expect(v2.length).toBe(161);
    expect(sh(`${job} --minimal --terse-version=4`).output.trim().split(';').length).toBe(171);
    expect(sh(`${job} --minimal --terse-version 5`).output.trim().split(';').length).toBe(189);
    const both = sh(`${job} --output-format=normal,terse`).output;
    // fio prints its terse buffer before its normal one.
    expect(both).toMatch(/^t: \(g=0\): rw=read, .*\nfio-3\.33\nStarting 1 process\n3;fio-3\.33;t;0;0;1024;[^\n]*;vdb;16;0;\S+\n\nt: \(groupid=0, jobs=1\): err= 0/);
    expect(both).toContain('\nRun status group 0 (all jobs):\n');
    expect(sh(`${job} --terse-version=6; echo rc=$?`).output).toBe('fio: bad terse version format\nrc=1\n');
    expect(sh(`${job} --output-format=xml; echo rc=$?`).output).toBe('fio: failed parsing output-format\nrc=1\n');
  });

  it('--output-format=json: fio 3.33\'s JSON report alone (no job lines, no normal report), line for line the layout of the sample, with the job\'s options, its reads and vdb\'s disk_util', () => {
    const r = sh('fio --name=test --filename=/dev/vdb --rw=randread --bs=4k --size=4M --direct=1 --output-format=json');
    expect(r.status).toBe(0);
    expect(json_shape(r.output)).toEqual(json_shape(json_sample));
    const j = JSON.parse(r.output) as { 'fio version': string; jobs: { jobname: string; 'job options': Record<string, string>; read: { io_bytes: number; total_ios: number; clat_ns: { N: number; percentile: Record<string, number> } }; write: { total_ios: number } }[]; disk_util: { name: string; read_ios: number }[] };
    expect(j['fio version']).toBe('fio-3.33');
    expect(j.jobs[0]!['job options']).toEqual({ name: 'test', filename: '/dev/vdb', rw: 'randread', bs: '4k', size: '4M', direct: '1' });
    expect([j.jobs[0]!.read.io_bytes, j.jobs[0]!.read.total_ios, j.jobs[0]!.read.clat_ns.N, j.jobs[0]!.write.total_ios]).toEqual([4194304, 1024, 1024, 0]);
    expect(Object.keys(j.jobs[0]!.read.clat_ns.percentile)).toHaveLength(17);
    expect(j.disk_util.map((d) => [d.name, d.read_ios])).toEqual([['vdb', 1024]]);
  });

  it('--output-format=json+: the JSON report with clat_ns\'s histogram bins (each bucket\'s value: its count), the layout of fio 3.33\'s json+', () => {
    const r = sh('fio --name=test --filename=/dev/vdb --rw=randread --bs=4k --size=4M --direct=1 --output-format=json+');
    expect(r.status).toBe(0);
    // The bins differ in number from run to run: one line of them stands for all.
    const bins_once = (ls: string[]): string[] => ls.map((l) => l.replace(/^(\s*)"\d+" : I,?$/, '$1"B" : I')).filter((l, i, a) => !(l.endsWith('"B" : I') && a[i - 1]?.endsWith('"B" : I')));
    expect(bins_once(json_shape(r.output))).toEqual(bins_once(json_shape(json_plus_sample)));
    const clat = (JSON.parse(r.output) as { jobs: { read: { clat_ns: { N: number; bins: Record<string, number>; percentile: Record<string, number> } } }[] }).jobs[0]!.read.clat_ns;
    const keys = Object.keys(clat.bins).map(Number);
    expect(Object.values(clat.bins).reduce((a, b) => a + b, 0)).toBe(clat.N);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    // Every percentile is a bin's value (both are plat_idx_to_val of the same histogram).
    for (const v of Object.values(clat.percentile)) expect(keys).toContain(v);
  });

  it('--ioengine=libaio --iodepth=8: the report has the real fio\'s lines (slat, clat and lat: submission latency measured, lat = slat + clat) and its JSON the real one\'s layout, with slat_ns samples', () => {
    const job = 'fio --name=test --filename=/dev/vdb --rw=randread --bs=4k --size=4M --direct=1 --ioengine=libaio --iodepth=8';
    const r = sh(job);
    expect(r.status).toBe(0);
    expect(layout_mismatch(r.output)).toBeNull();
    expect(layout_lines(r.output)).toEqual(layout_lines(sample_libaio));
    const lat = (name: string): number => Number(new RegExp(String.raw`\n +${name} \(nsec\): min=\d+, max=\d+, avg=([\d.]+),`).exec(r.output)![1]);
    expect(lat('slat')).toBeGreaterThan(0);
    expect(lat('lat')).toBeCloseTo(lat('slat') + lat('clat'), 1);
    const js = sh(`${job} --output-format=json`).output;
    expect(json_shape(js)).toEqual(json_shape(json_sample_libaio));
    const read = (JSON.parse(js) as { jobs: { read: { slat_ns: { N: number }; clat_ns: { N: number }; lat_ns: { N: number } } }[] }).jobs[0]!.read;
    expect([read.slat_ns.N, read.clat_ns.N, read.lat_ns.N]).toEqual([1024, 1024, 1024]);
  });

  it('a job file\'s [global] options are the JSON report\'s "global options"; json with terse prints the terse lines first; a file laid out says nothing outside the normal output', () => {
    const job = ['[global]', 'bs=64k', 'size=1M', '', '[lay]', 'rw=read', 'filename=/root/lay.dat', ''].join('\n');
    const r = sh(`cd /root; printf '${job.replace(/\n/g, '\\n')}' > g.fio; fio --output-format=json,terse g.fio`);
    expect(r.status).toBe(0);
    expect(r.output).toMatch(/^3;fio-3\.33;lay;0;0;1024;[^\n]*\n\{\n {2}"fio version" : "fio-3\.33",\n/);
    const j = JSON.parse(r.output.slice(r.output.indexOf('\n') + 1)) as { 'global options': Record<string, string>; jobs: { 'job options': Record<string, string> }[] };
    expect(j['global options']).toEqual({ bs: '64k', size: '1M' });
    expect(j.jobs[0]!['job options']).toEqual({ rw: 'read', filename: '/root/lay.dat' });
    expect(r.output).not.toContain('Laying out');
  });

  it('refusals: an engine that is not here, an unknown option, a job without a size on a new file', () => {
    expect(sh('fio --name=x --filename=/dev/vdb --ioengine=io_uring; echo rc=$?').output).toBe('fio: engine io_uring not loadable\nfio: failed to load engine\nrc=1\n');
    expect(sh('fio --name=x --bogus=1; echo rc=$?').output).toBe('fio: unrecognized option \'--bogus=1\'\nrc=1\n');
    expect(sh('cd /tmp; fio --name=nosize --rw=read 2>&1; echo rc=$?').output).toContain('nosize: you need to specify size=\n');
  });
});
