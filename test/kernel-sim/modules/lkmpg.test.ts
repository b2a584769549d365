// Well-known example modules (The Linux Kernel Module Programming Guide's, test/fixtures/drivers/lkmpg-*) built from
// their Kbuild as `kwb build DIR` reads it, loaded, and exercised the way the guide tells its readers to.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toolchain, machine, sh, dmesg } from './helpers.ts';
import { ROOT } from '../toolchain/helpers.ts';
import { parseKbuild } from '../../../kernel-sim/toolchain/kbuild.ts';

/** Builds the one obj-m module of a fixture folder from its Kbuild (several files where it lists them). */
async function kbuild(dir: string): Promise<[string, Uint8Array]> {
  const abs = join(ROOT, 'test/fixtures/drivers', dir);
  const kb = parseKbuild(readFileSync(join(abs, 'Kbuild'), 'utf8'));
  expect(kb.errors).toEqual([]);
  const m = kb.modules[0]!;
  const r = await toolchain().build({
    mode: 'kernel', modname: m.name,
    sources: m.sources.map((s) => ({ path: `test/fixtures/drivers/${dir}/${s}`, text: readFileSync(join(abs, s)) })),
  });
  expect(r.log).toBe('');
  return [m.name, r.wasm!];
}

const FIXTURES = ['lkmpg-hello-1', 'lkmpg-hello-5', 'lkmpg-startstop', 'lkmpg-chardev', 'lkmpg-procfs2', 'lkmpg-sleep', 'lkmpg-completions', 'lkmpg-static-key'] as const;
const ko: Record<string, [string, Uint8Array]> = {};
beforeAll(async () => {
  for (const f of FIXTURES) ko[f] = await kbuild(f);
}, 300_000);

/** A machine with the fixture's module at /root/NAME.ko. */
function booted(f: typeof FIXTURES[number]): [ReturnType<typeof machine>, string] {
  const [name, bytes] = ko[f]!;
  return [machine({ [`/root/${name}.ko`]: bytes }), name];
}

const after = (log: string[], line: string): string[] => log.slice(log.lastIndexOf(line));

describe('LKMPG examples', () => {
  it('hello-1: init_module/cleanup_module without module_init run on insmod and rmmod', () => {
    const [m, name] = booted('lkmpg-hello-1');
    expect(name).toBe('hello_1');
    expect(sh(m, 'insmod /root/hello_1.ko; echo rc=$?; lsmod | grep -c hello_1')).toBe('rc=0\n1\n');
    expect(sh(m, 'rmmod hello_1; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m).filter((l) => / world 1\.$/.test(l))).toEqual(['Hello world 1.', 'Goodbye world 1.']);
  });

  it('hello-5: parameters from the insmod line, an array with its count, sysfs modes from module_param', () => {
    const [m] = booted('lkmpg-hello-5');
    expect(sh(m, 'insmod /root/hello_5.ko mystring="bebop" myintarray=-1 myshort=12; echo rc=$?')).toBe('rc=0\n');
    const log = dmesg(m);
    for (const l of ['myshort is a short integer: 12', 'myint is an integer: 420', 'mylong is a long integer: 9999', 'mystring is a string: bebop',
      'myintarray[0] = -1', 'myintarray[1] = 420', 'got 1 arguments for myintarray.']) expect(log).toContain(l);
    expect(sh(m, 'stat -c "%A %n" /sys/module/hello_5/parameters/*')).toBe(
      '-rw-r--r-- /sys/module/hello_5/parameters/myint\n-r-------- /sys/module/hello_5/parameters/mylong\n-rw-rw---- /sys/module/hello_5/parameters/myshort\n');
    sh(m, 'rmmod hello_5');
    expect(dmesg(m)).toContain('Goodbye, world 5');
  });

  it('startstop: a module of two files (startstop-objs := start.o stop.o), init in one and cleanup in the other', () => {
    const [m, name] = booted('lkmpg-startstop');
    expect(name).toBe('startstop');
    expect(sh(m, 'insmod /root/startstop.ko; echo rc=$?; rmmod startstop; echo rc=$?')).toBe('rc=0\nrc=0\n');
    expect(dmesg(m).slice(-2)).toEqual(['Hello, world - this is the kernel speaking', 'Short is the life of a kernel module']);
  });

  it('chardev: /dev/chardev counts its reads; writes are refused', () => {
    const [m] = booted('lkmpg-chardev');
    sh(m, 'insmod /root/chardev.ko');
    expect(dmesg(m).find((l) => l.startsWith('I was assigned major number'))).toMatch(/^I was assigned major number \d+\.$/);
    expect(dmesg(m)).toContain('Device created on /dev/chardev');
    expect(sh(m, 'cat /dev/chardev; cat /dev/chardev')).toBe('I already told you 0 times Hello world!\nI already told you 1 times Hello world!\n');
    expect(sh(m, 'echo hi > /dev/chardev; echo rc=$?')).toMatch(/rc=1\n$/);
    expect(dmesg(m)).toContain('Sorry, this operation is not supported.');
    expect(sh(m, 'rmmod chardev; echo rc=$?; ls /dev/chardev 2>&1 | head -c 3')).toBe('rc=0\nls:');
  });

  it('procfs2: /proc/buffer1k reads through the file\'s dentry name and keeps what is written', () => {
    const [m] = booted('lkmpg-procfs2');
    sh(m, 'insmod /root/procfs2.ko');
    expect(sh(m, 'cat /proc/buffer1k | tr -d "\\000"')).toBe('HelloWorld!\n');
    expect(dmesg(m)).toContain('procfile read buffer1k');
    sh(m, 'echo kwb > /proc/buffer1k');
    expect(dmesg(m).some((l) => l.startsWith('procfile write kwb'))).toBe(true);
    sh(m, 'rmmod procfs2');
    expect(dmesg(m)).toContain('/proc/buffer1k removed');
  });

  it('sleep: /proc/sleep keeps the last input; proc_set_size and proc_set_user shape its inode', () => {
    const [m] = booted('lkmpg-sleep');
    sh(m, 'insmod /root/sleep.ko');
    expect(dmesg(m)).toContain('/proc/sleep created');
    expect(sh(m, 'stat -c "%s %u %g %A" /proc/sleep')).toBe('80 0 0 -rw-r--r--\n');
    expect(sh(m, 'echo hello > /proc/sleep; cat /proc/sleep')).toBe('Last input:hello\n\n');
    expect(sh(m, 'rmmod sleep; echo rc=$?')).toBe('rc=0\n');
  });

  it('completions: the flywheel thread waits for the crank thread; both end with kthread_complete_and_exit', () => {
    const [m] = booted('lkmpg-completions');
    expect(sh(m, 'insmod /root/completions.ko; echo rc=$?')).toBe('rc=0\n');
    sh(m, 'sleep 1');
    expect(after(dmesg(m), 'completions example').slice(0, 3)).toEqual(['completions example', 'Turn the crank', 'Flywheel spins up']);
    expect(sh(m, 'ps | grep -c "KThread"')).toBe('0\n');
    expect(sh(m, 'rmmod completions; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m).at(-1)).toBe('completions exit');
  });

  it('static_key: writes flip DEFINE_STATIC_KEY_FALSE; the unlikely branch runs only while it is enabled', () => {
    const [m] = booted('lkmpg-static-key');
    sh(m, 'insmod /root/static_key.ko');
    expect(sh(m, 'cat /dev/key_state')).toBe('disabled\n');
    expect(dmesg(m)).not.toContain('do unlikely thing');
    expect(sh(m, 'echo enable > /dev/key_state; cat /dev/key_state')).toBe('enabled\n');
    expect(dmesg(m).slice(-3)).toEqual(['fastpath 1', 'do unlikely thing', 'fastpath 2']);
    expect(sh(m, 'echo disable > /dev/key_state; cat /dev/key_state; echo bogus > /dev/key_state; echo rc=$?')).toBe('disabled\nrc=1\n');
    expect(dmesg(m).some((l) => l.startsWith('Invalid command: bogus'))).toBe(true);
    expect(sh(m, 'rmmod static_key; echo rc=$?')).toBe('rc=0\n');
  });
});
