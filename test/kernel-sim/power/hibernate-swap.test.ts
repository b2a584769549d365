// Hibernation through swap (kernel/power/swap.ts, hibernate.ts): with vdb1 as a swap area the image is written to it (save_image's lines, real writes on vdb, S1SUSPEND in the signature page, its slots in /proc/swaps' Used); test_resume stops where 6.1.176's swsusp_check does with the swap area holding the device (EBUSY); reboot, shutdown and platform (ACPI S4) take the machine down; the next boot finds the image on resume='s partition at software_resume's late initcall (or later through /sys/power/resume), reads and checks every page and resets the signature, and, unable to take over the saved kernel, goes on with its fresh boot; swapon(8) rewrites a stale image's signature.
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { Machine } from '../../../kernel-sim/machine.ts';
import { EBUSY } from '../../../kernel-sim/include/uapi/asm-generic/errno.ts';
import { dmesg } from '../core/harness.ts';
import { write_sys } from './pm-devices.ts';

// The default machine with a 512 MiB vdb: the model's image (about 150 MiB, uncompressed) must fit in the swap area.
const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8').replace('<0x40000>;\t/* 128 MiB */', '<0x100000>;\t/* 512 MiB */');

const sig = (m: Machine): string => m.runCommand('od -An -c -j 4086 -N 10 /dev/vdb1 | tr -d " "').output.trim();
/** Sectors written to vdb (/sys/block/vdb/stat's seventh field). */
const vdb_written = (m: Machine): number => Number(m.runCommand('cat /sys/block/vdb/stat').output.trim().split(/\s+/)[6]);

describe('hibernation to a swap partition', () => {
  const base = new Machine({ dts, dtsName: 'default.dts' }).info().cmdline;
  const m = new Machine({ dts, dtsName: 'default.dts', cmdline: `${base} resume=/dev/vdb1` });
  m.boot();
  const sh = (cmd: string): string => m.runCommand(cmd).output;
  sh('printf "label: dos\\n,,S\\n" | sfdisk /dev/vdb >/dev/null; mkswap /dev/vdb1 >/dev/null; swapon /dev/vdb1');

  it('writes the image (test_resume): save_image\'s lines, the writes on vdb, S1SUSPEND; the check is EBUSY as 6.1.176\'s', () => {
    sh('echo 1 > /sys/power/pm_debug_messages; echo test_resume > /sys/power/disk');
    const from = dmesg(m).length, written = vdb_written(m);
    expect(write_sys(m, '/sys/power/state', 'disk\n')).toBe(-EBUSY);
    const got = dmesg(m).slice(from);
    const copied = Number(/^PM: hibernation: Need to copy (\d+) pages$/.exec(got.find((l) => l.startsWith('PM: hibernation: Need')) ?? '')?.[1]);
    // The image: the header page, a page frame list (an unsigned long per page), the pages.
    const nr_to_write = copied + Math.ceil(copied * 8 / 4096);
    const tail = got.slice(got.indexOf('PM: hibernation: Image created (' + copied + ' pages copied)'));
    const w = tail.indexOf(`PM: Saving image data pages (${nr_to_write} pages)...`);
    expect(tail[w - 1]).toBe('PM: Writing hibernation image.');
    // A progress line at every tenth (m pages) from the first page: 0% up to 90% or 100% as the count divides.
    const m10 = Math.floor(nr_to_write / 10), lines = Math.floor((nr_to_write - 1) / m10) + 1;
    expect(tail.slice(w + 1, w + 1 + lines)).toEqual(Array.from({ length: lines }, (_, i) => `PM: Image saving progress: ${String(i * 10).padStart(3)}%`));
    expect(tail.slice(w + 1 + lines)).toEqual([
      'PM: Image saving done',
      expect.stringMatching(new RegExp(`^PM: hibernation: Wrote ${nr_to_write * 4} kbytes in \\d+\\.\\d\\d seconds \\(\\d+\\.\\d\\d MB/s\\)$`)),
      'PM: S|',
      'PM: Checking hibernation image',
      'OOM killer enabled.',
      'Restarting tasks ... done.',
      'PM: hibernation: hibernation exit',
    ]);
    // Every page went to the disk: the image, its swap map pages and the signature page.
    expect(vdb_written(m) - written).toBeGreaterThanOrEqual((nr_to_write + 1) * 8);
    expect(sig(m)).toBe('S1SUSPEND\\0');
    // The writer's slots stay taken in this kernel (test_resume never restored the image).
    const used = Number(sh('cat /proc/swaps').split('\n')[1]!.split(/\s+/)[3]);
    expect(used).toBeGreaterThanOrEqual((nr_to_write + 1) * 4);
  });

  it('a stale image is rewritten by swapon(8)', () => {
    expect(sh('swapoff /dev/vdb1; swapon /dev/vdb1; echo rc=$?')).toBe('swapon: /dev/vdb1: software suspend data detected. Rewriting the swap signature.\nrc=0\n');
    expect(sig(m)).toBe('SWAPSPACE2');
  });

  it('reboot mode restarts the machine; that boot finds the image on resume=\'s partition at its late initcall, reads it back and resets the signature', () => {
    sh('echo reboot > /sys/power/disk');
    const boots = m.info().bootCount;
    write_sys(m, '/sys/power/state', 'disk\n');
    expect(m.info().bootCount).toBe(boots + 1);
    expect(m.info().state).toBe('running');
    // vdb1 exists by software_resume's late initcall (add_disk scanned the partitions inside virtio_blk's probe), so the
    // boot reads the image before init runs.
    const boot = dmesg(m);
    const r = boot.indexOf('PM: hibernation: resume from hibernation');
    expect(r).toBeGreaterThan(boot.indexOf(' vdb: vdb1'));
    expect(r).toBeLessThan(boot.findIndex((l) => l.startsWith('Run /init')));
    const got = boot.slice(r).filter((l) => !l.includes('loading progress'));
    const pages = Number(/\((\d+) pages\)/.exec(got[1] ?? '')?.[1]);
    expect(pages).toBeGreaterThan(1000);
    expect(got.slice(0, 5)).toEqual([
      'PM: hibernation: resume from hibernation',
      `PM: Loading image data pages (${pages} pages)...`,
      'PM: Image loading done',
      expect.stringMatching(new RegExp(`^PM: hibernation: Read ${pages * 4} kbytes in \\d+\\.\\d\\d seconds \\(\\d+\\.\\d\\d MB/s\\)$`)),
      'PM: hibernation: Failed to load image, recovering.',
    ]);
    expect(sig(m)).toBe('SWAPSPACE2');
    expect(sh('cat /proc/swaps')).toBe('Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n');
    expect(sh('swapon /dev/vdb1; echo rc=$?')).toBe('rc=0\n');
  });

  it('/sys/power/resume reads an image back in a running kernel (after test_resume left it, with swap off)', () => {
    sh('echo test_resume > /sys/power/disk');
    expect(write_sys(m, '/sys/power/state', 'disk\n')).toBe(-EBUSY);
    expect(sig(m)).toBe('S1SUSPEND\\0');
    sh('swapoff /dev/vdb1');
    const from = dmesg(m).length;
    sh('echo 1 > /sys/power/pm_debug_messages; echo /dev/vdb1 > /sys/power/resume');
    const got = dmesg(m).slice(from).filter((l) => !l.includes('loading progress'));
    const pages = Number(/\((\d+) pages\)/.exec(got.find((l) => l.startsWith('PM: Loading image data pages')) ?? '')?.[1]);
    expect(pages).toBeGreaterThan(1000);
    expect(got).toEqual([
      'PM: Configured hibernation resume from disk to 266338321',
      'PM: Hibernation image partition 254:17 present',
      'PM: Looking for hibernation image.',
      'PM: hibernation: resume from hibernation',
      'PM: Preparing processes for hibernation restore.',
      'PM: Loading hibernation image.',
      `PM: Loading image data pages (${pages} pages)...`,
      'PM: Image loading done',
      expect.stringMatching(new RegExp(`^PM: hibernation: Read ${pages * 4} kbytes in \\d+\\.\\d\\d seconds \\(\\d+\\.\\d\\d MB/s\\)$`)),
      'PM: hibernation: Failed to load image, recovering.',
      'PM: Hibernation image not present or could not be loaded.',
    ]);
    // A line at every tenth of the pages from 0%: ten when the count divides by ten, else eleven.
    expect(dmesg(m).slice(from).filter((l) => l.includes('loading progress'))).toHaveLength(Math.ceil(pages / (Math.floor(pages / 10) || 1)));
    expect(sig(m)).toBe('SWAPSPACE2');
    expect(sh('echo 0 > /sys/power/pm_debug_messages; swapon /dev/vdb1; echo rc=$?')).toBe('rc=0\n');
  });

  it('shutdown powers the machine off after the image; platform mode goes through ACPI S4', () => {
    sh('echo shutdown > /sys/power/disk');
    write_sys(m, '/sys/power/state', 'disk\n');
    expect(m.info().state).toBe('off');
    expect(dmesg(m).slice(-2)).toEqual(['PM: S|', 'reboot: Power down']);
    // Powered on again: resume= finds the image at boot.
    m.boot();
    expect(dmesg(m)).toContain('PM: hibernation: resume from hibernation');
    expect(dmesg(m)).toContain('PM: hibernation: Failed to load image, recovering.');
    expect(sig(m)).toBe('SWAPSPACE2');
    sh('swapon /dev/vdb1 2>/dev/null; echo platform > /sys/power/disk');
    const from = dmesg(m).length;
    write_sys(m, '/sys/power/state', 'disk\n');
    expect(m.info().state).toBe('off');
    const got = dmesg(m).slice(from);
    const s = got.indexOf('PM: S|');
    expect(got.slice(s + 1).filter((l) => !/devices complete after/.test(l))).toEqual([
      'printk: Suspending console(s) (use no_console_suspend to debug)',
      'ACPI: PM: Preparing to enter system sleep state S4',
      'Disabling non-boot CPUs ...',
      'smpboot: CPU 1 is now offline',
    ]);
    m.boot();
    expect(dmesg(m)).toContain('PM: hibernation: resume from hibernation');
    expect(sig(m)).toBe('SWAPSPACE2');
  });
});
