// Userland tools through system calls: busybox ls and GNU coreutils/util-linux/procps formats and error messages, pipelines.
import { beforeAll, describe, expect, it } from 'vitest';
import { boot_guest, type Guest } from './harness.ts';
import { reference } from '../../fixtures/reference.ts';

let g: Guest;
beforeAll(() => { g = boot_guest(); });

describe('ls', () => {
  it('reports a missing operand as busybox does, exit 1', () => {
    expect(g.sh('ls /nosuch')).toEqual({ output: 'ls: /nosuch: No such file or directory\n', status: 1 });
  });
  it('lists / sorted in C order, one per line into a pipe', () => {
    const names = g.out('ls /').trim().split('\n');
    expect(names).toEqual([...names].sort());
    expect(names).toContain('bin');
    expect(names).toContain('proc');
  });
  it('ls -l /dev shows device numbers and the date column as busybox prints them', () => {
    const out = g.out('ls -l /dev');
    expect(out.split('\n')[0]).toMatch(/^total \d+$/);
    expect(out).toMatch(/^crw-rw-rw- +1 root +root +1, +3 Jan  1 00:00 null$/m);
    expect(out).toMatch(/^crw-rw-rw- +1 root +root +1, +5 Jan  1 00:00 zero$/m);
    // The size column lines up: every line ends its date at the same column.
    const lines = out.trim().split('\n').slice(1);
    const cols = new Set(lines.map((l) => l.indexOf('Jan')));
    expect(cols.size).toBe(1);
  });
  it('-a shows . and .., -d lists the directory itself, -i the inode', () => {
    g.sh('mkdir -p /tmp/lsa && touch /tmp/lsa/x /tmp/lsa/.h');
    expect(g.out('ls /tmp/lsa')).toBe('x\n');
    expect(g.out('ls -a /tmp/lsa')).toBe('.\n..\n.h\nx\n');
    expect(g.out('ls -A /tmp/lsa')).toBe('.h\nx\n');
    expect(g.out('ls -d /tmp/lsa')).toBe('/tmp/lsa\n');
    expect(g.out('ls -i /tmp/lsa/x')).toMatch(/^ *\d+ \/tmp\/lsa\/x\n$/);
  });
  it('-l shows symlink targets, -h human sizes, -R recursion headers', () => {
    g.sh('mkdir -p /tmp/lsl/sub && ln -s target /tmp/lsl/link && dd if=/dev/zero of=/tmp/lsl/big bs=1024 count=3 2>/dev/null');
    const l = g.out('ls -l /tmp/lsl');
    expect(l).toMatch(/^lrwxrwxrwx +1 root +root +6 Jan  1 00:0\d link -> target$/m);
    expect(g.out('ls -lh /tmp/lsl/big')).toMatch(/^-rw-r--r-- +1 root +root +3\.0K Jan  1 00:0\d \/tmp\/lsl\/big\n$/);
    expect(g.out('ls -R /tmp/lsl')).toBe('/tmp/lsl:\nbig\nlink\nsub\n\n/tmp/lsl/sub:\n');
  });
  it('on a terminal lists in busybox columns: one width (longest name + 2) for all, filled top to bottom, 80 - 1 wide', () => {
    const tty = { cols: 80, rows: 24 };
    // The reference's cg_demo ran ls on the console: its /sys/fs/cgroup listing, line for line.
    const ref = reference('cgroup2.txt').split('\n');
    const root = ref.slice(ref.indexOf('cgroup.subtree_control: ') + 1, ref.findIndex((l) => l.startsWith('cgroup.subtree_control after')));
    expect(g.m.runCommand('ls /sys/fs/cgroup', { tty }).output).toBe(root.join('\n') + '\n');
    g.sh('mkdir -p /tmp/lsc && cd /tmp/lsc && touch a bb ccc && mkdir d');
    // The -F mark is not counted in the width.
    expect(g.m.runCommand('ls -F /tmp/lsc', { tty }).output).toBe('a    bb   ccc  d/\n');
    // 38-character names: 40 per column, and 79 holds one.
    g.sh(`mkdir -p /tmp/lsw && cd /tmp/lsw && touch a${'x'.repeat(37)} b${'x'.repeat(37)}`);
    expect(g.m.runCommand('ls /tmp/lsw', { tty }).output.split('\n').length).toBe(3);
    expect(g.m.runCommand('COLUMNS=120 ls /tmp/lsw', { tty }).output.split('\n').length).toBe(2);
    // Into a pipe, one per line, also on a terminal.
    expect(g.m.runCommand('ls /tmp/lsc | cat', { tty }).output).toBe('a\nbb\nccc\nd\n');
  });
  it('-l prints busybox\'s fixed-width columns', () => {
    g.sh('mkdir -p /tmp/lsf && echo hi > /tmp/lsf/f && ln -sf f /tmp/lsf/l');
    expect(g.out('ls -l /tmp/lsf')).toMatch(/^total \d+\n-rw-r--r-- {4}1 root {5}root {13}3 Jan  1 00:0\d f\nlrwxrwxrwx {4}1 root {5}root {13}1 Jan  1 00:0\d l -> f\n$/);
    expect(g.out('ls -ln /tmp/lsf/f')).toMatch(/^-rw-r--r-- {4}1 0 {8}0 {16}3 Jan/);
    expect(g.out('ls -l /dev/null')).toMatch(/^crw-rw-rw- {4}1 root {5}root {8}1, {3}3 Jan/);
  });
  it('rejects a bad option with the coreutils usage hint', () => {
    expect(g.sh('ls -Z')).toEqual({ output: "ls: invalid option -- 'Z'\nTry 'ls --help' for more information.\n", status: 2 });
  });
});

describe('file tools', () => {
  it('mkdir -p, rmdir, rm -r, and their errors', () => {
    expect(g.sh('mkdir /tmp/m1/m2').output).toBe("mkdir: cannot create directory '/tmp/m1/m2': No such file or directory\n");
    expect(g.sh('mkdir -p /tmp/m1/m2/m3 && ls /tmp/m1/m2').output).toBe('m3\n');
    expect(g.sh('mkdir /tmp/m1').output).toBe("mkdir: cannot create directory '/tmp/m1': File exists\n");
    expect(g.sh('rmdir /tmp/m1').output).toBe("rmdir: failed to remove '/tmp/m1': Directory not empty\n");
    expect(g.sh('rm /tmp/m1')).toEqual({ output: "rm: cannot remove '/tmp/m1': Is a directory\n", status: 1 });
    expect(g.sh('rm -r /tmp/m1 && ls /tmp/m1')).toEqual({ output: 'ls: /tmp/m1: No such file or directory\n', status: 1 });
    expect(g.sh('rm -f /tmp/none; echo $?').output).toBe('0\n');
    expect(g.sh('rm /tmp/none').output).toBe("rm: cannot remove '/tmp/none': No such file or directory\n");
  });
  it('cp, cp -r, mv, ln -s, readlink', () => {
    g.sh('mkdir -p /tmp/c/d && echo data > /tmp/c/d/f');
    expect(g.out('cp /tmp/c/d/f /tmp/c/g && cat /tmp/c/g')).toBe('data\n');
    expect(g.out('cp /tmp/c/d /tmp/c/e')).toBe("cp: -r not specified; omitting directory '/tmp/c/d'\n");
    expect(g.out('cp -r /tmp/c/d /tmp/c/e && cat /tmp/c/e/f')).toBe('data\n');
    expect(g.out('mv /tmp/c/g /tmp/c/h && ls /tmp/c')).toBe('d\ne\nh\n');
    expect(g.out('ln -s /tmp/c/h /tmp/c/s && readlink /tmp/c/s && cat /tmp/c/s')).toBe('/tmp/c/h\ndata\n');
    expect(g.out('ln -s x /tmp/c/s')).toBe("ln: failed to create symbolic link '/tmp/c/s': File exists\n");
    expect(g.out('mv /tmp/c/nope /tmp/c/z')).toBe("mv: cannot stat '/tmp/c/nope': No such file or directory\n");
  });
  it('chmod octal and symbolic', () => {
    g.sh('touch /tmp/perm');
    expect(g.out('chmod 640 /tmp/perm && stat -c %a /tmp/perm')).toBe('640\n');
    expect(g.out('chmod u+x,g-r /tmp/perm && stat -c %A /tmp/perm')).toBe('-rwx------\n');
    expect(g.out('chmod a=r /tmp/perm && stat -c %a /tmp/perm')).toBe('444\n');
    expect(g.out('chmod +x /tmp/perm && stat -c %a /tmp/perm')).toBe('555\n');
    expect(g.sh('chmod q+z /tmp/perm')).toEqual({ output: "chmod: invalid mode: 'q+z'\nTry 'chmod --help' for more information.\n", status: 1 });
  });
  it('stat prints the coreutils default format', () => {
    const out = g.out('stat /dev/null');
    const lines = out.split('\n');
    expect(lines[0]).toBe('  File: /dev/null');
    expect(lines[1]).toMatch(/^ {2}Size: 0 {9}\tBlocks: 0 {10}IO Block: \d+ +character special file$/);
    expect(lines[2]).toMatch(/^Device: \d+,\d+\tInode: \d+ +Links: 1 +Device type: 1,3$/);
    expect(lines[3]).toBe('Access: (0666/crw-rw-rw-)  Uid: (    0/    root)   Gid: (    0/    root)');
    expect(lines[4]).toMatch(/^Access: 2026-01-01 00:00:\d\d\.\d{9} \+0000$/);
    expect(lines[7]).toBe(' Birth: -');
    expect(g.sh('stat /nosuch')).toEqual({ output: "stat: cannot statx '/nosuch': No such file or directory\n", status: 1 });
  });
  it('touch creates, cat concatenates and numbers', () => {
    expect(g.out('touch /tmp/t1 && cat /tmp/t1 && echo ok')).toBe('ok\n');
    expect(g.out('printf "a\\nb\\n" > /tmp/t2 && cat -n /tmp/t2 /tmp/t2')).toBe('     1\ta\n     2\tb\n     3\ta\n     4\tb\n');
    expect(g.sh('cat /nosuch /tmp/t2')).toEqual({ output: 'cat: /nosuch: No such file or directory\na\nb\n', status: 1 });
    expect(g.out('cat /tmp')).toBe('cat: /tmp: Is a directory\n');
  });
});

describe('text tools and pipelines', () => {
  it('ls / | sort | head -3 and echo | tr', () => {
    expect(g.out('ls / | sort | head -3')).toBe('bin\ndev\netc\n');
    expect(g.out('echo a b | tr a-z A-Z')).toBe('A B\n');
    expect(g.out('echo hello world | tr -d lo')).toBe('he wrd\n');
    expect(g.out('echo aaabbb | tr -s ab')).toBe('ab\n');
    expect(g.out("echo 'a1b2' | tr -c '[:digit:]\\n' x")).toBe('x1x2\n');
  });
  it('head and tail', () => {
    expect(g.out('seq 20 | head -n 3')).toBe('1\n2\n3\n');
    expect(g.out('seq 20 | head -2')).toBe('1\n2\n');
    expect(g.out('seq 5 | head -n -3')).toBe('1\n2\n');
    expect(g.out('seq 20 | tail -n 2')).toBe('19\n20\n');
    expect(g.out('seq 5 | tail -n +4')).toBe('4\n5\n');
    expect(g.out('echo abcdef | head -c 3')).toBe('abc');
    g.sh('seq 3 > /tmp/h1; seq 4 6 > /tmp/h2');
    expect(g.out('head -n 1 /tmp/h1 /tmp/h2')).toBe('==> /tmp/h1 <==\n1\n\n==> /tmp/h2 <==\n4\n');
    expect(g.out('tail /nosuch')).toBe("tail: cannot open '/nosuch' for reading: No such file or directory\n");
  });
  it('yes is stopped by SIGPIPE', () => {
    expect(g.sh('yes | head -n 2')).toEqual({ output: 'y\ny\n', status: 0 });
    expect(g.out('yes no | head -n 1')).toBe('no\n');
  });
  it('wc counts and pads like coreutils', () => {
    expect(g.out('echo hello world | wc -l')).toBe('1\n');
    expect(g.out('echo hello world | wc')).toBe('      1       2      12\n');
    g.sh('printf "a b\\nc\\n" > /tmp/w1');
    expect(g.out('wc /tmp/w1')).toBe('2 3 6 /tmp/w1\n');
    expect(g.out('wc -l /tmp/w1 /tmp/w1')).toBe(' 2 /tmp/w1\n 2 /tmp/w1\n 4 total\n');
  });
  it('sort -n -r -u -k and uniq -c', () => {
    expect(g.out('printf "10\\n9\\n100\\n" | sort')).toBe('10\n100\n9\n');
    expect(g.out('printf "10\\n9\\n100\\n" | sort -n')).toBe('9\n10\n100\n');
    expect(g.out('printf "10\\n9\\n100\\n" | sort -rn')).toBe('100\n10\n9\n');
    expect(g.out('printf "b\\na\\nb\\n" | sort -u')).toBe('a\nb\n');
    expect(g.out('printf "x 3\\ny 1\\nz 2\\n" | sort -k 2n')).toBe('y 1\nz 2\nx 3\n');
    expect(g.out('printf "a:3\\nb:1\\n" | sort -t: -k2')).toBe('b:1\na:3\n');
    expect(g.out('printf "a\\na\\nb\\na\\n" | uniq -c')).toBe('      2 a\n      1 b\n      1 a\n');
    expect(g.out('printf "a\\na\\nb\\n" | uniq -d')).toBe('a\n');
  });
  it('cut -d -f -c and its errors', () => {
    expect(g.out('echo root:x:0:0 | cut -d: -f1,3')).toBe('root:0\n');
    expect(g.out('echo abcdef | cut -c 2-4')).toBe('bcd\n');
    expect(g.out('cut -d: -f1 /etc/passwd | head -1')).toBe('root\n');
    expect(g.sh('cut /etc/passwd')).toEqual({ output: "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n", status: 1 });
  });
  it('grep -i -v -n -c -E -r', () => {
    expect(g.out('grep -n root /etc/passwd')).toBe('1:root:x:0:0:root:/root:/bin/sh\n');
    expect(g.out('grep -c : /etc/passwd')).toBe('3\n');
    expect(g.out('grep -i ROOT /etc/group')).toBe('root:x:0:\n');
    expect(g.out('printf "a\\nb\\nab\\n" | grep -v a')).toBe('b\n');
    expect(g.out('printf "cat\\ndog\\ncow\\n" | grep -E "^c(a|o)"')).toBe('cat\ncow\n');
    expect(g.out('printf "a.b\\naxb\\n" | grep -F a.b')).toBe('a.b\n');
    expect(g.out('printf "x+y\\nxxy\\n" | grep "x+y"')).toBe('x+y\n');
    expect(g.out('printf "foo bar\\nfoobar\\n" | grep -w foo')).toBe('foo bar\n');
    g.sh('mkdir -p /tmp/gr/sub && echo needle > /tmp/gr/sub/f && echo hay > /tmp/gr/g');
    expect(g.out('grep -r needle /tmp/gr')).toBe('/tmp/gr/sub/f:needle\n');
    expect(g.out('cd /tmp/gr && grep -r needle')).toBe('sub/f:needle\n');
    expect(g.sh('grep nothing /etc/passwd').status).toBe(1);
    expect(g.sh('grep x /nosuch')).toEqual({ output: 'grep: /nosuch: No such file or directory\n', status: 2 });
    expect(g.sh('grep -q root /etc/passwd').status).toBe(0);
  });
  it('tee, xargs, printf, seq', () => {
    expect(g.out('echo hi | tee /tmp/tee1 && cat /tmp/tee1')).toBe('hi\nhi\n');
    expect(g.out('seq 3 | xargs echo n')).toBe('n 1 2 3\n');
    expect(g.out('seq 4 | xargs -n 2 echo')).toBe('1 2\n3 4\n');
    expect(g.out('printf "%s\\n" a b | xargs -I{} echo [{}]')).toBe('[a]\n[b]\n');
    expect(g.out('printf "%s=%d|%5.2f|%-3s|%x|%o|%c\\n" k 42 3.14159 ab 255 8 xyz')).toBe('k=42| 3.14|ab |ff|10|x\n');
    expect(g.out("printf '%s\\n' a b c")).toBe('a\nb\nc\n');
    expect(g.sh('printf %d abc')).toEqual({ output: "0printf: 'abc': expected a numeric value\n", status: 1 });
    expect(g.out('seq 2 2 8')).toBe('2\n4\n6\n8\n');
    expect(g.out('seq -s, 3')).toBe('1,2,3\n');
    expect(g.out('seq -w 8 10')).toBe('08\n09\n10\n');
  });
  it('find -name -type -maxdepth and tree', () => {
    g.sh('mkdir -p /tmp/fd/a/b && touch /tmp/fd/x.c /tmp/fd/a/y.c /tmp/fd/a/b/z.h');
    expect(g.out('find /tmp/fd -name "*.c" | sort')).toBe('/tmp/fd/a/y.c\n/tmp/fd/x.c\n');
    expect(g.out('find /tmp/fd -type d | sort')).toBe('/tmp/fd\n/tmp/fd/a\n/tmp/fd/a/b\n');
    expect(g.out('find /tmp/fd -maxdepth 1 -type f')).toBe('/tmp/fd/x.c\n');
    expect(g.out('find /tmp/fd -type f -name "*.h" -o -name "x*" | sort')).toBe('/tmp/fd/a/b/z.h\n/tmp/fd/x.c\n');
    expect(g.sh('find /nosuch')).toEqual({ output: "find: '/nosuch': No such file or directory\n", status: 1 });
    expect(g.out('tree /tmp/fd')).toBe('/tmp/fd\n├── a\n│   ├── b\n│   │   └── z.h\n│   └── y.c\n└── x.c\n\n2 directories, 3 files\n');
  });
  it('hexdump -C, xxd, od', () => {
    expect(g.out('echo hello | hexdump -C')).toBe('00000000  68 65 6c 6c 6f 0a                                 |hello.|\n00000006\n');
    expect(g.out('echo hello | xxd')).toBe('00000000: 6865 6c6c 6f0a                           hello.\n');
    expect(g.out('echo hello | od -c')).toBe('0000000   h   e   l   l   o  \\n\n0000006\n');
    expect(g.out('echo hello | od -A x -t x1')).toBe('000000 68 65 6c 6c 6f 0a\n000006\n');
    expect(g.out('head -c 64 /dev/zero | hexdump -C')).toBe('00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n*\n00000040\n');
  });
  it('dd copies with the records summary on stderr', () => {
    const r = g.sh('dd if=/dev/zero of=/tmp/dd1 bs=512 count=3 && stat -c %s /tmp/dd1');
    expect(r.output).toMatch(/^3\+0 records in\n3\+0 records out\n1536 bytes \(1\.5 kB, 1\.5 KiB\) copied, [0-9.e-]+ s, .+\/s\n1536\n$/);
    expect(g.out('echo abcdefgh | dd bs=2 skip=1 count=2 status=none')).toBe('cdef');
    expect(g.out('dd if=/nosuch')).toBe("dd: failed to open '/nosuch': No such file or directory\n");
  });
});

describe('test and [', () => {
  it('file, string and integer primaries with ! -a -o', () => {
    const t = (e: string): number => g.sh(e).status;
    expect(t('test -e /etc/passwd')).toBe(0);
    expect(t('test -f /etc')).toBe(1);
    expect(t('test -d /etc')).toBe(0);
    expect(t('[ -c /dev/null ]')).toBe(0);
    expect(t('[ -b /dev/null ]')).toBe(1);
    expect(t('ln -sf /etc /tmp/lnk; [ -L /tmp/lnk ]')).toBe(0);
    expect(t('[ -r /etc/passwd -a -w /etc/passwd ]')).toBe(0);
    expect(t('[ -x /bin/ls ]')).toBe(0);
    expect(t('[ -s /etc/passwd ]')).toBe(0);
    expect(t('[ -z "" ] && [ -n x ]')).toBe(0);
    expect(t('[ abc = abc ] && [ abc != abd ]')).toBe(0);
    expect(t('[ 3 -eq 3 -a 2 -lt 3 -a 4 -ge 4 -a 5 -gt 1 -a 1 -le 1 -a 1 -ne 2 ]')).toBe(0);
    expect(t('[ ! -e /nosuch ]')).toBe(0);
    expect(t('[ -e /nosuch -o -d / ]')).toBe(0);
    expect(t('[ \\( 1 -eq 2 \\) -o \\( 2 -eq 2 \\) ]')).toBe(0);
    expect(t('[ "" ]')).toBe(1);
  });
  it('syntax errors exit 2 with coreutils messages', () => {
    expect(g.sh('[ 1 -eq 1')).toEqual({ output: "[: missing ']'\n", status: 2 });
    expect(g.sh('test 1 -eq x')).toEqual({ output: "test: invalid integer 'x'\n", status: 2 });
  });
});

describe('processes and system', () => {
  it('ps prints the procps default and -ef/aux headers', () => {
    const ps = g.out('ps');
    expect(ps.split('\n')[0]).toBe('    PID TTY          TIME CMD');
    expect(ps).toMatch(/^ +\d+ \? +00:00:00 ps$/m);
    const ef = g.out('ps -ef');
    expect(ef.split('\n')[0]).toBe('UID          PID    PPID  C STIME TTY          TIME CMD');
    expect(ef).toMatch(/^root +1 +0 +\d+ 00:00 \? +00:00:00 \/sbin\/init$/m);
    expect(ef).toMatch(/^root +2 +0 +0 00:00 \? +00:00:00 \[kthreadd\]$/m);
    expect(ef).toMatch(/ttyS0 +00:00:00 -sh$/m);
    const aux = g.out('ps aux');
    expect(aux.split('\n')[0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(aux).toMatch(/^root +\d+ +[\d.]+ +[\d.]+ +\d+ +\d+ ttyS0 +Ss\+ +00:00 +0:00 -sh$/m);
    expect(g.out('ps -o pid,comm -p 1')).toBe('    PID COMMAND\n      1 init\n');
  });
  it('kill -l, kill -SIGNAL, and errors', () => {
    expect(g.out('kill -l')).toBe('HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT\nCHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH POLL PWR SYS\n');
    expect(g.out('kill -l 15')).toBe('TERM\n');
    expect(g.out('sleep 100 & kill -TERM $!; wait $!; echo $?')).toBe('143\n');
    expect(g.out('sleep 100 & kill -9 $!; wait $!; echo $?')).toBe('137\n');
    expect(g.sh('kill 99999')).toEqual({ output: 'kill: (99999): No such process\n', status: 1 });
  });
  it('sleep takes fractions of a second in virtual time', () => {
    const a = Number(g.out('cut -d" " -f1 /proc/uptime'));
    g.sh('sleep 0.5');
    const b = Number(g.out('cut -d" " -f1 /proc/uptime'));
    expect(b - a).toBeGreaterThanOrEqual(0.5);
    expect(b - a).toBeLessThan(0.6);
    expect(g.sh('sleep x')).toEqual({ output: "sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n", status: 1 });
  });
  it('free and uptime in procps formats', () => {
    const free = g.out('free').split('\n');
    expect(free[0]).toBe('               total        used        free      shared  buff/cache   available');
    expect(free[1]).toMatch(/^Mem: +\d+ +\d+ +\d+ +\d+ +\d+ +\d+$/);
    expect(free[1].length).toBe(free[0].length);
    expect(free[2]).toMatch(/^Swap: +0 +0 +0$/);
    const total = Number(free[1].split(/ +/)[1]);
    const meminfo = Number(/MemTotal: +(\d+)/.exec(g.out('cat /proc/meminfo'))![1]);
    expect(total).toBe(meminfo);
    expect(g.out('free -h').split('\n')[1]).toMatch(/^Mem: +\d+Mi +\d+Mi/);
    expect(g.out('uptime')).toMatch(/^ \d\d:\d\d:\d\d up \d+ min, +0 users, +load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d\n$/);
  });
  it('date from CLOCK_REALTIME in the coreutils format', () => {
    expect(g.out('date')).toMatch(/^Thu Jan  1 00:0\d:\d\d UTC 2026\n$/);
    expect(g.out('date -u +%Y-%m-%dT%H')).toBe('2026-01-01T00\n');
    expect(g.out('date -d @0')).toBe('Thu Jan  1 00:00:00 UTC 1970\n');
    expect(g.out('date -d @1700000000 "+%a %d %b %Y %T %j"')).toBe('Tue 14 Nov 2023 22:13:20 318\n');
  });
  it('id, whoami, hostname, uname, nproc, env, pwd, basename, dirname, which', () => {
    // BusyBox's id: init's children have no supplementary groups, so no groups= (a named user's come from /etc/group).
    expect(g.out('id')).toBe('uid=0(root) gid=0(root)\n');
    expect(g.out('id root')).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
    expect(g.out('whoami')).toBe('root\n');
    expect(g.out('hostname')).toBe('kwb\n');
    expect(g.out('nproc')).toMatch(/^[1-9]\d*\n$/);
    expect(g.out('env -i A=1 B=2 env')).toBe('A=1\nB=2\n');
    expect(g.out('cd /tmp && pwd')).toBe('/tmp\n');
    expect(g.out('basename /a/b/c.txt .txt; dirname /a/b/c.txt; dirname c')).toBe('c\n/a/b\n.\n');
    expect(g.out('which ls sh')).toBe('/bin/ls\n/bin/sh\n');
    expect(g.sh('which nosuch').status).toBe(1);
  });
  it('mount lists /proc/mounts as util-linux does; mount -t and umount', () => {
    const mounts = g.out('cat /proc/mounts').trim().split('\n');
    const listed = g.out('mount').trim().split('\n');
    expect(listed.length).toBe(mounts.length);
    mounts.forEach((l, i) => { const f = l.split(' '); expect(listed[i]).toBe(`${f[0]} on ${f[1]} type ${f[2]} (${f[3]})`); });
    expect(g.out('mount')).toMatch(/^proc on \/proc type proc \(rw[,a-z]*\)$/m);
    expect(g.out('mkdir -p /mnt/t && mount -t tmpfs -o size=1m,mode=700 none /mnt/t && mount -t tmpfs | grep /mnt/t')).toMatch(/^none on \/mnt\/t type tmpfs \(rw,relatime,.*\)$/m);
    expect(g.sh('umount /mnt/t; umount /mnt/t')).toEqual({ output: 'umount: /mnt/t: not mounted.\n', status: 32 });
    expect(g.sh('mount -t nosuchfs none /mnt/t')).toEqual({ output: "mount: /mnt/t: unknown filesystem type 'nosuchfs'.\n", status: 32 });
  });
  it('dmesg prints the ring buffer via syslog(2); -r, -l, -x, -c/-C', () => {
    const log = g.out('dmesg');
    expect(log.split('\n')[0]).toMatch(/^\[ +0\.\d{6}\] Linux version 6\.1\.0/);
    expect(log).toMatch(/^\[ +\d+\.\d{6}\] Run \/init as init process$/m);
    expect(g.out('dmesg -r | head -1')).toMatch(/^<5>\[ +0\.\d{6}\] Linux version/);
    expect(g.out('dmesg -x | head -1')).toMatch(/^kern  :notice: \[ +0\.\d{6}\] Linux version/);
    const err = g.out('dmesg -l err,crit,alert,emerg');
    expect(err.split('\n').filter(Boolean).every((l) => !/Linux version/.test(l))).toBe(true);
    expect(g.out('echo "<3>hello from test" > /dev/kmsg; dmesg -l err')).toMatch(/\] hello from test$/m);
    expect(g.out('dmesg -C; dmesg | wc -l')).toBe('0\n');
    expect(g.sh('dmesg -l nosuch')).toEqual({ output: 'dmesg: unknown level: nosuch\n', status: 1 });
  });
  it('stty and tty report no terminal on a pipe', () => {
    expect(g.sh('tty')).toEqual({ output: 'not a tty\n', status: 1 });
    expect(g.sh('stty')).toEqual({ output: "stty: 'standard input': Inappropriate ioctl for device\n", status: 1 });
    expect(g.out('stty -a -F /dev/ttyS1').split('\n')[0]).toMatch(/^speed \d+ baud; rows \d+; columns \d+; line = 0;$/);
  });
});
