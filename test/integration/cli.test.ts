// The kwb CLI contract (issue 2): run, shell, flags, errors and exit statuses, driven as a user would.
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { main } from '../../kernel-sim/host/cli.ts';
import { scratchDirs } from '../fixtures/scratch.ts';

const tmp = scratchDirs();
afterAll(tmp.cleanup);

async function kwb(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(argv, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

describe('kwb run', () => {
  it('prints the answers of every command and exits with the last status', async () => {
    const r = await kwb('run', '--', 'uname -a', 'echo hi');
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^Linux kwb 6\.1\.0-\S+ #1 SMP PREEMPT_DYNAMIC .* x86_64 GNU\/Linux\nhi\n$/);
    expect(r.code).toBe(0);
  });

  it('runs the commands on a terminal, as on the console: stdout is a tty, stdin /dev/null, ls lists in columns', async () => {
    const r = await kwb('run', '--', '[ -t 1 ] && echo stdout-tty; [ -t 0 ] || echo stdin-not', 'ls -d /sys /proc');
    expect(r.out).toBe('stdout-tty\nstdin-not\n/proc  /sys\n');
  });

  it('runs the commands as one shell session and returns the last exit status', async () => {
    const r = await kwb('run', '--', 'X=42', 'echo $X', 'false');
    expect(r.out).toBe('42\n');
    expect(r.code).toBe(1);
  });

  it('reports a missing command as the shell does, with status 127', async () => {
    const r = await kwb('run', '--', 'nosuchcmd');
    expect(r.out).toBe('sh: nosuchcmd: not found\n');
    expect(r.code).toBe(127);
  });

  it('copies host files into the guest with --put', async () => {
    const dir = tmp.make('kwb-');
    const f = join(dir, 'hello.sh');
    writeFileSync(f, 'echo from the host\n');
    const r = await kwb('run', '--put', `${f}:/root/hello.sh`, '--', '. /root/hello.sh');
    expect(r.out).toBe('from the host\n');
    expect(r.code).toBe(0);
  });

  it('takes the kernel command line from --cmdline', async () => {
    const r = await kwb('run', '--cmdline', 'console=ttyS0 quiet', '--', 'echo up');
    expect(r.out).toBe('up\n');
  });

  it('refuses a malformed boot config with file:line:column errors and boots nothing', async () => {
    const dir = tmp.make('kwb-');
    const f = join(dir, 'broken.dts');
    writeFileSync(f, '/dts-v1/;\n/ {\n\tmodel = "x"\n};\n');
    const r = await kwb('run', '--machine', f, '--', 'echo never');
    expect(r.out).toBe('');
    expect(r.err).toMatch(/broken\.dts:3:\d+: error: /);
    expect(r.code).toBe(1);
  });

  it('shows the kernel panic when init cannot run, even without a console on the command line', async () => {
    const r = await kwb('run', '--cmdline', 'init=/bin/nosuch', '--', 'true');
    expect(r.out).toMatch(/^\[ +\d+\.\d{6}\] Run \/init as init process$/m);
    expect(r.out).toMatch(/^\[ +\d+\.\d{6}\] Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000100$/m);
    expect(r.err).toContain('the machine did not come up (state: panicked)');
    expect(r.code).toBe(1);
  });

  it('traces a command with strace in strace\'s own format', async () => {
    const r = await kwb('run', '--', 'strace cat /proc/version');
    expect(r.out).toMatch(/^execve\("\/bin\/cat", \["cat", "\/proc\/version"\], 0x[0-9a-f]+ \/\* \d+ vars \*\/\) = 0$/m);
    expect(r.out).toMatch(/^openat\(AT_FDCWD, "\/proc\/version", O_RDONLY\) = 3$/m);
    expect(r.out).toMatch(/^read\(3, "Linux version 6\.1\.0-kwb \(kwb@ker"\.\.\., \d+\) = \d+$/m);
    expect(r.out).toMatch(/^close\(3\) {32}= 0$/m);
    expect(r.out).toMatch(/^\+\+\+ exited with 0 \+\+\+$/m);
    expect(r.code).toBe(0);
  });

  it('explains usage errors with status 2', async () => {
    expect((await kwb('run', '--bogus')).err).toContain("unknown option '--bogus'");
    expect((await kwb('run', '--seed', 'x', '--', 'true')).code).toBe(2);
    expect((await kwb('run')).err).toContain('nothing to run');
    expect((await kwb('frobnicate')).code).toBe(2);
  });

  it('documents every flag in --help', async () => {
    const r = await kwb('run', '--help');
    for (const flag of ['--machine', '--cmdline', '--seed', '--put', '--timeout']) expect(r.out).toContain(flag);
    expect(r.code).toBe(0);
    const top = await kwb('--help');
    for (const cmd of ['run', 'shell', 'build', 'lab']) expect(top.out).toMatch(new RegExp(`^  ${cmd} `, 'm'));
  });

  it('gives the same output for the same seed', async () => {
    const a = await kwb('run', '--seed', '7', '--', 'uname -a');
    const b = await kwb('run', '--seed', '7', '--', 'uname -a');
    expect(a.out).toBe(b.out);
  });
});

describe('kwb shell', () => {
  it('boots, shows the console and answers lines from stdin until end of input', () => {
    const r = spawnSync(process.execPath, ['bin/kwb.js', 'shell'], { input: 'echo hi from stdin\n', encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toContain('Linux version 6.1.0');
    expect(r.stdout).toMatch(/root@kwb:~# echo hi from stdin\r\nhi from stdin\r\nroot@kwb:~# /);
    expect(r.status).toBe(0);
  });
});
