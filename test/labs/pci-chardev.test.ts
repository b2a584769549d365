// The PCI probe and character device labs: listed, their pending steps valid, and their checks able to fail on wrong work.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { load_lab, grade_step, dir_workspace, type DirWorkspace as LabWorkspace } from '../../kernel-sim/host/labs.ts';
import { main } from '../../kernel-sim/host/cli.ts';

const LABS = join(import.meta.dirname, '..', '..', 'labs');

/** The solution's files with some replaced: a learner's work with one mistake. */
function edited(lab: string, changes: Record<string, string>): LabWorkspace {
  const base = dir_workspace(join(LABS, lab, 'solution'));
  return { files: () => [...new Set([...base.files(), ...Object.keys(changes)])], read: (p) => (Object.hasOwn(changes, p) ? changes[p] : base.read(p)) } as LabWorkspace;
}

async function step(lab: string, id: string, ws: LabWorkspace) {
  const l = load_lab(lab, LABS);
  const i = l.lab.steps.findIndex((s) => s.id === id);
  expect(i, `${lab} has a step ${id}`).toBeGreaterThanOrEqual(0);
  return grade_step(l, i, ws);
}

describe('kwb lab list', () => {
  it('lists the three labs', async () => {
    let out = '';
    const code = await main(['lab', 'list'], { out: (s) => { out += s; }, err: () => {} });
    expect(code).toBe(0);
    expect(out).toMatch(/^boot\s+Boot: from power-on to a shell$/m);
    expect(out).toMatch(/^chardev\s+Character devices and device files$/m);
    expect(out).toMatch(/^pci-probe\s+The PCI probe path$/m);
  });
});

describe.each(['pci-probe', 'chardev'])('lab %s', (name) => {
  const lab = load_lab(name, LABS);
  const ids = lab.lab.steps.map((s) => s.id);

  it('has every file its steps introduce, build or run, in both the starter and the solution', () => {
    for (const s of lab.lab.steps) {
      for (const f of [...(s.files ?? []), ...s.modules.map((m) => m.split(/\s+/)[0]), ...s.programs]) {
        expect(existsSync(join(LABS, name, 'starter', f)), `starter/${f}`).toBe(true);
        expect(existsSync(join(LABS, name, 'solution', f)), `solution/${f}`).toBe(true);
      }
    }
  });

  it('names a step of the lab in every TODO(step) of its starter code, and each step text points at its TODO', () => {
    const starter = dir_workspace(join(LABS, name, 'starter'));
    const markers = new Set<string>();
    for (const f of starter.files()) for (const m of (starter.read(f) ?? '').matchAll(/TODO\(([a-z0-9-]+)\)/g)) markers.add(m[1]);
    expect(markers.size).toBeGreaterThan(3);
    for (const m of markers) expect(ids, `TODO(${m})`).toContain(m);
    for (const s of lab.lab.steps) {
      const cited = [...s.text.matchAll(/`TODO\(([a-z0-9-]+)\)`/g)].map((m) => m[1]);
      for (const c of cited) expect(c, `step ${s.id} cites TODO(${c})`).toBe(s.id);
      if (cited.length) expect(markers, `step ${s.id} cites a TODO the starter lacks`).toContain(s.id);
    }
  });

  it('keeps no steps pending: lab.yaml holds them all', () => {
    expect(existsSync(join(LABS, name, 'lab.pending.yaml'))).toBe(false);
    expect(ids.length).toBeGreaterThanOrEqual(7);
  });
});

describe('pci-probe checks fail on wrong work', () => {
  it('a wrong device address or ID fails the topology step', async () => {
    const r = await step('pci-probe', 'topology', edited('pci-probe', { 'answers/edu-address.txt': '00:03.0\n', 'answers/edu-ids.txt': '1af4:1001\n' }));
    expect(r.results.filter((c) => !c.passed).map((c) => c.label)).toEqual(['your file answers/edu-address.txt', 'your file answers/edu-ids.txt']);
  });

  it('a byte-swapped vendor ID fails the config-space step, and only that line', async () => {
    const good = dir_workspace(join(LABS, 'pci-probe', 'solution')).read('answers/config-space.txt')!;
    const r = await step('pci-probe', 'config-space', edited('pci-probe', { 'answers/config-space.txt': good.replace('vendor=0x1234', 'vendor=0x3412') }));
    const failed = r.results.filter((c) => !c.passed);
    expect(failed).toHaveLength(1);
    // The message points at the learner's file and never shows the expected line.
    expect(failed[0].detail).toContain('answers/config-space.txt');
    expect(failed[0].detail).not.toContain('0x1234');
  });

  it('a BAR sizing script that does not restore BAR0 fails, though it prints the mask', async () => {
    const r = await step('pci-probe', 'bar-sizing', edited('pci-probe', {
      'size-bar0.sh': '#!/bin/sh\nsetpci -s 00:02.0 BASE_ADDRESS_0=ffffffff\nsetpci -s 00:02.0 BASE_ADDRESS_0\n',
    }));
    expect(r.results.map((c) => c.passed)).toEqual([true, false, true]);
    expect(r.results[1].detail).toContain('first line of the resource file');
  });
});

/** The solution's edu.c with one edit (a string replaced once, after `from` if given). */
function edu_with(find: string, replace: string, from = ''): string {
  const src = dir_workspace(join(LABS, 'pci-probe', 'solution')).read('edu.c')!;
  const at = src.indexOf(from);
  const i = src.indexOf(find, at);
  expect(i, `edu.c has ${JSON.stringify(find)}`).toBeGreaterThanOrEqual(0);
  return src.slice(0, i) + replace + src.slice(i + find.length);
}

describe('pci-probe module steps fail on wrong drivers', () => {
  it('an ID table with the wrong device ID: probe is never called', async () => {
    const r = await step('pci-probe', 'id-table', edited('pci-probe', { 'edu.c': edu_with('PCI_DEVICE(0x1234, 0x11e8)', 'PCI_DEVICE(0x1234, 0x11e9)') }));
    expect(r.results.map((c) => c.passed)).toEqual([false, false, false, false]);
  }, 600_000);

  it('a remove that keeps BAR0\'s region: /proc/iomem still lists edu after rmmod', async () => {
    const r = await step('pci-probe', 'remove-releases', edited('pci-probe', { 'edu.c': edu_with('\tpci_release_region(pdev, 0);\n', '', 'static void edu_remove') }));
    expect(r.results.filter((c) => !c.passed).map((c) => c.label)).toEqual(["`grep -c ' : edu$' /proc/iomem`"]);
  }, 600_000);

  it('a remove that forgets free_irq: the unload report names the IRQ', async () => {
    const r = await step('pci-probe', 'remove-releases', edited('pci-probe', { 'edu.c': edu_with('\tfree_irq(edu->irq, edu);\n', '', 'static void edu_remove') }));
    const leak = r.results.find((c) => c.label === 'no unwanted report in the kernel log')!;
    expect(leak.passed).toBe(false);
    expect(leak.detail).toMatch(/irq/);
  }, 600_000);

  it('MSI without bus mastering: the message never arrives and the factorial times out', async () => {
    const r = await step('pci-probe', 'msi', edited('pci-probe', { 'edu.c': edu_with('\tpci_set_master(pdev);\n', '') }));
    // The interrupt's dmesg line never comes (the check's label no longer quotes the line it wants).
    expect(r.results.filter((c) => !c.passed).map((c) => c.label)).toContain('a line in the kernel log');
  }, 600_000);
});

describe('chardev checks fail on wrong work', () => {
  it('swapped major and minor of /dev/null fail the numbers step', async () => {
    const r = await step('chardev', 'numbers', edited('chardev', { 'answers/numbers.txt': 'null=3:1\nttyS0=4:64\nmisc=10\n' }));
    expect(r.results.filter((c) => !c.passed)).toHaveLength(1);
  });

  it('an exit that forgets unregister_chrdev_region fails the unload step, and the report names the region', async () => {
    const src = dir_workspace(join(LABS, 'chardev', 'solution')).read('logbuf.c')!;
    const forgetful = src.replace('\tunregister_chrdev_region(logbuf_devt, 1);\n\tkfree(lb);\n\tpr_info("unregistered\\n");', '\tkfree(lb);\n\tpr_info("unregistered\\n");');
    expect(forgetful).not.toBe(src);
    const r = await step('chardev', 'unload', edited('chardev', { 'logbuf.c': forgetful }));
    const failed = r.results.filter((c) => !c.passed);
    expect(failed.map((c) => c.label)).toEqual(['no unwanted report in the kernel log']);
    expect(failed[0].detail).toMatch(/logbuf/);
  }, 600_000);

  it('a module that does not build fails the step with the compiler\'s error', async () => {
    const r = await step('chardev', 'region', edited('chardev', { 'logbuf.c': '#include <linux/module.h>\nstatic int __init x(void) { return undefined_thing; }\nmodule_init(x);\nMODULE_LICENSE("GPL");\n' }));
    expect(r.results.every((c) => !c.passed)).toBe(true);
    expect(r.error).toMatch(/logbuf\.c did not build .*undefined_thing/);
  }, 600_000);

  it('a read that does not wait on an empty log fails the blocking step: the reader finishes before the writer', async () => {
    const src = dir_workspace(join(LABS, 'chardev', 'solution')).read('logbuf.c')!;
    const start = src.indexOf('\twhile (b->len == 0) {');
    const end = src.indexOf('\t}\n', start) + 3;
    expect(start).toBeGreaterThan(0);
    const r = await step('chardev', 'blocking', edited('chardev', { 'logbuf.c': src.slice(0, start) + src.slice(end) }));
    expect(r.results[0].passed).toBe(false);
    expect(r.results[0].detail).toContain('reader: woke up with 0 bytes');
  }, 600_000);

  it('a module insmod refuses fails the step with the kernel\'s reason from dmesg', async () => {
    const r = await step('chardev', 'region', edited('chardev', { 'logbuf.c': '#include <linux/module.h>\nextern void kwb_no_such_symbol(void);\nstatic int __init x(void) { kwb_no_such_symbol(); return 0; }\nmodule_init(x);\nMODULE_LICENSE("GPL");\n' }));
    expect(r.results.every((c) => !c.passed)).toBe(true);
    expect(r.error).toMatch(/^insmod logbuf\.ko failed: .*; dmesg: logbuf: Unknown symbol kwb_no_such_symbol/);
  }, 600_000);
});
