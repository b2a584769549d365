// Every reference driver builds warning-free with our toolchain; imports are kernel API only; modinfo matches Linux's.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeToolchain, buildDriver, ROOT, INCLUDE, REFERENCE } from './helpers.ts';
import type { BuildResult } from '../../../kernel-sim/toolchain/build.ts';
import { inspectKo, RUNTIME_IMPORTS } from '../../../kernel-sim/toolchain/ko.ts';
import { formatModinfo, readModinfo, modinfoParams, modinfoValue } from '../../../kernel-sim/toolchain/modinfo.ts';

const DRIVERS = readdirSync(join(ROOT, 'test/fixtures/drivers'));
const results = new Map<string, BuildResult>();

/** Every name declared as a function in resources/include (prototype "name(" after a type). */
function declaredFunctions(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) { if (e.name !== 'user') walk(p); continue; }
      if (!e.name.endsWith('.h')) continue;
      const text = readFileSync(p, 'utf8');
      for (const m of text.matchAll(/^(?:extern\s+|asmlinkage\s+|__printf\([^)]*\)\s*|__scanf\([^)]*\)\s*|int\s+__must_check\s+)*[A-Za-z_][\w\s*]*?[\s*](\w+)\s*\(/gm)) names.add(m[1]!);
    }
  };
  walk(INCLUDE);
  return names;
}

describe('reference drivers with kwb toolchain', () => {
  beforeAll(async () => {
    const tc = makeToolchain();
    for (const d of DRIVERS) results.set(d, await buildDriver(tc, d));
  }, 180_000);

  it('finds the reference drivers', () => {
    // At least these; other fixture folders (the LKMPG corpus, other subsystems' drivers) join the build checks below.
    expect(DRIVERS).toEqual(expect.arrayContaining(['apis', 'chardev', 'edu', 'hello', 'onecopy', 'platform', 'procfs', 'sysfs', 'kapi2', 'lkmpg-hello-1', 'lkmpg-startstop']));
  });

  it.each(DRIVERS)('%s builds without any diagnostic', (d) => {
    const r = results.get(d)!;
    expect(r.log).toBe('');
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.wasm!.length).toBeGreaterThan(100);
  });

  it.each(DRIVERS)('%s imports only kernel API declared in resources/include, and exports init/exit', (d) => {
    const ko = inspectKo(results.get(d)!.wasm!);
    const declared = declaredFunctions();
    expect(declared.has('pci_iomap') && declared.has('_printk') && !declared.has('printf')).toBe(true);
    expect(ko.functions.filter((f) => !declared.has(f))).toEqual([]);
    for (const f of ko.functionPointers) expect(declared.has(f)).toBe(true);
    expect(ko.runtime.every((r) => RUNTIME_IMPORTS.includes(r))).toBe(true);
    expect(ko.hasInit).toBe(true);
    expect(ko.hasExit).toBe(true);
    expect(ko.dylink.memorySize).toBeGreaterThan(0);
  });

  it('hello imports exactly _printk and the module/param objects', () => {
    const ko = inspectKo(results.get('hello')!.wasm!);
    expect(ko.functions).toEqual(['_printk']);
    expect(ko.dataSymbols.sort()).toEqual(['__this_module', 'param_ops_charp', 'param_ops_int']);
    expect(ko.functionPointers).toEqual([]);
    expect(ko.params.map((p) => p.name).sort()).toEqual(['times', 'who']);
  });

  it('edu imports exactly the PCI, misc, IO and sync functions it calls', () => {
    const ko = inspectKo(results.get('edu')!.wasm!);
    expect(ko.functions.sort()).toEqual([
      '__init_swait_queue_head', '__might_sleep', '__mutex_init', '__pci_register_driver', '_copy_from_user', '_copy_to_user',
      '_dev_err', '_dev_info', 'complete', 'cpu_relax', 'dma_alloc_attrs', 'dma_free_attrs', 'dma_set_coherent_mask', 'dma_set_mask',
      'free_irq', 'ioread32', 'iowrite32', 'kfree', 'kmalloc', 'ktime_get', 'memset', 'misc_deregister', 'misc_register',
      'msecs_to_jiffies', 'mutex_lock_interruptible', 'mutex_unlock', 'pci_disable_device', 'pci_enable_device', 'pci_iomap',
      'pci_iounmap', 'pci_release_region', 'pci_request_region', 'pci_set_master', 'pci_unregister_driver', 'request_threaded_irq',
      'scnprintf', 'simple_read_from_buffer', 'usleep_range_state', 'wait_for_completion_timeout',
    ]);
    expect(ko.dataSymbols.sort()).toEqual(['__this_module', 'param_ops_int']);
    expect(ko.functionPointers).toEqual(['default_llseek']);
  });

  it('chardev sleeps through the wait-queue loop and schedule()', () => {
    const ko = inspectKo(results.get('chardev')!.wasm!);
    for (const f of ['prepare_to_wait_event', 'schedule', 'finish_wait', '__wake_up', 'poll_wait', '__class_create', 'device_create', 'cdev_add', 'alloc_chrdev_region']) {
      expect(ko.functions).toContain(f);
    }
  });

  it('apis exports its EXPORT_SYMBOL_GPL symbol and params of array, string and bool type', () => {
    const ko = inspectKo(results.get('apis')!.wasm!);
    expect(ko.ksymtab.map((k) => [k.name, k.gpl])).toEqual([['kwb_apis_sum_weights', true]]);
    expect(ko.params.map((p) => p.name).sort()).toEqual(['label', 'verbose', 'weights']);
    expect(ko.dataSymbols.sort()).toEqual(['__this_module', 'jiffies', 'param_array_ops', 'param_ops_bool', 'param_ops_int', 'param_ops_string', 'system_wq']);
    expect(modinfoParams(readModinfo(results.get('apis')!.wasm!)).map((p) => [p.name, p.type])).toEqual([
      ['label', 'string'], ['verbose', 'bool'], ['weights', 'array of int'],
    ]);
  });

  it('modinfo of edu and hello print like modinfo on Linux 6.1 (reference/modinfo.txt)', () => {
    const ref = readFileSync(new URL('modinfo.txt', REFERENCE), 'utf8').split('\n');
    const block = (name: string): string[] => {
      const start = ref.findIndex((l) => l.startsWith('filename:') && l.endsWith(`/${name}.ko`));
      const end = ref.findIndex((l, i) => i > start && l.startsWith('vermagic:'));
      return ref.slice(start + 1, end);
    };
    for (const name of ['edu', 'hello']) {
      const ours = formatModinfo(readModinfo(results.get(name)!.wasm!), `/lib/modules/6.1.0-kwb/extra/${name}.ko`).split('\n');
      expect(ours[0]).toBe(`filename:       /lib/modules/6.1.0-kwb/extra/${name}.ko`);
      const vermagic = ours.findIndex((l) => l.startsWith('vermagic:'));
      expect(ours.slice(1, vermagic)).toEqual(block(name));
      expect(ours[vermagic]).toBe('vermagic:       6.1.0-kwb SMP preempt mod_unload ');
    }
  });

  it('modinfo carries params with types, and device-table aliases for of and pci', () => {
    const hello = readModinfo(results.get('hello')!.wasm!);
    expect(modinfoParams(hello)).toEqual([
      { name: 'times', type: 'int', description: 'how many greetings to print at load' },
      { name: 'who', type: 'charp', description: 'whom to greet' },
    ]);
    expect(modinfoValue(hello, 'name')).toBe('hello');
    const edu = readModinfo(results.get('edu')!.wasm!);
    expect(edu.filter((f) => f.key === 'alias').map((f) => f.value)).toEqual(['pci:v00001234d000011E8sv*sd*bc*sc*i*']);
    const plat = readModinfo(results.get('platform')!.wasm!);
    expect(plat.filter((f) => f.key === 'alias').map((f) => f.value)).toEqual(['of:N*T*Ckwb,simple-gpio', 'of:N*T*Ckwb,simple-gpioC*']);
    expect(modinfoValue(readModinfo(results.get('chardev')!.wasm!), 'author')).toBe('Kernel Workbench');
  });
});
