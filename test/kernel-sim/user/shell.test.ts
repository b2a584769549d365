// The shell: control flow, arithmetic, functions, here-documents, redirection order, command substitution, expansions.
import { beforeAll, describe, expect, it } from 'vitest';
import { boot_guest, type Guest } from './harness.ts';

let g: Guest;
beforeAll(() => { g = boot_guest(); });

describe('sh', () => {
  it('arithmetic expansion is POSIX integer arithmetic', () => {
    expect(g.out('echo $((1 + 2 * 3)) $((10 / 3)) $((-7 % 3)) $((2 ** 10)) $(( (1 << 4) | 1 ))')).toBe('7 3 -1 1024 17\n');
    expect(g.out('x=5; echo $((x * 2)) $((x += 1)) $x $(($x - 1)) $((x > 3 ? 1 : 0)) $((!x)) $((0x10 + 010))')).toBe('10 6 6 5 1 0 24\n');
    expect(g.out('i=0; : $((i++)) $((i++)); echo $i')).toBe('2\n');
    expect(g.out('echo $((1 && 0 || 2)) $((3 == 3)) $((~0))')).toBe('1 1 -1\n');
    expect(g.sh('echo $((1 / 0)); echo after')).toEqual({ output: 'sh: arithmetic expression: division by zero: "1 / 0"\n', status: 2 });
  });
  it('if/elif/else, while, until, for with break and continue', () => {
    expect(g.out('x=5; if [ $x -gt 5 ]; then echo big; elif [ $x -eq 5 ]; then echo five; else echo small; fi')).toBe('five\n');
    expect(g.out('if false; then echo no; fi; echo $?')).toBe('0\n');
    expect(g.out('i=0; while [ $i -lt 3 ]; do echo i=$i; i=$((i+1)); done')).toBe('i=0\ni=1\ni=2\n');
    expect(g.out('i=3; until [ $i -eq 0 ]; do i=$((i-1)); done; echo $i')).toBe('0\n');
    expect(g.out('for f in a b c; do printf "%s." $f; done; echo')).toBe('a.b.c.\n');
    expect(g.out('for n in 1 2 3; do for m in x y; do [ $m = y ] && continue; echo $n$m; done; [ $n = 2 ] && break; done')).toBe('1x\n2x\n');
    expect(g.out('for i in 1 2 3; do for j in 1 2; do [ $i = 2 ] && break 2; echo $i$j; done; done')).toBe('11\n12\n');
    expect(g.out('set -- a "b c"; for x; do echo "[$x]"; done')).toBe('[a]\n[b c]\n');
    expect(g.out('for f in /etc/pass*; do echo $f; done')).toBe('/etc/passwd\n');
    expect(g.out('while read a b; do echo "$b-$a"; done <<EOF\n1 one\n2 two\nEOF')).toBe('one-1\ntwo-2\n');
  });
  it('case with patterns and alternatives', () => {
    expect(g.out('case hello in h*) echo starts-h;; *) echo other;; esac')).toBe('starts-h\n');
    expect(g.out('case foo.txt in *.c|*.h) echo c;; *.txt) echo txt;; esac')).toBe('txt\n');
    expect(g.out('case x in [abc]) echo abc;; [!abc]) echo not;; esac')).toBe('not\n');
    expect(g.out('v="*"; case a in "$v") echo literal;; *) echo glob;; esac')).toBe('glob\n');
    expect(g.out('case zzz in a) echo a;; esac; echo $?')).toBe('0\n');
  });
  it('functions with arguments, return, local, and recursion', () => {
    expect(g.out('f() { echo "args: $# $1 $2"; return 3; }; f one two; echo ret=$?')).toBe('args: 2 one two\nret=3\n');
    expect(g.out('g() { local v=inner; echo $v; }; v=outer; g; echo $v')).toBe('inner\nouter\n');
    expect(g.out('fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(($1 - 1))) )); fi; }; fact 5')).toBe('120\n');
    expect(g.out('f() { echo in-f; }; f | tr a-z A-Z')).toBe('IN-F\n');
    expect(g.out('function h { echo bash-style; }; h')).toBe('bash-style\n');
    expect(g.out('f() { echo $1; }; f a; set -- x; echo $1')).toBe('a\nx\n');
  });
  it('here-documents: expanded, quoted, and with tabs stripped', () => {
    expect(g.out('x=6; cat <<EOF\nheredoc $x $((x+1))\n  \\$notvar\nEOF')).toBe('heredoc 6 7\n  $notvar\n');
    expect(g.out("cat <<'EOF'\nliteral $x\nEOF")).toBe('literal $x\n');
    expect(g.out('cat <<-EOF\n\tindented\n\tEOF')).toBe('indented\n');
    expect(g.out('cat <<A; cat <<B\none\nA\ntwo\nB')).toBe('one\ntwo\n');
  });
  it('redirections apply in order: 2>&1 >file versus >file 2>&1', () => {
    g.sh('rm -f /tmp/r1 /tmp/r2');
    expect(g.out('ls /nosuch >/tmp/r1 2>&1; echo status=$?')).toBe('status=1\n');
    expect(g.out('cat /tmp/r1')).toBe('ls: /nosuch: No such file or directory\n');
    expect(g.out('ls /nosuch 2>&1 >/tmp/r2')).toBe('ls: /nosuch: No such file or directory\n');
    expect(g.out('cat /tmp/r2 | wc -c')).toBe('0\n');
    expect(g.out('echo a > /tmp/r3; echo b >> /tmp/r3; cat < /tmp/r3')).toBe('a\nb\n');
    expect(g.out('ls /nosuch 2>/dev/null; echo st=$?')).toBe('st=1\n');
    expect(g.out('{ echo out; echo err >&2; } 2>/dev/null')).toBe('out\n');
    expect(g.out('exec 3>/tmp/r4; echo via3 >&3; exec 3>&-; cat /tmp/r4')).toBe('via3\n');
    expect(g.sh('cat < /nosuch')).toEqual({ output: 'sh: cannot open /nosuch: No such file or directory\n', status: 1 });
  });
  it('command substitution nests, inside and outside quotes', () => {
    expect(g.out('echo $(echo nested $(echo deep))')).toBe('nested deep\n');
    expect(g.out('echo "q $(echo "in quotes")"')).toBe('q in quotes\n');
    expect(g.out('echo `echo back`ticks')).toBe('backticks\n');
    expect(g.out('x=$(printf "a\\nb\\n\\n"); echo "[$x]"')).toBe('[a\nb]\n');
    expect(g.out('echo $(false); echo $?')).toBe('\n0\n');
    expect(g.out('x=$(false); echo $?')).toBe('1\n');
  });
  it('parameter expansions, quoting and field splitting', () => {
    expect(g.out('x=abc; echo ${x:-def} ${unset_var:-def} ${#x} ${unset_var-} ${x:+alt}')).toBe('abc def 3 alt\n');
    expect(g.out('p=/a/b/c.tar.gz; echo ${p##*/} ${p%.*} ${p%%.*} ${p#/*/}')).toBe('c.tar.gz /a/b/c.tar /a/b/c b/c.tar.gz\n');
    expect(g.out(': ${y:=set}; echo $y')).toBe('set\n');
    expect(g.sh('echo ${nope:?is required}')).toEqual({ output: 'sh: nope: is required\n', status: 2 });
    expect(g.out('v="a  b"; echo $v; echo "$v"')).toBe('a b\na  b\n');
    expect(g.out("echo 'single $x' \"double\\\"q\" back\\ slash")).toBe('single $x double"q back slash\n');
    expect(g.out('IFS=:; set -- $(echo a:b:c); echo $#')).toBe('3\n');
    expect(g.out('echo ~ ~/x')).toBe('/root /root/x\n');
  });
  it('and-or lists, negation, subshells, groups, background jobs', () => {
    expect(g.out('! false && echo negated')).toBe('negated\n');
    expect(g.out('true || echo never; false || echo fallback')).toBe('fallback\n');
    expect(g.out('(cd /tmp && pwd); pwd')).toBe('/tmp\n/root\n');
    expect(g.out('{ echo a; echo b; } | wc -l')).toBe('2\n');
    expect(g.out('(exit 3); echo $?')).toBe('3\n');
    expect(g.out('sleep 0.1 & echo started; wait; echo done')).toBe('started\ndone\n');
    expect(g.sh('exit 7').status).toBe(7);
    expect(g.sh('set -e; false; echo not-reached').status).toBe(1);
  });
  it('syntax errors are reported and not run', () => {
    expect(g.sh('if true; then echo x')).toEqual({ output: 'sh: syntax error: unexpected end of file (expecting "fi")\n', status: 2 });
    expect(g.sh('echo a; then')).toEqual({ output: "sh: syntax error near unexpected token `then'\n", status: 2 });
    expect(g.sh('nosuchcmd')).toEqual({ output: 'sh: nosuchcmd: not found\n', status: 127 });
  });
  it('the reference capture script runs: for over a glob, ${d##*/}, $(wc -c < file)', () => {
    g.sh('mkdir -p /tmp/dev/0000:00:00.0 /tmp/dev/0000:00:01.0 && head -c 256 /dev/zero > /tmp/dev/0000:00:00.0/config && head -c 64 /dev/zero > /tmp/dev/0000:00:01.0/config');
    expect(g.out('for d in /tmp/dev/*; do echo "== ${d##*/} ($(wc -c < $d/config) bytes)"; hexdump -C $d/config | head -2; done')).toBe(
      '== 0000:00:00.0 (256 bytes)\n00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n*\n'
      + '== 0000:00:01.0 (64 bytes)\n00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n*\n');
  });
  it('type, command -v, eval, history-free builtins', () => {
    expect(g.out('type cd ls f 2>&1; f() { :; }; type f')).toBe('cd is a shell builtin\nls is /bin/ls\nsh: type: f: not found\nf is a function\n');
    expect(g.out('command -v ls cd')).toBe('/bin/ls\ncd\n');
    expect(g.out('cmd="echo evaluated"; eval $cmd')).toBe('evaluated\n');
    expect(g.out('read a b <<EOF\nx y z\nEOF\necho "$a|$b"')).toBe('x|y z\n');
  });
  it('kill and wait take job specs (%N, %%): the job\'s process group is signalled, wait returns its status', () => {
    expect(g.out('type kill')).toBe('kill is a shell builtin\n');
    expect(g.out('sleep 5 & kill -9 %1; wait %1; echo st=$?')).toBe('st=137\n');
    expect(g.out('sleep 5 & kill %%; wait %1; echo st=$?')).toBe('st=143\n');
    expect(g.out('yes > /dev/null & sleep 0.05; kill %1; wait %1; echo st=$?')).toBe('st=143\n');
    expect(g.sh('kill %3')).toEqual({ output: 'sh: kill: %3: no such job\n', status: 1 });
    expect(g.sh('wait %2')).toEqual({ output: 'sh: wait: %2: no such job\n', status: 127 });
    expect(g.out('kill -l 9; kill 99999; echo $?')).toBe('KILL\nkill: (99999): No such process\n1\n');
  });
});
