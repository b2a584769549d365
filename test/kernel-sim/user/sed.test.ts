// sed(1) in the guest: the one-liners learners and the reference capture use (s///g on a sysfs file, -n with p, addresses and ranges, d, q, =, -E groups, -i), and sed's errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { boot_guest, type Guest } from './harness.ts';

let g: Guest;
beforeAll(() => {
  g = boot_guest();
  g.sh("printf 'alpha one\\nbeta two\\ngamma three\\ndelta four\\n' > /tmp/words");
});

describe('sed', () => {
  it("strips the brackets from a scheduler list as the reference capture does (s/[][]//g)", () => {
    expect(g.out("echo '[none] mq-deadline' | sed 's/[][]//g'")).toBe('none mq-deadline\n');
    g.sh("echo '[none] mq-deadline kyber ' > /tmp/scheduler");
    expect(g.out("for s in $(sed 's/[][]//g' /tmp/scheduler); do echo \"<$s>\"; done")).toBe('<none>\n<mq-deadline>\n<kyber>\n');
  });

  it('substitutes the first match, the Nth, or all with g; & and \\1 in the replacement', () => {
    expect(g.out("echo aaa | sed 's/a/b/'")).toBe('baa\n');
    expect(g.out("echo aaa | sed 's/a/b/2'")).toBe('aba\n');
    expect(g.out("echo aaa | sed 's/a/b/g'")).toBe('bbb\n');
    expect(g.out("echo 'vda sda' | sed 's/[a-z]d\\(a\\)/<&:\\1>/g'")).toBe('<vda:a> <sda:a>\n');
    expect(g.out("echo 'k=v' | sed -E 's/(.*)=(.*)/\\2=\\1/'")).toBe('v=k\n');
    expect(g.out("echo /a/b | sed 's|/|:|g'")).toBe(':a:b\n');
  });

  it('selects lines by number, $, regex and ranges; -n with p, d, q, = and !', () => {
    expect(g.out("sed -n 2p /tmp/words")).toBe('beta two\n');
    expect(g.out("sed -n '$p' /tmp/words")).toBe('delta four\n');
    expect(g.out("sed -n '/^g/p' /tmp/words")).toBe('gamma three\n');
    expect(g.out("sed -n '2,3p' /tmp/words")).toBe('beta two\ngamma three\n');
    expect(g.out("sed -n '/beta/,/gamma/!p' /tmp/words")).toBe('alpha one\ndelta four\n');
    expect(g.out("sed '1d;3d' /tmp/words")).toBe('beta two\ndelta four\n');
    expect(g.out("sed 2q /tmp/words")).toBe('alpha one\nbeta two\n');
    expect(g.out("sed -n '$=' /tmp/words")).toBe('4\n');
    expect(g.out("sed -n 's/two/2/p' /tmp/words")).toBe('beta 2\n');
  });

  it('edits a file in place with -i and reports what it cannot do', () => {
    g.sh("echo 'x=1' > /tmp/conf");
    expect(g.sh("sed -i 's/1/2/' /tmp/conf; cat /tmp/conf")).toEqual({ output: 'x=2\n', status: 0 });
    expect(g.sh('sed p /nosuch')).toEqual({ output: "sed: can't read /nosuch: No such file or directory\n", status: 2 });
    expect(g.sh("echo a | sed 's/a/b'")).toEqual({ output: "sed: -e expression #1: unterminated `s' command\n", status: 1 });
    expect(g.sh("echo a | sed 'k'")).toEqual({ output: "sed: -e expression #1: unknown command: `k'\n", status: 1 });
  });
});
