// procfs: /proc/PID files and links, the fixed /proc files against the Linux 6.1 reference, the proc_dir_entry API, /proc/sys.
import { describe, it, expect, beforeAll } from 'vitest';
import { reference } from '../../fixtures/reference.ts';
import { proc_machine, run } from './helpers.ts';
import type { Machine } from '../../../kernel-sim/machine.ts';
import { printkState } from '../../../kernel-sim/kernel/printk/printk.ts';
import { runqueue } from '../../../kernel-sim/kernel/sched/core.ts';
import { proc_create_single, proc_create, proc_mkdir, proc_symlink, proc_remove, remove_proc_entry } from '../../../kernel-sim/fs/proc/generic.ts';
import { seq_puts } from '../../../kernel-sim/fs/seq_file.ts';
import { proc_add_source } from '../../../kernel-sim/fs/proc/placeholders.ts';
import { proc_interrupts_add_source } from '../../../kernel-sim/fs/proc/interrupts.ts';
import { copy_from_user } from '../../../kernel-sim/mm/uaccess.ts';
import { simple_read_from_buffer } from '../../../kernel-sim/fs/libfs.ts';
import { type resource, request_resource, insert_resource, resource_tree_text, IORESOURCE_IO, IORESOURCE_MEM } from '../../../kernel-sim/kernel/resource.ts';

/** A reference file without its "# $ command" line. */
function ref(name: string): string[] {
  return reference(name).split('\n').filter((l, i) => !(i === 0 && l.startsWith('# $')) && l !== '');
}

let m: Machine;
beforeAll(() => { m = proc_machine(); });

describe('/proc/PID', () => {
  it('status has the 6.1 fields in order with their formats', () => {
    const out = run(m, 'pcat /proc/self/status');
    const keys = out.trim().split('\n').map((l) => l.slice(0, l.indexOf(':')));
    expect(keys).toEqual([
      'Name', 'Umask', 'State', 'Tgid', 'Ngid', 'Pid', 'PPid', 'TracerPid', 'Uid', 'Gid', 'FDSize', 'Groups',
      'NStgid', 'NSpid', 'NSpgid', 'NSsid', 'VmPeak', 'VmSize', 'VmLck', 'VmPin', 'VmHWM', 'VmRSS', 'RssAnon', 'RssFile',
      'RssShmem', 'VmData', 'VmStk', 'VmExe', 'VmLib', 'VmPTE', 'VmSwap', 'HugetlbPages', 'CoreDumping', 'THP_enabled',
      'Threads', 'SigQ', 'SigPnd', 'ShdPnd', 'SigBlk', 'SigIgn', 'SigCgt', 'CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb',
      'NoNewPrivs', 'Seccomp', 'Seccomp_filters', 'Speculation_Store_Bypass', 'SpeculationIndirectBranch',
      'Cpus_allowed', 'Cpus_allowed_list', 'Mems_allowed', 'Mems_allowed_list', 'voluntary_ctxt_switches', 'nonvoluntary_ctxt_switches',
    ]);
    expect(out).toMatch(/^Name:\tpcat\nUmask:\t0022\nState:\tR \(running\)\nTgid:\t(\d+)\nNgid:\t0\nPid:\t\1\nPPid:\t\d+\n/);
    expect(out).toMatch(/\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n/);
    expect(out).toMatch(/\nVmSize:\t {4}1024 kB\n/);
    expect(out).toMatch(/\nSigQ:\t0\/1878\nSigPnd:\t0{16}\n/);
    expect(out).toMatch(/\nCapEff:\t000001ffffffffff\n/);
    expect(out).toMatch(/\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n/);
  });

  it('stat has 52 fields; state, start time in USER_HZ ticks and the comm in parentheses', () => {
    const out = run(m, 'pcat /proc/1/stat').trim();
    const comm = out.slice(out.indexOf('(') + 1, out.lastIndexOf(')'));
    const rest = out.slice(out.lastIndexOf(')') + 2).split(' ');
    expect(comm).toBe('init');
    expect(2 + rest.length).toBe(52);
    expect(rest[0]).toMatch(/^[RSDZTtIX]$/);
    const start = m.inspect(() => runqueue().tasks.get(1)!.start_time);
    expect(Number(rest[22 - 3])).toBe(Math.floor(start / 10_000_000));
    expect(rest[25 - 3]).toBe('18446744073709551615'); // rsslim: RLIM_INFINITY
    const kthread = run(m, 'pcat /proc/2/stat');
    expect(kthread).toMatch(/^2 \(kthreadd\) S 0 0 0 0 -1 /);
  });

  it('statm is seven page counts', () => {
    expect(run(m, 'pcat /proc/self/statm')).toMatch(/^256 \d+ 0 \d+ 0 \d+ 0\n$/);
  });

  it('cmdline comes from the process memory, NUL-separated', () => {
    expect(run(m, "pcat /proc/self/cmdline a 'b c' 2>/dev/null")).toBe('pcat\0/proc/self/cmdline\0a\0b c\0');
    // A process that rewrites its own argv memory changes what /proc shows.
    expect(run(m, 'pargv one two')).toBe('Xargv\0one\0two\0');
    expect(run(m, 'pcat /proc/2/cmdline')).toBe('');
  });

  it('environ holds the environment the process got', () => {
    expect(run(m, 'pcat /proc/self/environ').split('\0')).toContain('HOME=/root');
  });

  it('a pid directory goes away when its process is reaped', () => {
    const pid = run(m, 'pcat /proc/self/stat').split(' ')[0];
    expect(Number(pid)).toBeGreaterThan(2);
    expect(run(m, 'pls /proc').split('\n')).not.toContain(pid);
    expect(m.runCommand(`pcat /proc/${pid}/status`).output).toBe(`pcat: /proc/${pid}/status: No such file or directory\n`);
  });

  it('a zombie shows state Z, no memory lines, and its exit code in stat', () => {
    const out = run(m, 'pzombie');
    expect(out).toMatch(/State:\tZ \(zombie\)\n/);
    expect(out).not.toMatch(/VmSize/);
    expect(out).not.toMatch(/Umask/);
    expect(out.trim().split('\n').pop()).toMatch(/^\d+ \(pzombie\) Z .* 768$/);
  });

  it('fd/ links name files, pipes and devices with modes that show the access', () => {
    const out = run(m, 'pls -l /proc/self/fd | pcat /proc/self/fd/0');
    expect(out).toMatch(/^dr-x------ 2 0 0 0 \.$/m);
    expect(out).toMatch(/^lr-x------ 1 0 0 0 0 -> \/dev\/null$/m);
    expect(out).toMatch(/^l-wx------ 1 0 0 0 1 -> pipe:\[\d+\]$/m);
  });

  it('a fd link opens the same file, as on Linux', () => {
    expect(run(m, 'echo hello > /tmp/f; pcat /proc/self/fd/0 < /tmp/f')).toBe('hello\n');
    expect(run(m, 'preadlink /proc/self/fd/0 < /tmp/f')).toBe('/tmp/f\n');
  });

  it('fdinfo shows pos, octal flags, mnt_id and ino', () => {
    expect(run(m, 'pcat /proc/self/fdinfo/0 < /tmp/f')).toMatch(/^pos:\t0\nflags:\t0[0-7]+\nmnt_id:\t\d+\nino:\t\d+\n$/);
  });

  it('cwd, root and exe are magic links', () => {
    expect(run(m, 'preadlink /proc/self/cwd; preadlink /proc/self/root; preadlink /proc/self/exe')).toBe('/root\n/\n/bin/preadlink\n');
    expect(run(m, 'cd /tmp; pcat /proc/self/cwd/f')).toBe('hello\n');
  });

  it('ns/ links read as type:[inum] and lead to the namespace inode', () => {
    const out = run(m, 'pls -l /proc/self/ns');
    expect(out).toMatch(/^dr-x--x--x 2 0 0 0 \.$/m);
    expect(out).toMatch(/^lrwxrwxrwx 1 0 0 0 uts -> uts:\[4026531838\]$/m);
    expect(out).toMatch(/^lrwxrwxrwx 1 0 0 0 ipc -> ipc:\[4026531839\]$/m);
    expect(out).toMatch(/^lrwxrwxrwx 1 0 0 0 pid_for_children -> pid:\[4026531836\]$/m);
    expect(out).toMatch(/^lrwxrwxrwx 1 0 0 0 user -> user:\[4026531837\]$/m);
    expect(out).toMatch(/^lrwxrwxrwx 1 0 0 0 time_for_children -> time:\[4026531834\]$/m);
    expect(out.split('\n').filter((l) => l.startsWith('l')).map((l) => l.split(' ')[5]).sort())
      .toEqual(['cgroup', 'ipc', 'mnt', 'net', 'pid', 'pid_for_children', 'time', 'time_for_children', 'user', 'uts']);
    expect(run(m, 'pstat /proc/self/ns/uts').split(' ').slice(0, 2)).toEqual(['4026531838', '100444']);
  });

  it('limits is the Linux table', () => {
    const lines = run(m, 'pcat /proc/self/limits').split('\n');
    expect(lines[0]).toBe('Limit                     Soft Limit           Hard Limit           Units     ');
    expect(lines).toContain('Max open files            1024                 4096                 files     ');
    expect(lines).toContain('Max stack size            8388608              unlimited            bytes     ');
    expect(lines).toContain('Max nice priority         0                    0                    ');
    expect(lines.length).toBe(18);
  });

  it('maps lists the stack in the maps format', () => {
    expect(run(m, 'pcat /proc/self/maps')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8} rw-p 00000000 00:00 0 {34}\[stack\]$/m);
  });

  it('comm is writable by the process itself only', () => {
    expect(run(m, 'pwrite /proc/self/comm newname /proc/self/comm')).toBe('newname\n');
    expect(m.runCommand('pwrite /proc/1/comm x').output).toBe('pwrite: /proc/1/comm: Invalid argument\n');
  });

  it('task/ has one directory per thread; self and thread-self point at the reader', () => {
    const [self, tself, , , tid] = run(m, 'preadlink /proc/self; preadlink /proc/thread-self; pls /proc/self/task').trim().split('\n');
    expect(Number(self) + 1).toBe(Number(tself.split('/')[0]));
    expect(tself).toMatch(/^(\d+)\/task\/\1$/);
    expect(tid).toMatch(/^\d+$/);
  });

  it('wchan, oom_score and io have their formats', () => {
    expect(run(m, 'pcat /proc/1/wchan')).toBe('do_wait');
    expect(run(m, 'pcat /proc/self/oom_score')).toMatch(/^6\d\d\n$/);
    expect(run(m, 'pcat /proc/2/oom_score')).toBe('0\n');
    expect(run(m, 'pcat /proc/self/io')).toMatch(/^rchar: \d+\nwchar: \d+\nsyscr: \d+\nsyscw: \d+\nread_bytes: \d+\nwrite_bytes: \d+\ncancelled_write_bytes: \d+\n$/);
  });
});

describe('/proc as ls shows it', () => {
  it('lists entries, then self and thread-self, then pids in order, with Linux modes', () => {
    const names = run(m, 'pls /proc').trim().split('\n');
    const self = names.indexOf('self');
    expect(names.slice(0, 2)).toEqual(['.', '..']);
    expect(names[self + 1]).toBe('thread-self');
    const fixed = names.slice(2, self);
    expect(fixed).toEqual([...fixed].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)));
    const pids = names.slice(self + 2).map(Number);
    expect(pids.slice(0, 3)).toEqual([1, 2, 3]);
    expect(pids).toEqual([...pids].sort((a, b) => a - b));
    const long = run(m, 'pls -l /proc');
    expect(long).toMatch(/^dr-xr-xr-x 9 0 0 0 1$/m);
    expect(long).toMatch(/^-r--r--r-- 1 0 0 0 version$/m);
    expect(long).toMatch(/^-r-------- 1 0 0 0 kmsg$/m);
    expect(long).toMatch(/^--w------- 1 0 0 0 sysrq-trigger$/m);
    expect(long).toMatch(/^lrwxrwxrwx 1 0 0 0 self -> \d+$/m);
    expect(long).toMatch(/^lrwxrwxrwx 1 0 0 11 mounts -> self\/mounts$/m);
    expect(long).toMatch(/^dr-xr-xr-x \d+ 0 0 0 sys$/m);
  });

  it('inode numbers stay the same for the whole boot', () => {
    const a = run(m, 'pls -i /proc; pstat /proc/1/status; pstat /proc/1/fd');
    const b = run(m, 'pls -i /proc; pstat /proc/1/status; pstat /proc/1/fd');
    const fixed = (s: string): string[] => s.split('\n').filter((l) => !/ \d+$/.test(l));
    expect(fixed(a)).toEqual(fixed(b));
    expect(a.split('\n').slice(-3)).toEqual(b.split('\n').slice(-3));
  });
});

describe('fixed /proc files', () => {
  it('version is the boot banner', () => {
    const banner = m.inspect(() => printkState().records.find((r) => r.text.startsWith('Linux version'))!.text);
    expect(run(m, 'pcat /proc/version')).toBe(`${banner}\n`);
  });

  it('filesystems: every line is a line of the reference', () => {
    const lines = run(m, 'pcat /proc/filesystems').trim().split('\n');
    expect(lines).toContain('nodev\tproc');
    // romfs (the root device's filesystem, issue 3) and ext2 (issue 13) are not configured in the reference kernel.
    for (const l of lines.filter((x) => x !== '\tromfs' && x !== '\text2')) expect(ref('proc-filesystems.txt')).toContain(l);
    expect(lines).toContain('\tromfs');
  });

  it('mounts: rootfs, devtmpfs and tmpfs as the reference, proc mounted plainly as the reference too', () => {
    const lines = run(m, 'pmount proc /mnt/proc2; pcat /proc/mounts').trim().split('\n');
    const r = ref('proc-mounts.txt');
    for (const fs of ['rootfs', 'devtmpfs', 'tmpfs']) expect(lines).toContain(r.find((l) => l.startsWith(`${fs} `)));
    expect(lines).toContain(r.find((l) => l.startsWith('proc '))!.replace(' /proc ', ' /mnt/proc2 '));
    expect(run(m, 'pcat /proc/self/mounts')).toBe(run(m, 'pcat /proc/mounts'));
  });

  it('mountinfo has the 6.1 fields', () => {
    const lines = run(m, 'pcat /proc/self/mountinfo').trim().split('\n');
    expect(lines[0]).toMatch(/^1 1 0:\d+ \/ \/ rw - rootfs rootfs rw,size=227184k,nr_inodes=56796,inode64$/);
    expect(lines).toContainEqual(expect.stringMatching(/^\d+ 1 0:\d+ \/ \/tmp rw,relatime - tmpfs tmpfs rw,inode64$/));
  });

  it('cmdline, uptime, loadavg and stat have their formats', () => {
    expect(run(m, 'pcat /proc/cmdline')).toBe('console=ttyS0\n');
    expect(run(m, 'pcat /proc/uptime')).toMatch(/^\d+\.\d\d \d+\.\d\d\n$/);
    expect(run(m, 'pcat /proc/loadavg')).toMatch(/^\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+\/\d+ \d+\n$/);
    const stat = run(m, 'pcat /proc/stat').split('\n');
    expect(stat[0]).toMatch(/^cpu {2}(\d+ ){9}\d+$/);
    expect(stat[1]).toMatch(/^cpu0 (\d+ ){9}\d+$/);
    expect(stat[2]).toMatch(/^cpu1 /);
    expect(stat[3].split(' ').length).toBe(2 + 440);
    expect(stat.slice(4, 10).map((l) => l.split(' ')[0])).toEqual(['ctxt', 'btime', 'processes', 'procs_running', 'procs_blocked', 'softirq']);
    expect(stat[9].split(' ').length).toBe(12);
  });

  it('meminfo has the 6.1 field list with its widths', () => {
    const lines = run(m, 'pcat /proc/meminfo').trim().split('\n');
    const keys = lines.map((l) => l.slice(0, l.indexOf(':')));
    expect(keys.slice(0, 6)).toEqual(['MemTotal', 'MemFree', 'MemAvailable', 'Buffers', 'Cached', 'SwapCached']);
    expect(keys).toContain('SecPageTables');
    expect(keys.slice(-3)).toEqual(['Hugetlb', 'DirectMap4k', 'DirectMap2M']);
    for (const l of lines) expect(l).toMatch(/^(\S{1,15}: *\d+ kB|HardwareCorrupted: +\d+ kB|HugePages_\w+: +\d+)$/);
    expect(lines[0]).toMatch(/^MemTotal: {7}[ \d]{8} kB$/);
  });

  it('cpuinfo has one block per CPU', () => {
    const out = run(m, 'pcat /proc/cpuinfo');
    expect(out.match(/^processor\t: \d$/gm)).toEqual(['processor\t: 0', 'processor\t: 1']);
    expect(out).toMatch(/^model name\t: QEMU Virtual CPU version 2\.5\+$/m);
    expect(out.endsWith('power management:\n\n')).toBe(true);
  });

  it('devices: the character majors are reference lines, and the block section is there', () => {
    const out = run(m, 'pcat /proc/devices');
    expect(out.startsWith('Character devices:\n  1 mem\n')).toBe(true);
    const [chr, blk] = out.split('\nBlock devices:\n');
    // usbcore and hidraw are built in here; the reference kernel has them as modules it never loaded (no USB there).
    const built_in_here = ['180 usb', '189 usb_device'];
    // Dynamic majors (254 down to 234) are handed out in registration order, so hidraw moves those after it down one.
    const dynamic = (l: string): boolean => { const n = Number.parseInt(l, 10); return n >= 234 && n <= 254; };
    for (const l of chr.split('\n').slice(1).filter(Boolean)) {
      if (built_in_here.includes(l) || / hidraw$/.test(l)) continue;
      if (dynamic(l)) expect(ref('proc-devices.txt').filter(dynamic).map((r: string) => r.slice(4))).toContain(l.slice(4));
      else expect(ref('proc-devices.txt')).toContain(l);
    }
    // brd's RAM disk (not configured in the reference kernel), then the reference's virtio-blk and extended majors.
    expect(blk).toBe('  1 ramdisk\n254 virtblk\n259 blkext\n');
    for (const l of blk.split('\n').slice(1).filter(Boolean)) expect(ref('proc-devices.txt')).toContain(l);
  });

  it('interrupts: the header row and the arch rows as the reference; rows from a registered source', () => {
    m.inspect(() => proc_interrupts_add_source(() => [
      { irq: 4, counts: [0, 1650], chip: 'IO-APIC', hwirq: 4, handler: 'edge', actions: ['ttyS0'] },
      { irq: 24, counts: [0, 0], chip: 'PCI-MSI', hwirq: 49152, handler: 'edge', actions: ['virtio0-config'] },
    ]));
    const lines = run(m, 'pcat /proc/interrupts').replace(/\n$/, '').split('\n');
    const r = reference('proc-interrupts.txt').split('\n').slice(1, -1);
    expect(lines[0]).toBe(r[0]);
    expect(lines[1]).toBe('  4:          0       1650   IO-APIC   4-edge      ttyS0');
    expect(lines[2]).toBe(r.find((l) => l.startsWith(' 24:')));
    const shape = (l: string): string => l.replace(/ *\d+/g, ' N');
    expect(lines.slice(3).map(shape)).toEqual(r.filter((l) => /^[A-Z]{3}:/.test(l)).map(shape));
  });

  it('modules and the block half of devices print what their owners register', () => {
    m.inspect(() => {
      proc_add_source('modules', (s) => { seq_puts(s, 'edu 16384 0 - Live 0xffffffffc0505000 (OE)\n'); });
      proc_add_source('blkdev', (s) => { seq_puts(s, '253 nullb\n'); });
    });
    expect(run(m, 'pcat /proc/devices').split('\nBlock devices:\n')[1]).toContain('253 nullb\n');
    expect(run(m, 'pcat /proc/modules')).toBe(`${ref('proc-modules.txt')[0]}\n`);
  });

  it('consoles shows the serial console', () => {
    expect(run(m, 'pcat /proc/consoles')).toBe('ttyS0                -W- (EC p a)    4:64\n');
  });
});

describe('resource trees as /proc/ioports and /proc/iomem print them', () => {
  /** Rebuilds a reference tree: leaves requested first, the "PCI Bus" windows inserted over them afterwards (insert_resource adopts). */
  function rebuild(file: string, root: resource): string {
    const lines = ref(file).map((l) => {
      const mt = /^( *)([0-9a-f]+)-([0-9a-f]+) : (.*)$/.exec(l)!;
      return { depth: mt[1].length / 2, start: parseInt(mt[2], 16), end: parseInt(mt[3], 16), name: mt[4] };
    });
    const made: resource[] = [];
    const stack: resource[] = [root];
    const windows: resource[] = [];
    for (const l of lines) {
      const r: resource = { start: l.start, end: l.end, name: l.name, flags: root.flags, parent: null, child: [] };
      stack.length = l.depth + 1;
      let parent = stack[l.depth];
      if (parent.name.startsWith('PCI Bus')) parent = root;
      if (l.depth === 0 && l.name.startsWith('PCI Bus')) windows.push(r);
      else expect(request_resource(parent, r)).toBe(0);
      stack.push(r);
      made.push(r);
    }
    for (const w of windows) expect(insert_resource(root, w)).toBe(0);
    return m.inspect(() => resource_tree_text(root));
  }

  it('ioports: four-digit widths and nesting, identical to the reference', () => {
    const root: resource = { start: 0, end: 0xffff, name: 'PCI IO', flags: IORESOURCE_IO, parent: null, child: [] };
    expect(rebuild('proc-ioports.txt', root)).toBe(ref('proc-ioports.txt').join('\n') + '\n');
  });

  it('iomem: eight-digit widths, ranges above 4 GiB and equal ranges nested, identical to the reference', () => {
    const root: resource = { start: 0, end: 2 ** 46 - 1, name: 'PCI mem', flags: IORESOURCE_MEM, parent: null, child: [] };
    expect(rebuild('proc-iomem.txt', root)).toBe(ref('proc-iomem.txt').join('\n') + '\n');
  });
});

describe('the proc_dir_entry API', () => {
  it('proc_create_single, proc_mkdir, proc_create with proc_ops, proc_symlink, proc_remove', () => {
    let counter = 0;
    m.inspect(() => {
      proc_create_single('kwbtest', 0o444, null, (s) => { seq_puts(s, 'hello from show\n'); });
      const dir = proc_mkdir('kwbdir', null);
      proc_create('kwbdir/counter', 0o644, null, {
        proc_read: function* (_f, buf, count, ppos) { return simple_read_from_buffer(buf, count, ppos, new TextEncoder().encode(`${counter}\n`)); },
        proc_write: function* (_f, buf, count) { const b = copy_from_user(buf, count); if (!b) return -14; counter = Number(new TextDecoder().decode(b)); return count; },
      });
      proc_symlink('kwblink', dir, 'counter');
    });
    expect(run(m, 'pcat /proc/kwbtest')).toBe('hello from show\n');
    expect(run(m, 'pwrite /proc/kwbdir/counter 42 /proc/kwbdir/kwblink')).toBe('42\n');
    expect(counter).toBe(42);
    expect(run(m, 'pls -l /proc/kwbdir')).toMatch(/^-rw-r--r-- 1 0 0 0 counter\nlrwxrwxrwx 1 0 0 7 kwblink -> counter$/m);
    m.inspect(() => { expect(remove_proc_entry('kwbdir', null)).toBe(-39); proc_remove(null); remove_proc_entry('kwbtest', null); });
    expect(m.runCommand('pcat /proc/kwbtest').output).toBe('pcat: /proc/kwbtest: No such file or directory\n');
  });
});

describe('/proc/sys', () => {
  it('kernel knobs read as Linux prints them', () => {
    expect(run(m, 'pcat /proc/sys/kernel/ostype /proc/sys/kernel/osrelease /proc/sys/kernel/pid_max /proc/sys/kernel/printk /proc/sys/kernel/tainted'))
      .toBe('Linux\n6.1.0-kwb\n32768\n7\t4\t1\t7\n0\n');
    expect(run(m, 'pcat /proc/sys/kernel/random/boot_id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\n$/);
    expect(run(m, 'pcat /proc/sys/kernel/random/boot_id')).toBe(run(m, 'pcat /proc/sys/kernel/random/boot_id'));
    expect(run(m, 'pcat /proc/sys/fs/file-nr')).toMatch(/^\d+\t0\t\d+\n$/);
    expect(run(m, 'pcat /proc/sys/vm/swappiness')).toBe('60\n');
  });

  it('writes go through the handler and respect the mode, even for root', () => {
    expect(run(m, 'pwrite /proc/sys/kernel/hostname labhost; uname -n')).toBe('labhost\n');
    expect(m.runCommand('pwrite /proc/sys/kernel/ostype x').output).toBe('pwrite: /proc/sys/kernel/ostype: Permission denied\n');
    expect(m.runCommand('pwrite /proc/sys/kernel/pid_max 12').output).toBe('pwrite: /proc/sys/kernel/pid_max: Invalid argument\n');
  });
});

describe('/proc/sysrq-trigger', () => {
  it('c panics the machine, b reboots it', () => {
    const x = proc_machine();
    const before = x.info().bootCount;
    x.runCommand('pwrite /proc/sysrq-trigger b');
    expect(x.info().bootCount).toBe(before + 1);
    x.runCommand('pwrite /proc/sysrq-trigger c');
    expect(x.info().state).toBe('panicked');
    const log = x.inspect(() => printkState().records.map((r) => r.text));
    expect(log).toContain('sysrq: Trigger a crash');
    expect(log).toContain('Kernel panic - not syncing: sysrq triggered crash');
  });
});
