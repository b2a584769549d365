// /sys/power at boot against Linux's (sys-power.txt), and its switches: pm_test, mem_sleep, pm_async, suspend_stats/.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { boot } from '../core/harness.ts';

const ref = (f: string): string => readFileSync(new URL(`../../fixtures/reference/linux-6.1/${f}`, import.meta.url), 'utf8');

describe('/sys/power', () => {
  const m = boot();

  it('lists the files and values of sys-power.txt (image_size: 2/5 of this machine\'s RAM)', () => {
    const cmd = 'ls -l /sys/power/; for f in /sys/power/*; do [ -f $f ] && echo "${f##*/}: $(cat $f 2>&1)"; done';
    const got = m.runCommand(cmd).output.split('\n').filter(Boolean);
    const want = ref('sys-power.txt').split('\n').filter((l) => l && !l.startsWith('#'));
    const cols = (l: string): string => { const f = l.split(/\s+/); return f.length > 8 ? `${f[0]} ${f[4]} ${f.slice(8).join(' ')}` : l; };
    const memtotal_kb = Number(/MemTotal:\s+(\d+)/.exec(m.runCommand('cat /proc/meminfo').output)![1]);
    const image = (ls: string[], v: number): string[] => ls.map((l) => l.startsWith('image_size: ') ? `image_size: ${v}` : l);
    // The guest's cat names the file where BusyBox's says "read error"; the errno is what counts.
    const cat_err = (ls: string[]): string[] => ls.map((l) => l.replace(/cat: \S+: No data available$/, 'cat: read error: No data available'));
    expect(image(cat_err(got), 0).map(cols)).toEqual(image(want, 0).map(cols));
    // pm_init (core_initcall) takes 2/5 of totalram_pages then: the initrd and the kernel's init sections freed later
    // are in MemTotal but not in image_size.
    const later_kb = m.runCommand('dmesg').output.split('\n').filter((l) => /Freeing (initrd|unused .*) memory: \d+K$/.test(l))
      .reduce((n, l) => n + Number(/(\d+)K$/.exec(l)![1]), 0);
    const pages = Math.floor(((memtotal_kb - later_kb) * 1024) / 4096);
    expect(got).toContain(`image_size: ${Math.floor((pages * 2) / 5) * 4096}`);
  });

  it('pm_test, mem_sleep, pm_async take their words and refuse others; suspend_stats/ starts at zero', () => {
    expect(m.runCommand('echo devices > /sys/power/pm_test; cat /sys/power/pm_test').output).toBe('none core processors platform [devices] freezer\n');
    expect(m.runCommand('echo bogus > /sys/power/pm_test; echo $?; echo none > /sys/power/pm_test').output).toBe('1\n');
    expect(m.runCommand('echo s2idle > /sys/power/mem_sleep; cat /sys/power/mem_sleep; echo deep > /sys/power/mem_sleep').output).toBe('[s2idle] deep\n');
    expect(m.runCommand('echo shallow > /sys/power/mem_sleep; echo $?').output).toBe('1\n');
    expect(m.runCommand('echo 2 > /sys/power/pm_async; echo $?; echo 0 > /sys/power/pm_async; cat /sys/power/pm_async').output).toBe('1\n0\n');
    expect(m.runCommand('cd /sys/power/suspend_stats && grep . success fail last_failed_errno').output).toBe('success:0\nfail:0\nlast_failed_errno:0\n');
    expect(m.runCommand('echo test_resume > /sys/power/disk; cat /sys/power/disk').output).toBe('platform shutdown reboot suspend [test_resume] \n');
  });
});
