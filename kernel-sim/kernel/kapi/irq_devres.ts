// Models linux/kernel/irq/devres.c for modules: devm_request_threaded_irq (the IRQ freed when the driver unbinds) and devm_free_irq (freed now, its devres entry gone; a WARN when the device holds no such entry).
import type { device } from '../../drivers/base/base.ts';
import { EINVAL } from '../../include/uapi/asm-generic/errno.ts';
import { devres_add, devres_alloc, devres_destroy } from '../../drivers/base/devres.ts';
import { kread_cstr } from '../../mm/kmem.ts';
import { free_irq } from '../irq/manage.ts';
import { __warn } from '../../lib/kobject_warn.ts';
import { dev_name } from '../../drivers/base/core.ts';
import { c_device } from './device.ts';
import { c_request_threaded_irq } from './pci.ts';
import { EXPORT_KAPI } from './registry.ts';

interface irq_devres { irq: number; dev_id: number }
const devm_irq_release = (_dev: device, data: unknown): void => { const r = data as irq_devres; free_irq(r.irq, r.dev_id); };

export const ksymtab = EXPORT_KAPI({
  devm_request_threaded_irq: (dev: number, irq: number, handler: number, thread_fn: number, flags: number, devname: number, dev_id: number) => {
    const d = c_device(dev);
    if (!d) return -EINVAL;
    // A NULL devname names the IRQ after the device, as Linux does.
    const rc = c_request_threaded_irq(irq, handler, thread_fn, flags, devname ? kread_cstr(devname, 64) : dev_name(d), dev_id, false);
    if (!rc) devres_add(d, devres_alloc(devm_irq_release, 8, 'devm_irq_release', { irq, dev_id }));
    return rc;
  },
  devm_free_irq: (dev: number, irq: number, dev_id: number) => {
    const d = c_device(dev);
    if (!d) return;
    const n = devres_destroy(d, (x) => x.name === 'devm_irq_release' && (x.data as irq_devres).irq === irq && (x.data as irq_devres).dev_id === dev_id);
    if (n) __warn('kernel/irq/devres.c', 143, 'devm_free_irq', '');
    free_irq(irq, dev_id);
  },
});
