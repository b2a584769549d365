// Every kernel header compiles on its own, the version is 6.1.0, and common kernel idioms compile against the headers.
import { describe, it, expect, beforeAll } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { INCLUDE, makeToolchain, buildSource } from './helpers.ts';
import type { Toolchain } from '../../../kernel-sim/toolchain/build.ts';
import { inspectKo } from '../../../kernel-sim/toolchain/ko.ts';

let tc: Toolchain;
beforeAll(() => { tc = makeToolchain(); });

function kernelHeaders(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) { if (n !== 'user') walk(p); } else if (n.endsWith('.h')) out.push(relative(INCLUDE, p));
    }
  };
  walk(INCLUDE);
  return out.sort();
}

/**
 * Headers that are not self-contained in Linux 6.1 either, with what their users include first. Each one's own text
 * has no #include of what it needs, so a copy true to Linux cannot compile alone; it must compile after these.
 */
const LINUX_NEEDS_FIRST: Record<string, string[]> = {
  // include/linux/c2port.h includes nothing and embeds a struct mutex; drivers/misc/c2port/core.c includes it after
  // linux/device.h, which brings linux/mutex.h.
  'linux/c2port.h': ['linux/mutex.h'],
  // include/linux/eeprom_93cx6.h includes only linux/bits.h, which brings no u8/u16; drivers/misc/eeprom/eeprom_93cx6.c
  // and its rt2x00/rtl818x users include it after linux/kernel.h.
  'linux/eeprom_93cx6.h': ['linux/kernel.h'],
  // include/linux/lis3lv02d.h, platform_data/apds990x.h and platform_data/bh1770glc.h include nothing and use s8/u8/__u8;
  // their drivers (drivers/misc/lis3lv02d/lis3lv02d.c, apds990x.c, bh1770glc.c) include linux/kernel.h first.
  'linux/lis3lv02d.h': ['linux/kernel.h'],
  'linux/platform_data/apds990x.h': ['linux/kernel.h'],
  'linux/platform_data/bh1770glc.h': ['linux/kernel.h'],
  // include/linux/firmware.h's fallbacks for a kernel without CONFIG_FW_LOADER (ours; Debian's has it) return -EINVAL
  // and ERR_PTR(), and nothing it includes (types.h, compiler.h, gfp.h) brings linux/err.h; its users include
  // linux/device.h or linux/kernel.h first.
  'linux/firmware.h': ['linux/err.h'],
  // include/misc/altera.h includes nothing and uses u8, struct firmware and printk; drivers/misc/altera-stapl/altera.c
  // includes it after linux/firmware.h and linux/module.h (which brings linux/kernel.h).
  'misc/altera.h': ['linux/kernel.h', 'linux/err.h', 'linux/firmware.h'],
};

describe('kernel headers', () => {
  it('each header compiles alone without a diagnostic', async () => {
    const hs = kernelHeaders();
    expect(hs.length).toBeGreaterThan(100);
    for (const h of Object.keys(LINUX_NEEDS_FIRST)) expect(hs).toContain(h);
    const bad: string[] = [];
    for (const h of hs) {
      const first = (LINUX_NEEDS_FIRST[h] ?? []).map((f) => `#include <${f}>\n`).join('');
      const r = await buildSource(tc, 'one.c', `${first}#include <${h}>\n`);
      if (r.diagnostics.length) bad.push(`${h}: ${r.diagnostics[0]!.text}`);
    }
    expect(bad).toEqual([]);
  }, 300_000);

  it('LINUX_VERSION_CODE is KERNEL_VERSION(6,1,0), HZ is 250, pointers and long are 32-bit', async () => {
    const r = await buildSource(tc, 'ver.c', `#include <linux/version.h>
#include <linux/jiffies.h>
_Static_assert(LINUX_VERSION_CODE == KERNEL_VERSION(6, 1, 0), "6.1.0");
_Static_assert(LINUX_VERSION_CODE == 0x060100, "code");
_Static_assert(HZ == 250, "HZ");
_Static_assert(sizeof(void *) == 4 && sizeof(long) == 4 && sizeof(loff_t) == 8 && sizeof(dma_addr_t) == 8, "wasm32");
_Static_assert(KERNEL_VERSION(6, 1, 300) == KERNEL_VERSION(6, 1, 255), "sublevel clamps");
`);
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('a kitchen-sink module using the LKMPG-style APIs builds and imports what it calls', async () => {
    const r = await buildSource(tc, 'sink.c', `#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/workqueue.h>
#include <linux/interrupt.h>
#include <linux/timer.h>
#include <linux/hrtimer.h>
#include <linux/semaphore.h>
#include <linux/completion.h>
#include <linux/spinlock.h>
#include <linux/rwlock.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/list.h>
#include <linux/bitops.h>
#include <linux/debugfs.h>
#include <linux/kref.h>
#include <linux/random.h>
#include <linux/uaccess.h>

struct item { struct list_head node; struct kref ref; int v; };
static LIST_HEAD(items);
static DEFINE_SPINLOCK(lock);
static DEFINE_RWLOCK(rw);
static DEFINE_SEMAPHORE(sem);
static DECLARE_COMPLETION(done);
static struct timer_list timer;
static struct hrtimer hr;
static struct task_struct *thread;
static unsigned long bits;
static int arr[4];
static unsigned int narr;
module_param_array(arr, int, &narr, 0444);
static char name[16] = "x";
module_param_string(name, name, sizeof(name), 0644);

static void work_fn(struct work_struct *w) { complete(&done); }
static DECLARE_WORK(work, work_fn);
static void tasklet_fn(struct tasklet_struct *t) { set_bit(3, &bits); }
static DECLARE_TASKLET(tl, tasklet_fn);
static void timer_fn(struct timer_list *t) { tasklet_schedule(&tl); }
static enum hrtimer_restart hr_fn(struct hrtimer *t) { return HRTIMER_NORESTART; }
static void release(struct kref *k) { kfree(container_of(k, struct item, ref)); }
static int thread_fn(void *data)
{
	while (!kthread_should_stop()) {
		msleep(10);
		schedule_work(&work);
		wait_for_completion(&done);
	}
	return 0;
}
static int __init sink_init(void)
{
	unsigned long flags;
	struct item *it, *tmp;
	int i;
	void *v = vzalloc(8192);

	for (i = 0; i < 3; i++) {
		it = kzalloc(sizeof(*it), GFP_KERNEL);
		if (!it)
			return -ENOMEM;
		kref_init(&it->ref);
		it->v = get_random_u32();
		spin_lock_irqsave(&lock, flags);
		list_add_tail(&it->node, &items);
		spin_unlock_irqrestore(&lock, flags);
	}
	read_lock(&rw);
	read_unlock(&rw);
	if (down_interruptible(&sem))
		return -EINTR;
	up(&sem);
	timer_setup(&timer, timer_fn, 0);
	mod_timer(&timer, jiffies + msecs_to_jiffies(100));
	hrtimer_init(&hr, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	hr.function = hr_fn;
	hrtimer_start(&hr, ms_to_ktime(5), HRTIMER_MODE_REL);
	thread = kthread_run(thread_fn, NULL, "sink-%d", 1);
	if (IS_ERR(thread))
		return PTR_ERR(thread);
	list_for_each_entry_safe(it, tmp, &items, node) {
		list_del(&it->node);
		kref_put(&it->ref, release);
	}
	debugfs_create_dir("sink", NULL);
	vfree(v);
	return 0;
}
static void __exit sink_exit(void)
{
	kthread_stop(thread);
	del_timer_sync(&timer);
	hrtimer_cancel(&hr);
	tasklet_kill(&tl);
	cancel_work_sync(&work);
}
module_init(sink_init);
module_exit(sink_exit);
MODULE_LICENSE("GPL");
`);
    expect(r.diagnostics).toEqual([]);
    const ko = inspectKo(r.wasm!);
    for (const f of ['kthread_create_on_node', 'wake_up_process', 'msleep', 'queue_work_on', 'wait_for_completion', 'init_timer_key',
      'mod_timer', 'hrtimer_init', 'hrtimer_start_range_ns', 'down_interruptible', 'up', '_raw_spin_lock_irqsave',
      '_raw_spin_unlock_irqrestore', '_raw_read_lock', '__tasklet_schedule', 'get_random_u32', 'vzalloc', 'debugfs_create_dir']) {
      expect(ko.functions).toContain(f);
    }
    expect(ko.dataSymbols).toContain('jiffies');
    expect(ko.dataSymbols).toContain('system_wq');
    expect(ko.dataSymbols).toContain('param_array_ops');
    expect(ko.params.map((p) => p.name).sort()).toEqual(['arr', 'name']);
  });
});
