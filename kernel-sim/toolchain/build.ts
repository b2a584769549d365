// Builds kernel modules (.ko: PIC wasm32 + .modinfo) and user programs from C sources with one warm clang.
import type { ClangBackend, Tree } from './clang.ts';
import { INCLUDE_ROOT, kernelCompileFlags, kernelLinkFlags, userCompileFlags, userLinkFlags } from './flags.ts';
import { parseDiagnostics, hasErrors, type Diagnostic } from './diagnostics.ts';
import { getFile, mount, putFile } from './tree.ts';
import { modinfoFromObjects, modinfoValue, completeModinfo, encodeModinfo, MODINFO_SECTION, type ModinfoField } from './modinfo.ts';
import { deviceTableAliases } from './device-table.ts';
import { withCustomSection } from './wasm/sections.ts';
import { rewriteDotDotIncludes } from './includes.ts';

export interface SourceFile {
  /** The path as the user names it; diagnostics use it. Relative paths resolve from the tree root. */
  path: string;
  text: string | Uint8Array;
  /** kbuild's CFLAGS_<obj>.o: -D (without the -D) and -I (tree paths) for this file only, after the module's. */
  defines?: string[];
  includeDirs?: string[];
}

export interface BuildRequest {
  mode: 'kernel' | 'user';
  sources: SourceFile[];
  /** Headers and other files the sources include ("edu.h" next to edu.c, -I directories). */
  extraFiles?: SourceFile[];
  /** KBUILD_MODNAME; default: the first source's base name. */
  modname?: string;
  defines?: string[];
  includeDirs?: string[];
  /**
   * modpost's undefined symbols: 'error' fails the build as make does; 'warn' (the default, KBUILD_MODPOST_WARN=1)
   * prints WARNINGs and writes the module, so the workbench's own load path shows insmod's refusal as Linux words it.
   */
  modpost?: 'error' | 'warn';
  /** KBUILD_EXTRA_SYMBOLS: symbols other modules export, which this one may use. */
  extraSymbols?: string[];
}

export interface BuildResult {
  ok: boolean;
  /** The .ko (kernel) or program (user) bytes. */
  wasm?: Uint8Array;
  diagnostics: Diagnostic[];
  /** clang and wasm-ld output, as they print it. */
  log: string;
  modinfo?: ModinfoField[];
}

function baseName(path: string): string {
  const b = path.split('/').pop() ?? path;
  return b.replace(/\.[^.]*$/, '');
}

/** KBUILD_MODNAME from a file name: Linux replaces '-' with '_'. */
export function modnameOf(path: string): string {
  return baseName(path).replace(/-/g, '_');
}

/**
 * A small module that takes every stage a driver's build takes: clang's front end over the headers drivers include most
 * (the fixtures' and labs' most common #includes), code generation, wasm-ld, modpost's check, the device table's
 * aliases and the post-link hook's asyncify (mutex_lock may sleep). V8 compiles LLVM's functions lazily, on first
 * call, and only for the code paths a source takes: so this one has what drivers have — a PCI table and probe/remove,
 * MMIO and polling loops, an interrupt handler, a workqueue, a timer, spinlocks, a misc device's read/write/ioctl with
 * copy_to/from_user, a switch, 64-bit division, bit operations, snprintf, module parameters. After it a learner's
 * first build costs what later ones do (a first edu build after a smaller warm-up spent ~170 ms more compiling LLVM).
 */
const WARM_SOURCE = `#include <linux/module.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/fs.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/miscdevice.h>
#include <linux/uaccess.h>
#include <linux/pci.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/interrupt.h>
#include <linux/completion.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/workqueue.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/delay.h>
#include <linux/bitops.h>
#include <linux/string.h>
#include <linux/dma-mapping.h>
#include <linux/moduleparam.h>
#define WARM_STATUS 0x04
#define WARM_BUSY BIT(0)
static int depth = 4;
module_param(depth, int, 0644);
MODULE_PARM_DESC(depth, "queue depth");
static DEFINE_MUTEX(warm_lock);
static DEFINE_SPINLOCK(warm_irq_lock);
struct warm {
	void __iomem *regs;
	unsigned long flags;
	u64 bytes;
	char name[16];
	struct completion done;
	struct work_struct work;
	struct timer_list timer;
	struct miscdevice misc;
};
static struct warm *the_warm;
static void warm_work(struct work_struct *work)
{
	struct warm *w = container_of(work, struct warm, work);
	set_bit(1, &w->flags);
	complete(&w->done);
}
static void warm_timer(struct timer_list *t)
{
	struct warm *w = from_timer(w, t, timer);
	schedule_work(&w->work);
}
static irqreturn_t warm_irq(int irq, void *data)
{
	struct warm *w = data;
	unsigned long irqflags;
	u32 status = ioread32(w->regs + WARM_STATUS);
	if (!(status & WARM_BUSY))
		return IRQ_NONE;
	spin_lock_irqsave(&warm_irq_lock, irqflags);
	w->bytes += hweight32(status);
	spin_unlock_irqrestore(&warm_irq_lock, irqflags);
	iowrite32(status, w->regs + WARM_STATUS);
	return IRQ_HANDLED;
}
static ssize_t warm_read(struct file *f, char __user *buf, size_t len, loff_t *off)
{
	char tmp[32];
	int n = scnprintf(tmp, sizeof(tmp), "%llu %s\\n", div_u64(the_warm->bytes, 3), the_warm->name);
	return simple_read_from_buffer(buf, len, off, tmp, n);
}
static ssize_t warm_write(struct file *f, const char __user *buf, size_t len, loff_t *off)
{
	char tmp[16] = { 0 };
	if (copy_from_user(tmp, buf, min(len, sizeof(tmp) - 1)))
		return -EFAULT;
	mutex_lock(&warm_lock);
	strscpy(the_warm->name, strim(tmp), sizeof(the_warm->name));
	mutex_unlock(&warm_lock);
	return len;
}
static long warm_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	u32 v;
	switch (cmd) {
	case 1:
		v = ioread32(the_warm->regs);
		return put_user(v, (u32 __user *)arg);
	case 2:
		if (get_user(v, (u32 __user *)arg))
			return -EFAULT;
		iowrite32(v, the_warm->regs);
		return 0;
	default:
		return -ENOTTY;
	}
}
static const struct file_operations warm_fops = {
	.owner = THIS_MODULE,
	.read = warm_read,
	.write = warm_write,
	.unlocked_ioctl = warm_ioctl,
	.llseek = default_llseek,
};
static int warm_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct warm *w;
	u32 val;
	int err, i;
	w = devm_kzalloc(&pdev->dev, sizeof(*w), GFP_KERNEL);
	if (!w)
		return -ENOMEM;
	err = pcim_enable_device(pdev);
	if (err)
		return err;
	w->regs = pcim_iomap(pdev, 0, 0);
	if (!w->regs)
		return -ENOMEM;
	for (i = 0; i < depth && i < 8; i++)
		iowrite32(i, w->regs + 8 + 4 * i);
	err = readl_poll_timeout(w->regs + WARM_STATUS, val, !(val & WARM_BUSY), 10, 1000);
	if (err)
		dev_warn(&pdev->dev, "busy: %d\\n", err);
	init_completion(&w->done);
	INIT_WORK(&w->work, warm_work);
	timer_setup(&w->timer, warm_timer, 0);
	mod_timer(&w->timer, jiffies + msecs_to_jiffies(10));
	err = request_irq(pdev->irq, warm_irq, IRQF_SHARED, "warm", w);
	if (err)
		return err;
	w->misc.minor = MISC_DYNAMIC_MINOR;
	w->misc.name = "warm";
	w->misc.fops = &warm_fops;
	the_warm = w;
	pci_set_drvdata(pdev, w);
	dev_info(&pdev->dev, "warm at %p, depth %d\\n", w->regs, depth);
	return misc_register(&w->misc);
}
static void warm_remove(struct pci_dev *pdev)
{
	struct warm *w = pci_get_drvdata(pdev);
	del_timer_sync(&w->timer);
	cancel_work_sync(&w->work);
	misc_deregister(&w->misc);
	free_irq(pdev->irq, w);
}
static const struct pci_device_id warm_ids[] = {
	{ PCI_DEVICE(0x1234, 0x11e8) },
	{ }
};
MODULE_DEVICE_TABLE(pci, warm_ids);
static struct pci_driver warm_driver = {
	.name = "warm",
	.id_table = warm_ids,
	.probe = warm_probe,
	.remove = warm_remove,
};
module_pci_driver(warm_driver);
MODULE_LICENSE("GPL");
`;

/** modpost's lines for what its check found (scripts/mod/modpost.c: modpost_log, check_exports); failed unless -w. */
function modpostLog(r: { undefined: string[]; gpl_only: string[] }, req: BuildRequest, modname: string): { log: string; failed: boolean } {
  // mod->name: the object's path without .o (kbuild's obj-m name keeps its dashes; the sole source names it).
  const first = req.sources[0]!.path;
  const obj = req.sources.length === 1 ? first.replace(/\.[^./]*$/, '') : `${first.slice(0, first.lastIndexOf('/') + 1)}${modname}`;
  const warn = req.modpost !== 'error';
  const level = warn ? 'WARNING' : 'ERROR';
  const lines = [
    ...r.undefined.map((s) => `${level}: modpost: "${s}" [${obj}.ko] undefined!`),
    ...r.gpl_only.map((s) => `ERROR: modpost: GPL-incompatible module ${obj.split('/').pop()!}.ko uses GPL-only symbol '${s}'`),
  ];
  const failed = r.gpl_only.length > 0 || (r.undefined.length > 0 && !warn);
  if (failed) lines.push(`make[1]: *** [scripts/Makefile.modpost:127: ${first.slice(0, first.lastIndexOf('/') + 1)}Module.symvers] Error 1`);
  return { log: lines.map((l) => `${l}\n`).join(''), failed };
}

export class Toolchain {
  private libcObjects: Promise<Uint8Array[]> | undefined;
  /** Post-link step for kernel modules (the module loader's asyncify of sleeping imports); null: none. */
  koHook: ((wasm: Uint8Array) => Promise<Uint8Array>) | null = null;
  /** modpost's symbol check of a linked module against the kernel's exports; null: none (the toolchain alone). */
  modpost: ((wasm: Uint8Array, license: string, extra: string[]) => Promise<{ undefined: string[]; gpl_only: string[] }>) | null = null;
  /** Post-link step for user programs (asyncify of the system call, so a program can block in read()); null: none. */
  userHook: ((wasm: Uint8Array) => Promise<Uint8Array>) | null = null;

  /** `include` is resources/include as a tree (linux/, asm/, user/, ...). */
  constructor(readonly backend: ClangBackend, readonly include: Tree) {}

  private baseTree(req: BuildRequest): Tree {
    const tree: Tree = {};
    mount(tree, INCLUDE_ROOT, this.include);
    const files = [...(req.extraFiles ?? []), ...req.sources];
    const exists = (p: string): boolean => getFile(tree, p) !== undefined;
    for (const f of files) putFile(tree, f.path, f.text);
    for (const f of files) {
      const text = typeof f.text === 'string' ? f.text : new TextDecoder().decode(f.text);
      if (text.includes('..')) putFile(tree, f.path, rewriteDotDotIncludes(f.path, text, exists));
    }
    return tree;
  }

  private async compile(tree: Tree, flags: string[], sources: (string | SourceFile)[]): Promise<{ objects: Uint8Array[]; log: string; ok: boolean }> {
    const objects: Uint8Array[] = [];
    let log = '';
    let ok = true;
    for (const [i, s] of sources.entries()) {
      const out = `/kwb/obj/${i}.o`;
      const src = typeof s === 'string' ? s : s.path;
      const own = typeof s === 'string' ? [] : [...(s.defines ?? []).map((d) => `-D${d}`), ...(s.includeDirs ?? []).map((d) => `-I${d}`)];
      const r = await this.backend.clang(['-c', ...flags, ...own, src, '-o', out], tree);
      log += r.stderr;
      const obj = getFile(r.files, out);
      if (r.code !== 0 || !(obj instanceof Uint8Array)) { ok = false; continue; }
      objects.push(obj);
    }
    return { objects, log, ok };
  }

  private async link(objects: Uint8Array[], flags: string[]): Promise<{ wasm?: Uint8Array; log: string }> {
    const tree: Tree = {};
    const names = objects.map((o, i) => { const p = `/kwb/obj/${i}.o`; putFile(tree, p, o); return p; });
    const r = await this.backend.llvm('wasm-ld', [...flags, ...names, '-o', '/kwb/out.wasm'], tree);
    const wasm = getFile(r.files, '/kwb/out.wasm');
    return { ...(r.code === 0 && wasm instanceof Uint8Array ? { wasm } : {}), log: r.stderr };
  }

  private libc(): Promise<Uint8Array[]> {
    this.libcObjects ??= (async () => {
      const srcDir = this.include['user'];
      const libcDir = srcDir && typeof srcDir === 'object' && !(srcDir instanceof Uint8Array) ? srcDir['libc'] : undefined;
      if (!libcDir || typeof libcDir === 'string' || libcDir instanceof Uint8Array) return [];
      const names = Object.keys(libcDir).filter((n) => n.endsWith('.c')).sort().map((n) => `${INCLUDE_ROOT}/user/libc/${n}`);
      const tree: Tree = {};
      mount(tree, INCLUDE_ROOT, this.include);
      const r = await this.compile(tree, userCompileFlags({}), names);
      if (!r.ok) throw new Error(`libc failed to build:\n${r.log}`);
      return r.objects;
    })();
    return this.libcObjects;
  }

  /** Loads what the post-link hooks need (binaryen), started by prepare() alongside LLVM's compile; null: nothing. */
  preload: (() => Promise<unknown>) | null = null;

  /** Starts loading and compiling LLVM in the background (V8 compiles it on its own threads); builds wait for it. */
  prepare(): void {
    this.backend.prepare?.().catch(() => undefined);
    this.preload?.().catch(() => undefined);
  }

  /** Builds a small module through every stage, so later builds find clang, wasm-ld and binaryen compiled. */
  async warm(): Promise<void> {
    const r = await this.build({ mode: 'kernel', sources: [{ path: 'kwb-warm.c', text: WARM_SOURCE }] });
    if (!r.ok) throw new Error(`the toolchain failed to warm up:\n${r.log}`);
  }

  async build(req: BuildRequest): Promise<BuildResult> {
    if (req.sources.length === 0) return { ok: false, diagnostics: [], log: 'no input files\n' };
    const tree = this.baseTree(req);
    const modname = req.modname ?? modnameOf(req.sources[0]!.path);
    const opts = { modname, defines: req.defines ?? [], includeDirs: req.includeDirs ?? [] };
    const flags = req.mode === 'kernel' ? kernelCompileFlags(opts) : userCompileFlags(opts);
    const c = await this.compile(tree, flags, req.sources);
    let log = c.log;
    let diagnostics = parseDiagnostics(log);
    if (!c.ok || hasErrors(diagnostics)) return { ok: false, diagnostics, log };
    const objects = req.mode === 'kernel' ? c.objects : [...c.objects, ...(await this.libc())];
    const l = await this.link(objects, req.mode === 'kernel' ? kernelLinkFlags() : userLinkFlags());
    log += l.log;
    diagnostics = parseDiagnostics(log);
    if (!l.wasm) return { ok: false, diagnostics, log };
    if (req.mode === 'user') return { ok: true, wasm: this.userHook ? await this.userHook(l.wasm) : l.wasm, diagnostics, log };
    const modinfo = completeModinfo(modinfoFromObjects(c.objects), deviceTableAliases(c.objects), modname);
    if (this.modpost) {
      const mp = modpostLog(await this.modpost(l.wasm, modinfoValue(modinfo, 'license') ?? '', req.extraSymbols ?? []), req, modname);
      log += mp.log;
      if (mp.failed) return { ok: false, diagnostics, log };
    }
    const linked = this.koHook ? await this.koHook(l.wasm) : l.wasm;
    return { ok: true, wasm: withCustomSection(linked, MODINFO_SECTION, encodeModinfo(modinfo)), diagnostics, log, modinfo };
  }
}
