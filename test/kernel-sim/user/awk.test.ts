// awk(1) in the guest: the one-liners of the reference capture and of everyday use (fields, patterns, ranges, arrays, printf, functions, getline, pipes), and awk's errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { boot_guest, type Guest } from './harness.ts';

let g: Guest;
beforeAll(() => {
  g = boot_guest();
  g.sh("printf 'vda 10 ext2\\nvdb 20 none\\nnullb0 5 none\\n' > /tmp/disks");
  g.sh("printf 'root:x:0:0:root:/root:/bin/sh\\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\\n' > /tmp/passwd");
});

describe('awk', () => {
  it("formats the reference capture's io_bench line from -v variables in BEGIN", () => {
    const prog = `'BEGIN { t = t1 - t0
      printf "%-6s %-12s 2048 x 4KiB O_DIRECT reads: %5.2f s %8.0f IOPS\\n", b, s, t, (t > 0 ? 2048 / t : 0) }'`;
    expect(g.out(`awk -v b=vda -v s=mq-deadline -v t0=10.00 -v t1=10.40 ${prog}`))
      .toBe('vda    mq-deadline  2048 x 4KiB O_DIRECT reads:  0.40 s     5120 IOPS\n');
  });

  it('splits fields on blanks or -F, counts NR/NF, and prints with OFS', () => {
    expect(g.out("awk '{ print $1, $NF }' /tmp/disks")).toBe('vda ext2\nvdb none\nnullb0 none\n');
    expect(g.out("awk -F: '{ print NR \": \" $1 \" \" $7 }' /tmp/passwd")).toBe('1: root /bin/sh\n2: daemon /usr/sbin/nologin\n');
    expect(g.out("echo '  a   b  c ' | awk '{ print NF; $2 = \"X\"; print; print $0 }' OFS=-")).toBe('3\na-X-c\na-X-c\n');
    expect(g.out("echo 'a,b;c' | awk -F '[,;]' '{ print $3 $2 $1 }'")).toBe('cba\n');
    expect(g.out("echo 'a b c d' | awk '{ NF = 2; print }'")).toBe('a b\n');
  });

  it('selects by regex, expression and range patterns; a pattern alone prints the record', () => {
    expect(g.out("awk '/^v/' /tmp/disks")).toBe('vda 10 ext2\nvdb 20 none\n');
    expect(g.out("awk '$2 > 8 { print $1 }' /tmp/disks")).toBe('vda\nvdb\n');
    expect(g.out("seq 1 10 | awk '/3/,/5/'")).toBe('3\n4\n5\n');
    expect(g.out("awk '$3 !~ /none/ { n++ } END { print n+0 }' /tmp/disks")).toBe('1\n');
  });

  it('compares numeric strings from input as numbers and constants as strings', () => {
    expect(g.out("echo '10 9' | awk '{ print ($1 > $2), (\"10\" > \"9\"), ($1 == 10.0) }'")).toBe('1 0 1\n');
    expect(g.out("awk 'BEGIN { x; if (x == 0 && x == \"\") print \"uninit\" }'")).toBe('uninit\n');
  });

  it('sums with arrays, iterates with for-in, deletes, and tests membership with in', () => {
    expect(g.out("awk '{ s[$3] += $2 } END { for (k in s) print k, s[k] }' /tmp/disks | sort")).toBe('ext2 10\nnone 25\n');
    expect(g.out("awk 'BEGIN { a[1,2] = 3; if ((1,2) in a) print \"yes\"; delete a[1,2]; if (!((1,2) in a)) print \"gone\" }'")).toBe('yes\ngone\n');
    expect(g.out("awk 'BEGIN { n = split(\"a:b:c\", p, \":\"); print n, p[1] p[3]; print length(p) }'")).toBe('3 ac\n3\n');
  });

  it('has the string and arithmetic built-ins', () => {
    expect(g.out(`awk 'BEGIN { s = "hello world"; print length(s), substr(s, 7), substr(s, 0, 3), index(s, "o"), toupper(substr(s, 1, 1)) }'`))
      .toBe('11 world he 5 H\n');
    expect(g.out(`awk 'BEGIN { s = "aaa"; n = gsub(/a/, "<&>", s); print n, s; t = "abc"; gsub(/b*/, "-", t); print t }'`)).toBe('3 <a><a><a>\n-a-c-\n');
    expect(g.out(`awk 'BEGIN { if (match("foobar", /o+b/)) print RSTART, RLENGTH; print int(-3.7), 2^10, 7 % 3, sqrt(16) }'`)).toBe('2 3\n-3 1024 1 4\n');
    expect(g.out(`awk 'BEGIN { print 1/3; OFMT = "%.2f"; print 1/3; x = 0.1 + 0.2; print (x "") }'`)).toBe('0.333333\n0.33\n0.3\n');
    expect(g.out(`awk 'BEGIN { printf "%5.1f|%-4d|%x|%c|%c|%s\\n", 3.14159, 42, 255, 65, "hi", sprintf("%03d", 7) }'`)).toBe('  3.1|42  |ff|A|h|007\n');
  });

  it('runs user functions with recursion, local variables and arrays by reference', () => {
    const prog = `'function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) }
      function fill(arr, n,   i) { for (i = 1; i <= n; i++) arr[i] = i * i }
      BEGIN { print fact(10); fill(sq, 3); print sq[1], sq[2], sq[3]; print i "" }'`;
    expect(g.out(`awk ${prog}`)).toBe('3628800\n1 4 9\n\n');
  });

  it('controls flow with next, exit (END still runs), while, do, break and continue', () => {
    expect(g.out("seq 1 6 | awk '$1 % 2 { next } { print } END { print \"end\" }'")).toBe('2\n4\n6\nend\n');
    expect(g.out("seq 1 100 | awk 'NR == 3 { exit 4 } END { print NR }'; echo rc=$?")).toBe('3\nrc=4\n');
    expect(g.out("awk 'BEGIN { while (1) { if (++i > 5) break; if (i == 2) continue; s = s i }; do j++; while (j < 3); print s, j }'")).toBe('1345 3\n');
  });

  it('reads with getline from files and commands, and prints to files and pipes', () => {
    expect(g.out("awk 'BEGIN { while ((getline line < \"/tmp/disks\") > 0) n++; print n; close(\"/tmp/disks\") }'")).toBe('3\n');
    expect(g.out("awk 'BEGIN { \"echo hi there\" | getline; print $2; \"uname\" | getline sys; print sys }'")).toBe('there\nLinux\n');
    expect(g.out("awk '{ print $1 > \"/tmp/names\" } END { close(\"/tmp/names\"); while ((getline x < \"/tmp/names\") > 0) printf \"%s.\", x; print \"\" }' /tmp/disks")).toBe('vda.vdb.nullb0.\n');
    expect(g.out("awk '{ print $2 | \"sort -n\" }' /tmp/disks")).toBe('5\n10\n20\n');
    expect(g.out("awk 'BEGIN { r = system(\"exit 3\"); print r }'")).toBe('3\n');
  });

  it('reads paragraphs with RS="" and var=value operands between files', () => {
    g.sh("printf 'a 1\\nb 2\\n\\n\\nc 3\\n' > /tmp/paras");
    expect(g.out("awk 'BEGIN { RS = \"\" } { print NR \": \" $1 \"/\" $NF }' /tmp/paras")).toBe('1: a/2\n2: c/3\n');
    expect(g.out("awk '{ print x, $1 }' x=1 /tmp/disks x=2 /tmp/paras | head -4")).toBe('1 vda\n1 vdb\n1 nullb0\n2 a\n');
  });

  it('reports syntax errors with the line, run-time errors with the record, and exits 2', () => {
    expect(g.sh("awk 'BEGIN { print 1 '")).toEqual({ output: 'awk: line 1: syntax error at or near end of file\n', status: 2 });
    expect(g.sh("echo x | awk '{ print 1 / 0 }'")).toEqual({ output: 'awk: run time error: division by zero\n\tFILENAME="" FNR=1 NR=1\n', status: 2 });
    expect(g.sh('awk').status).toBe(2);
    expect(g.sh('awk 1 /nonexistent')).toEqual({ output: 'awk: run time error: cannot open /nonexistent (No such file or directory)\n\tFILENAME="" FNR=0 NR=0\n', status: 2 });
  });

  it('gives up the CPU in a busy loop, so the shell runs beside it and a signal stops it', () => {
    const spin = "awk 'BEGIN { print \"spinning\"; fflush(); while (1) n++ }' > /tmp/spin &";
    expect(g.out(`${spin} until grep -q spinning /tmp/spin 2>/dev/null; do :; done; kill $!; wait $!; echo rc=$?`)).toBe('rc=143\n');
  });
});
