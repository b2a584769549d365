// The PCI probe and character device labs: listed, their pending steps valid, and their checks able to fail on wrong work.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse_lab } from '../../kernel-sim/lab/schema.ts';
import { load_lab, grade_step, dir_workspace, type LabWorkspace } from '../../kernel-sim/host/labs.ts';
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
  const pending = join(LABS, name, 'lab.pending.yaml');

  it('keeps its pending steps valid lab YAML, with their starter and solution files present', () => {
    if (!existsSync(pending)) return;
    const r = parse_lab(readFileSync(pending, 'utf8'));
    expect(r.ok ? [] : r.errors).toEqual([]);
    if (!r.ok) return;
    const live = load_lab(name, LABS).lab.steps.map((s) => s.id);
    for (const s of r.lab.steps) {
      expect(live, `step ${s.id} is both live and pending`).not.toContain(s.id);
      for (const f of [...(s.files ?? []), ...s.modules.map((m) => m.split(/\s+/)[0]), ...s.programs]) {
        expect(existsSync(join(LABS, name, 'starter', f)), `starter/${f}`).toBe(true);
        expect(existsSync(join(LABS, name, 'solution', f)), `solution/${f}`).toBe(true);
      }
    }
  });

  it('has starter files for every file a live step introduces', () => {
    for (const s of load_lab(name, LABS).lab.steps) {
      for (const f of s.files ?? []) expect(existsSync(join(LABS, name, 'starter', f)), `starter/${f}`).toBe(true);
    }
  });
});

describe('pci-probe checks fail on wrong work', () => {
  it('a wrong device address or ID fails the topology step', async () => {
    const r = await step('pci-probe', 'topology', edited('pci-probe', { 'answers/edu-address.txt': '00:03.0\n', 'answers/edu-ids.txt': '1af4:1001\n' }));
    expect(r.results.filter((c) => !c.passed).map((c) => c.label)).toEqual(['workspace file answers/edu-address.txt', 'workspace file answers/edu-ids.txt']);
  });

  it('a byte-swapped vendor ID fails the config-space step, and only that line', async () => {
    const good = dir_workspace(join(LABS, 'pci-probe', 'solution')).read('answers/config-space.txt')!;
    const r = await step('pci-probe', 'config-space', edited('pci-probe', { 'answers/config-space.txt': good.replace('vendor=0x1234', 'vendor=0x3412') }));
    const failed = r.results.filter((c) => !c.passed);
    expect(failed).toHaveLength(1);
    expect(failed[0].detail).toContain('/^vendor=0x1234$/');
  });

  it('a BAR sizing script that does not restore BAR0 fails, though it prints the mask', async () => {
    const r = await step('pci-probe', 'bar-sizing', edited('pci-probe', {
      'size-bar0.sh': '#!/bin/sh\nsetpci -s 00:02.0 BASE_ADDRESS_0=ffffffff\nsetpci -s 00:02.0 BASE_ADDRESS_0\n',
    }));
    expect(r.results.map((c) => c.passed)).toEqual([true, false, true]);
    expect(r.results[1].detail).toContain('first line of the resource file');
  });
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
    expect(failed.map((c) => c.label)).toEqual(['dmesg has no line matching /kmemleak|still held (at module unload|after init failed)/']);
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
