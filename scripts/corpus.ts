// The module corpus of issue 19: real, unmodified modules of Linux 6.1's own tree (samples/, drivers/misc/,
// drivers/char/), built with the workbench's `kwb build` toolchain, loaded on a machine with insmod and unloaded with
// rmmod. The tree is Debian's linux-source-6.1 package, read at run time and never committed.
//
// Which modules: every obj-m object the folders' Makefiles build as a module under Debian's amd64 config (the
// linux-headers package's .config) — for samples/, which Debian does not build, every tristate SAMPLE_* symbol — minus
// those whose Kconfig dependencies name hardware or a subsystem the workbench does not model (LACKING, each with why).
//
// `npx tsx scripts/corpus.ts [--list] [--all-errors] [FILTER]` prints the JSON report (or just the candidate list); bench/corpus.bench.ts
// runs it for `npm run bench`.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseKbuild } from '../kernel-sim/toolchain/kbuild.ts';
import { collectHeaders, loadTree, makeToolchain, useClangV8Flags } from '../kernel-sim/host/kwb-build.ts';
import { yowaspBackend } from '../kernel-sim/toolchain/clang.ts';
import type { SourceFile } from '../kernel-sim/toolchain/build.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export let LINUX_SRC = process.env.KWB_LINUX_SRC ?? '/usr/src/linux-source-6.1';
/** What Debian's linux-source-6.1 package installs: the tree as a tarball, not unpacked. */
const LINUX_TARBALL = '/usr/src/linux-source-6.1.tar.xz';

/** The tree to read: KWB_LINUX_SRC or /usr/src/linux-source-6.1 when unpacked there, else the package's tarball unpacked once into the temp folder. */
function ensureTree(): boolean {
  if (existsSync(join(LINUX_SRC, 'Makefile'))) return true;
  if (process.env.KWB_LINUX_SRC || !existsSync(LINUX_TARBALL)) return false;
  const dir = join(tmpdir(), 'kwb-linux-source');
  const tree = join(dir, 'linux-source-6.1');
  if (!existsSync(join(tree, 'Makefile'))) {
    mkdirSync(dir, { recursive: true });
    process.stderr.write(`corpus: unpacking ${LINUX_TARBALL} into ${dir} (once)\n`);
    spawnSync('tar', ['xf', LINUX_TARBALL, '-C', dir], { stdio: 'inherit' });
  }
  LINUX_SRC = tree;
  return existsSync(join(tree, 'Makefile'));
}
const DIRS = ['samples', 'drivers/misc', 'drivers/char'];

/**
 * Kconfig symbols whose presence in a module's `depends on` means hardware or a kernel facility the workbench does
 * not model, so the module is left out of the corpus (it could not do its job here); the value says what is missing.
 */
export const LACKING: Record<string, string> = {
  ISA: 'ISA bus', ISA_BUS_API: 'ISA bus', PARPORT: 'parallel port', PCMCIA: 'PCMCIA bus', MCA: 'MCA bus', EISA: 'EISA bus',
  SCSI: 'SCSI upper layers for C', NET: 'network C API', INET: 'network C API', SND: 'sound', SOUND: 'sound', DRM: 'DRM',
  VIDEO_DEV: 'V4L2', MEDIA_SUPPORT: 'media', MTD: 'MTD', IPMI_HANDLER: 'IPMI', IPMI_SI: 'IPMI', TCG_TPM: 'TPM',
  KPROBES: 'kprobes', KRETPROBES: 'kretprobes', FB: 'framebuffer', FTRACE: 'ftrace', TRACING: 'tracing', EVENT_TRACING: 'trace events', FUNCTION_TRACER: 'ftrace',
  DYNAMIC_FTRACE_WITH_DIRECT_CALLS: 'ftrace direct calls', LIVEPATCH: 'livepatch', KGDB: 'kgdb', KGDB_KDB: 'kdb',
  HAVE_HW_BREAKPOINT: 'hardware breakpoints', PERF_EVENTS: 'perf events', BPF_SYSCALL: 'BPF', CONNECTOR: 'netlink connector',
  RPMSG: 'rpmsg', QCOM_QMI_HELPERS: 'QMI', CORESIGHT: 'CoreSight', VFIO: 'VFIO', VFIO_MDEV: 'VFIO mdev',
  FPROBE: 'fprobe', RUST: 'Rust', HID: 'HID C API', UHID: 'uhid', DEBUG_KMEMLEAK: 'kmemleak', AUXDISPLAY: 'auxdisplay',
  MMC: 'MMC/SD', MEMSTICK: 'MemoryStick', W1: '1-Wire', MFD_CORE: 'MFD', SERIAL_CORE: 'serial core C API', TTY: 'TTY C API',
  NVMEM: 'NVMEM', HWMON: 'hwmon', HW_RANDOM: 'hwrng core', AGP: 'AGP', ACPI_PROCESSOR: 'ACPI processor', HPET: 'HPET C API',
  RTC_CLASS: 'RTC class C API', THERMAL: 'thermal', FW_LOADER: 'firmware loader', VIRTIO: 'virtio C API', XEN: 'Xen',
  HYPERV: 'Hyper-V', VMWARE_VMCI: 'VMCI', UML: 'UML', SGI_IP22: 'SGI', S390: 's390', PPC: 'powerpc', SPARC: 'sparc',
};

/**
 * Modules whose init looks for its hardware and refuses to load without it — on Linux as here (QEMU's q35 machine
 * has none of these devices) — with what it looks for. They are built (a build failure is still reported) but not
 * loaded, and are not in the load figure's denominator: failing to find absent hardware is their correct behaviour.
 */
export const NEEDS_DEVICE: Record<string, string> = {
  'drivers/char/tlclk': 'reads the MPCBL0010 telecom clock CPLD registers at I/O port 0xa08 and up, and returns -ENXIO when its interrupt register reads 0x0f ("non-mcpbl0010 hw")',
  'drivers/char/applicom': 'finds no Applicom PCI board and no ISA board given by mem= and irq=, and returns -ENXIO ("No PCI boards found")',
};

export interface CorpusModule {
  /** KBUILD_MODNAME. */
  name: string;
  /** The folder under the tree, and the module's C files relative to it. */
  dir: string;
  sources: string[];
  defines: string[];
  includeDirs: string[];
  /** CFLAGS_<obj>.o of its Makefile, by C file (include directories relative to the tree, like includeDirs). */
  objectFlags: Record<string, { defines: string[]; includeDirs: string[] }>;
  /** The Kconfig symbol that builds it. */
  config: string;
}

interface KconfigSym { type: string; depends: string[] }

/** `config X` blocks of every Kconfig under dir: type, and the symbols of their `depends on` lines and enclosing `if`s. */
function readKconfig(dir: string, out: Map<string, KconfigSym>): void {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) { readKconfig(p, out); continue; }
    if (!n.startsWith('Kconfig')) continue;
    let cur: KconfigSym | undefined;
    const ifs: string[][] = [];
    // Negated symbols (!ISA) and "|| COMPILE_TEST" alternatives are no requirement.
    const symbols = (expr: string): string[] => expr.replace(/!\s*\w+/g, '').split(/\|\|/)[0]!.match(/[A-Z][A-Z0-9_]+/g) ?? [];
    for (const line of readFileSync(p, 'utf8').split('\n')) {
      const i = /^if\s+(.*)$/.exec(line);
      if (i) { ifs.push(symbols(i[1]!)); continue; }
      if (/^endif\b/.test(line)) { ifs.pop(); continue; }
      const c = /^\s*(?:menu)?config\s+(\w+)/.exec(line);
      if (c) { cur = { type: '', depends: ifs.flat() }; out.set(c[1]!, cur); continue; }
      if (!cur) continue;
      const t = /^\s*(tristate|bool|def_tristate|def_bool)\b/.exec(line);
      if (t) cur.type = t[1]!.replace('def_', '');
      const d = /^\s*depends on\s+(.*)$/.exec(line);
      if (d) cur.depends.push(...symbols(d[1]!));
    }
  }
}

/** The first LACKING symbol a symbol needs, through its dependencies' dependencies. */
function lackingOf(sym: string, kconfig: Map<string, KconfigSym>, seen = new Set<string>()): string | undefined {
  for (const d of kconfig.get(sym)?.depends ?? []) {
    if (d in LACKING) return d;
    if (seen.has(d)) continue;
    seen.add(d);
    const deeper = lackingOf(d, kconfig, seen);
    if (deeper) return deeper;
  }
  return undefined;
}

function readConfig(): Map<string, string> {
  const out = new Map<string, string>();
  const hdr = readdirSync('/usr/src').filter((n) => /^linux-headers-.*-amd64$/.test(n)).map((n) => join('/usr/src', n, '.config')).find(existsSync);
  if (!hdr) return out;
  for (const m of readFileSync(hdr, 'utf8').matchAll(/^CONFIG_(\w+)=(.*)$/gm)) out.set(m[1]!, m[2]!);
  return out;
}

/** Every module of the folders, with the reason it is left out when it is. */
export function discover(src = LINUX_SRC): { modules: CorpusModule[]; excluded: { name: string; why: string }[] } {
  const kconfig = new Map<string, KconfigSym>();
  for (const d of ['samples', 'drivers', 'lib', 'kernel', 'fs', 'mm', 'init', 'arch/x86', 'security', 'crypto', 'block']) readKconfig(join(src, d), kconfig);
  const config = readConfig();
  /** A symbol's value as this corpus builds it: samples as modules when tristate, the rest as Debian's config has it. */
  const value = (sym: string): string => {
    if (sym.startsWith('SAMPLE')) return kconfig.get(sym)?.type === 'tristate' ? 'm' : kconfig.get(sym) ? 'y' : 'n';
    return config.get(sym) ?? 'n';
  };
  const modules: CorpusModule[] = [], excluded: { name: string; why: string }[] = [];
  const seen = new Set<string>();
  const walk = (rel: string, guards: string[]): void => {
    const mk = join(src, rel, 'Makefile');
    if (!existsSync(mk)) return;
    const raw = readFileSync(mk, 'utf8').replace(/\\\n/g, ' ');
    const symOf = new Map<string, string>();
    for (const m of raw.matchAll(/^obj-\$\(CONFIG_(\w+)\)\s*[:+]?=\s*(.*)$/gm)) for (const o of m[2]!.split(/\s+/)) symOf.set(o, m[1]!);
    const text = raw.replace(/\$\(CONFIG_(\w+)\)/g, (_, s: string) => value(s));
    for (const m of text.matchAll(/^obj-[ym]\s*[:+]?=\s*(.*)$/gm)) {
      // A folder's own guard (obj-$(CONFIG_TCG_TPM) += tpm/) holds for everything in it, as Kconfig's sourcing inside `if` does.
      for (const sub of m[1]!.split(/\s+/).filter((w) => w.endsWith('/'))) walk(join(rel, sub.slice(0, -1)), [...guards, ...[symOf.get(sub) ?? []].flat()]);
    }
    // obj-m's folders are walked above; parseKbuild reads the objects.
    // $(srctree) is the tree, $(src) and '.' (parseKbuild's -I$(src)) the Makefile's folder.
    const treeDir = (d: string): string => (d === '.' ? rel : d.replace(/^\$\(srctree\)\/?/, '/').replace(/^\$\(src\)\/?/, `${rel}/`));
    const kb = parseKbuild(text.replace(/^(obj-m\s*[:+]?=.*)$/gm, (l) => l.split(/\s+/).filter((w) => !w.endsWith('/')).join(' ')));
    for (const mod of kb.modules) {
      const obj = `${mod.sources.length === 1 ? mod.sources[0]!.replace(/\.c$/, '') : mod.name}.o`;
      const sym = symOf.get(obj) ?? symOf.get(`${mod.name.replace(/_/g, '-')}.o`) ?? symOf.get(`${mod.name}.o`) ?? '';
      if (seen.has(`${rel}/${mod.name}`)) continue;
      seen.add(`${rel}/${mod.name}`);
      const lacking = [sym, ...guards].map((g) => (g in LACKING && g !== sym ? g : lackingOf(g, kconfig))).find(Boolean);
      if (!mod.sources.every((s) => existsSync(join(src, rel, s)))) { excluded.push({ name: `${rel}/${mod.name}`, why: 'not written in C' }); continue; }
      if (lacking) { excluded.push({ name: `${rel}/${mod.name}`, why: `${sym} depends on ${lacking} (${LACKING[lacking]})` }); continue; }
      modules.push({
        name: mod.name, dir: rel, sources: mod.sources, defines: kb.defines, config: sym,
        includeDirs: kb.includeDirs.map(treeDir),
        objectFlags: Object.fromEntries(Object.entries(kb.objectFlags).filter(([c]) => mod.sources.includes(c)).map(([c, f]) => [c, { defines: f.defines, includeDirs: f.includeDirs.map(treeDir) }])),
      });
    }
  };
  for (const d of DIRS) walk(d, []);
  return { modules, excluded };
}

export interface CorpusFailure { module: string; stage: 'build' | 'load' | 'unload'; error: string; errors?: string[] }

/** The first line that says what went wrong: clang's first error, else the log's first line. */
function firstError(log: string): string {
  const lines = log.split('\n').filter(Boolean);
  return lines.find((l) => /\berror\b|ERROR|undefined/.test(l)) ?? lines[0] ?? '(no output)';
}

/** `kwb build` of one module: its C files, the headers they include with quotes, its Kbuild's -D and -I flags, and its own
 * symbol as =m (CONFIG_X_MODULE, as the tree's autoconf.h has it: misc/altera.h declares altera_init only then). */
async function buildModule(tc: ReturnType<typeof makeToolchain>, m: CorpusModule, files: string[], extraSymbols: string[]): Promise<{ ok: boolean; wasm?: Uint8Array; log: string }> {
  const file = (p: string): SourceFile => {
    const own = m.objectFlags[relative(join(LINUX_SRC, m.dir), p)];
    return { path: relative(LINUX_SRC, p), text: new Uint8Array(readFileSync(p)), ...(own ? { defines: own.defines, includeDirs: own.includeDirs } : {}) };
  };
  const old = process.cwd();
  // collectHeaders names files relative to the working directory: the tree's root, as make -C would have it.
  process.chdir(LINUX_SRC);
  try {
    return await tc.build({
      mode: 'kernel', modname: m.name, defines: [...m.defines, ...(m.config ? [`CONFIG_${m.config}_MODULE=1`] : [])], includeDirs: m.includeDirs, sources: files.map(file), modpost: 'error', extraSymbols,
      extraFiles: collectHeaders(files, [...m.includeDirs, ...Object.values(m.objectFlags).flatMap((f) => f.includeDirs)].map((d) => join(LINUX_SRC, d))),
    });
  } catch (e) {
    return { ok: false, log: String(e) };
  } finally { process.chdir(old); }
}

/** Every distinct error line of a build log (clang's and modpost's), for `--all-errors`. */
function allErrors(log: string): string[] {
  return [...new Set(log.split('\n').filter((l) => /\berror\b|ERROR|undefined/.test(l)).map((l) => l.replace(/^[^:]*:\d+:\d+: /, '')))];
}

/** Builds, loads and unloads every module; returns the figures and the failures (with every build error line when allErrorLines). */
export async function runCorpus(filter = '', allErrorLines = false): Promise<Record<string, unknown>> {
  if (!ensureTree()) {
    process.stderr.write(`corpus: ${LINUX_SRC} is absent (apt-get install linux-source-6.1); skipped\n`);
    return { corpus_skipped: 1 };
  }
  const { Machine } = await import('../kernel-sim/machine.ts');
  const { modules, excluded } = discover();
  const wanted = modules.filter((m) => filter.split(',').some((f) => `${m.dir}/${m.name}`.includes(f)));
  const todo = wanted.filter((m) => !(`${m.dir}/${m.name}` in NEEDS_DEVICE));
  const probing = wanted.filter((m) => `${m.dir}/${m.name}` in NEEDS_DEVICE);
  useClangV8Flags();
  const tc = makeToolchain(yowaspBackend(), loadTree(join(ROOT, 'resources/include')));
  const dts = readFileSync(join(ROOT, 'resources/machines/default.dts'), 'utf8');
  const failures: CorpusFailure[] = [];
  // Build everything first, so a module's dependencies (corpus modules exporting what it calls) are there to load.
  const built = new Map<string, { m: CorpusModule; ko: Uint8Array; exports: string[]; text: string }>();
  const exportsOf = (text: string): string[] => [...text.matchAll(/\bEXPORT_SYMBOL(?:_GPL)?\s*\(\s*(\w+)\s*\)/g)].map((x) => x[1]!);
  // The corpus is built as one tree: modpost sees every module's exports (as an in-tree build's Module.symvers has them).
  const treeExports = todo.flatMap((m) => m.sources.flatMap((s) => exportsOf(readFileSync(join(LINUX_SRC, m.dir, s), 'utf8'))));
  for (const m of todo) {
    const id = `${m.dir}/${m.name}`;
    const files = m.sources.map((s) => join(LINUX_SRC, m.dir, s));
    const r = await buildModule(tc, m, files, treeExports);
    if (!r.ok || !r.wasm) { failures.push({ module: id, stage: 'build', error: firstError(r.log), ...(allErrorLines ? { errors: allErrors(r.log) } : {}) }); continue; }
    const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    built.set(id, { m, ko: r.wasm, text, exports: exportsOf(text) });
  }
  const needsDevice: { module: string; why: string; build: string }[] = [];
  for (const m of probing) {
    const id = `${m.dir}/${m.name}`;
    const r = await buildModule(tc, m, m.sources.map((s) => join(LINUX_SRC, m.dir, s)), treeExports);
    needsDevice.push({ module: id, why: NEEDS_DEVICE[id]!, build: r.ok && r.wasm ? 'ok' : firstError(r.log) });
  }
  let machine: InstanceType<typeof Machine> | undefined;
  let loaded = 0, unloaded = 0;
  for (const [id, b] of built) {
    // As modprobe would: the corpus modules it needs go in first (in corpus order), and out after it.
    const deps = [...built.values()].filter((d) => d !== b && d.exports.some((e) => new RegExp(`\\b${e}\\b`).test(b.text))).map((d) => d.m.name);
    machine ??= (() => { const x = new Machine({ dts, dtsName: 'default.dts' }); x.boot(); return x; })();
    for (const d of [...built.values()]) machine.putFile(`/root/${d.m.name}.ko`, d.ko);
    const seq = machine.dmesg().at(-1)?.seq ?? 0;
    const insmod = [...deps, b.m.name].map((n) => `insmod /root/${n}.ko`).join(' && ');
    const ins = machine.runCommand(insmod, { timeoutNs: 30e9 });
    const log = (): string => machine!.dmesg(seq + 1).map((d) => d.text).filter((t) => /BUG|WARNING|Oops|Unknown symbol|error|fail/i.test(t)).join('\n');
    if (ins.status !== 0) { failures.push({ module: id, stage: 'load', error: [ins.output.split('\n')[0], log().split('\n')[0]].filter(Boolean).join(' — dmesg: ') }); machine = undefined; continue; }
    loaded++;
    const rm = machine.runCommand([b.m.name, ...deps.reverse()].map((n) => `rmmod ${n}`).join(' && '), { timeoutNs: 30e9 });
    const bad = log();
    if (rm.status !== 0 || /BUG|WARNING|Oops/.test(bad)) { failures.push({ module: id, stage: 'unload', error: firstError(`${rm.output}\n${bad}`) }); machine = undefined; continue; }
    unloaded++;
  }
  const pct = (n: number): number => (todo.length ? Math.round((n / todo.length) * 1000) / 10 : 0);
  return {
    corpus_modules: todo.length, corpus_built: built.size, corpus_loaded: loaded, corpus_unloaded: unloaded,
    corpus_clean_percent: pct(unloaded), corpus_built_percent: pct(built.size), corpus_excluded: excluded.length,
    corpus_excluded_by_reason: excluded.reduce<Record<string, number>>((o, e) => { const k = e.why.replace(/^\w+ depends on /, ''); o[k] = (o[k] ?? 0) + 1; return o; }, {}),
    corpus_failures: failures, corpus_needs_device: needsDevice,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes('--list')) {
    if (!ensureTree()) { process.stderr.write(`corpus: ${LINUX_SRC} is absent (apt-get install linux-source-6.1)\n`); process.exit(1); }
    const d = discover();
    process.stdout.write(`${JSON.stringify({ modules: d.modules.map((m) => `${m.dir}/${m.name} ${m.config} ${m.sources.join(',')}`), excluded: d.excluded }, null, 1)}\n`);
  } else process.stdout.write(`${JSON.stringify(await runCorpus(args.find((a) => !a.startsWith('-')) ?? '', args.includes('--all-errors')), null, 1)}\n`);
}
