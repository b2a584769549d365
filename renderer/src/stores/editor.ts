// The editor store: workspace files, open documents, debounced auto-save (with a local backup until the host has it), diagnostics, and Build & Load.
import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import type { BuildDiagnostic, BuildResult } from '../../../kernel-sim/api/protocol.ts';
import type { ModuleLoadResult } from '../../../kernel-sim/api/methods/module.ts';
import type { WorkspaceEntry, WorkspaceInfo } from '../../../kernel-sim/api/workbench-bridge.ts';
import type { WorkspaceHost } from '../workspace/host.ts';
import { useSessionStore } from './session.ts';
import { useDevicesStore } from './devices.ts';

export const EDITOR_KEY = 'kwb.editor.v1';
export const BACKUP_PREFIX = 'kwb.unsaved:';
/** Quiet time after the last keystroke before a file is written to the workspace. */
export const SAVE_DELAY_MS = 400;
/** Quiet time after the last keystroke before the module is compiled for diagnostics. */
export const CHECK_DELAY_MS = 900;

export interface Doc {
  path: string;
  text: string;
  /** The text the workspace has. */
  saved: string;
  readOnly: boolean;
  /** Language id for the editor. */
  language: string;
}

/** Editor tabs that are not files: the device graph opened large, the lab being followed, the Welcome page. */
export const GRAPH_PAGE = 'kwb:graph';
export const LAB_PAGE = 'kwb:lab';
export const WELCOME_PAGE = 'kwb:welcome';
export const PAGES: readonly string[] = [GRAPH_PAGE, LAB_PAGE, WELCOME_PAGE];
export const isPage = (path: string | null | undefined): boolean => !!path && PAGES.includes(path);

export type BuildPhase = 'idle' | 'saving' | 'building' | 'loading' | 'done' | 'failed';

/** The stages of a Build & Load the learner sees: waiting for the compiler's first start, compiling and linking (clang, wasm-ld), loading and probing (finit_module, the driver core). */
export type BuildStage = 'warming' | 'compiling' | 'loading';
export const STAGE_TITLES: Record<BuildStage, string> = {
  warming: 'Starting the compiler (first build of the session)',
  compiling: 'Compiling and linking',
  loading: 'Loading and probing',
};
/** A stage and how long it took, ms (null while it runs). */
export interface StageTime { stage: BuildStage; ms: number | null }

/**
 * clang takes seconds to start in a new host: the workbench builds a small module as soon as it connects, while the
 * user reads, so the first Build & Load finds the compiler warm.
 */
export const WARM_MODULE = ['module', 'slab', 'mutex', 'fs', 'cdev', 'device', 'uaccess', 'pci', 'io', 'interrupt', 'wait'].map((h) => `#include <linux/${h}.h>\n`).join('')
  + 'static DEFINE_MUTEX(lock);\n'
  + 'static int __init warm_init(void)\n{\n\tint *p = kzalloc(sizeof(*p), GFP_KERNEL);\n\tmutex_lock(&lock);\n\tpr_info("warm %p\\n", p);\n'
  + '\tmutex_unlock(&lock);\n\tkfree(p);\n\treturn 0;\n}\nmodule_init(warm_init);\nMODULE_LICENSE("GPL");\n';

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** "1.8 s", "240 ms". */
export const formatMs = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

export interface Problem {
  source: 'clang' | 'kernel';
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'note';
  message: string;
}

export function languageOf(path: string): string {
  const base = path.split('/').pop() ?? path;
  if (/\.(c|h)$/.test(base)) return 'c';
  if (/\.dtsi?$/.test(base)) return 'dts';
  if (base === 'cmdline' || /\.cmdline$/.test(base)) return 'kcmdline';
  if (/\.md$/.test(base)) return 'markdown';
  if (base === 'Makefile' || base === 'Kbuild') return 'makefile';
  return 'plaintext';
}

const storage = (): Storage | undefined => { try { return globalThis.localStorage; } catch { return undefined; } };

/** The module a file belongs to: its folder's .c and .h files, and the name Kbuild gives it (obj-m := NAME.o). */
export function moduleOf(path: string, entries: WorkspaceEntry[], readKbuild?: string): { dir: string; files: string[]; sources: string[]; modname: string } {
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  const inDir = entries.filter((e) => e.type === 'file' && (dir ? e.path.startsWith(dir + '/') && !e.path.slice(dir.length + 1).includes('/') : !e.path.includes('/')));
  const files = inDir.map((e) => e.path).filter((p) => /\.(c|h)$/.test(p));
  const sources = files.filter((p) => p.endsWith('.c'));
  const fromKbuild = readKbuild ? /obj-m\s*[:+]?=\s*([A-Za-z0-9_-]+)\.o/.exec(readKbuild)?.[1] : undefined;
  const first = sources[0] ?? path;
  const modname = (fromKbuild ?? (first.split('/').pop() ?? first).replace(/\.[^.]*$/, '')).replace(/-/g, '_');
  return { dir, files, sources, modname };
}

/** A compile error summary: "2 errors — file:line: message". */
function errorSummary(build: Pick<BuildResult, 'diagnostics' | 'log'>): string {
  const errors = build.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'fatal error');
  const first = errors[0];
  return first ? `${errors.length} error${errors.length === 1 ? '' : 's'} — ${first.file}:${first.line}: ${first.message}` : `Build failed${build.log ? `: ${build.log.split('\n')[0]}` : ''}`;
}

/** One line for a module.load outcome: the probes' verdicts when it loaded, the kernel's reason when it did not. */
export function loadMessage(r: ModuleLoadResult): string {
  if (!r.build.ok) return errorSummary(r.build);
  if (!r.loaded) return [`insmod ${r.modname}.ko: ${r.killed ? 'killed by an Oops' : r.errno ?? 'failed'}`, r.reasons[0]].filter(Boolean).join(' — ');
  const probes = r.probes.map((p) => (p.ret === 0 ? `${p.device} bound to ${p.driver}` : `probe of ${p.device} failed: ${p.errno}`));
  return [`Loaded ${r.modname}`, probes.join(', ') || 'no device probed', r.reasons[0]].filter(Boolean).join(' — ');
}

export const useEditorStore = defineStore('editor', () => {
  const host = shallowRef<WorkspaceHost | null>(null);
  const workspace = ref<WorkspaceInfo | null>(null);
  const entries = ref<WorkspaceEntry[]>([]);
  const docs = reactive(new Map<string, Doc>());
  const open = ref<string[]>([]);
  const active = ref<string | null>(null);
  const diagnostics = ref<BuildDiagnostic[]>([]);
  const kernelProblems = ref<Problem[]>([]);
  const phase = ref<BuildPhase>('idle');
  const buildMessage = ref('');
  const lastBuild = ref<BuildResult | null>(null);
  /** The last Build & Load's outcome as the kernel reported it. */
  const lastLoad = ref<ModuleLoadResult | null>(null);
  /** The device snapshots asked for when lastLoad came back: only later ones show the machine after the load. */
  const lastLoadSeq = ref(0);
  /**
   * Whether the machine's module list has shown lastLoad's module since it came back: a list fetched before the
   * insmod can land after it, and must not be read as an rmmod.
   */
  const lastLoadListed = ref(false);
  watch(() => useSessionStore().machine?.modules, (mods) => {
    if (lastLoad.value && mods?.includes(lastLoad.value.modname)) lastLoadListed.value = true;
  });
  const saveError = ref<string | null>(null);
  const workspaceError = ref<string | null>(null);
  /** The compiler's warm-up build: once per connection. */
  const compiler = ref<'cold' | 'warming' | 'ready'>('cold');
  let warming: Promise<void> | null = null;
  /** The running or last Build & Load's stages with their times. */
  const stages = ref<StageTime[]>([]);
  /** Increments when a document should be revealed at a position (go to a problem). */
  const reveal = ref<{ path: string; line: number; column: number; seq: number } | null>(null);

  const saveTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let checkTimer: ReturnType<typeof setTimeout> | null = null;
  let checking: Promise<void> | null = null;
  let checkAgain = false;

  function persist(): void {
    try { storage()?.setItem(EDITOR_KEY, JSON.stringify({ open: open.value, active: active.value })); } catch { /* full */ }
  }

  /** Connects to the workspace, lists it, and reopens the files open last time. */
  async function init(h: WorkspaceHost): Promise<void> {
    host.value = h;
    try {
      workspace.value = await h.info();
      await refresh();
      workspaceError.value = null;
    } catch (err) {
      workspaceError.value = err instanceof Error ? err.message : String(err);
    }
    let saved: { open?: unknown; active?: unknown } = {};
    try { saved = JSON.parse(storage()?.getItem(EDITOR_KEY) ?? '{}'); } catch { /* defaults */ }
    const files = new Set(entries.value.filter((e) => e.type === 'file').map((e) => e.path));
    const reopen = Array.isArray(saved.open) ? saved.open.filter((p): p is string => typeof p === 'string' && (files.has(p) || isPage(p))) : [];
    if (reopen.length === 0) {
      const starter = [...files].find((p) => /(^|\/)edu\.c$/.test(p)) ?? [...files].find((p) => p.endsWith('.c'));
      if (starter) reopen.push(starter);
    }
    for (const p of reopen) {
      if (isPage(p)) { if (!open.value.includes(p)) open.value.push(p); } else await openFile(p, { activate: false });
    }
    const want = typeof saved.active === 'string' && open.value.includes(saved.active) ? saved.active : open.value[0] ?? null;
    active.value = want;
    persist();
  }

  async function refresh(): Promise<void> {
    if (!host.value) return;
    entries.value = await host.value.list();
  }

  /** Opens a workspace file (a local backup newer than the workspace copy wins: it holds edits not yet saved). */
  async function openFile(path: string, { activate = true }: { activate?: boolean } = {}): Promise<void> {
    if (!docs.has(path)) {
      if (!host.value) return;
      const text = await host.value.read(path);
      const backup = storage()?.getItem(BACKUP_PREFIX + path);
      const doc: Doc = { path, text: backup ?? text, saved: text, readOnly: false, language: languageOf(path) };
      docs.set(path, doc);
      if (backup !== null && backup !== undefined && backup !== text) scheduleSave(path);
      else storage()?.removeItem(BACKUP_PREFIX + path);
    }
    if (!open.value.includes(path)) open.value.push(path);
    if (activate) active.value = path;
    persist();
  }

  /** Opens (or shows) a page tab: the device graph, the lab, the Welcome page. */
  function openPage(page: string, { activate = true }: { activate?: boolean } = {}): void {
    if (!isPage(page)) return;
    if (!open.value.includes(page)) open.value.push(page);
    if (activate) active.value = page;
    persist();
  }

  /** Opens a read-only document that is not in the workspace (a kernel header). */
  function openReadOnly(path: string, text: string, at?: { line: number; column: number }): void {
    if (!docs.has(path)) docs.set(path, { path, text, saved: text, readOnly: true, language: languageOf(path) });
    if (!open.value.includes(path)) open.value.push(path);
    active.value = path;
    if (at) reveal.value = { path, ...at, seq: (reveal.value?.seq ?? 0) + 1 };
    persist();
  }

  function close(path: string): void {
    const i = open.value.indexOf(path);
    if (i < 0) return;
    const doc = docs.get(path);
    if (doc && doc.text !== doc.saved && !doc.readOnly) void saveNow(path);
    open.value.splice(i, 1);
    if (active.value === path) active.value = open.value[Math.min(i, open.value.length - 1)] ?? null;
    if (doc?.readOnly) docs.delete(path);
    persist();
  }

  function activate(path: string): void {
    if (open.value.includes(path)) { active.value = path; persist(); }
  }

  /** The learner typed: keep the text, back it up locally at once, save and check soon. */
  function update(path: string, text: string): void {
    const doc = docs.get(path);
    if (!doc || doc.readOnly || doc.text === text) return;
    doc.text = text;
    try { storage()?.setItem(BACKUP_PREFIX + path, text); } catch { /* the save below still runs */ }
    scheduleSave(path);
    if (doc.language === 'c') scheduleCheck();
  }

  function scheduleSave(path: string): void {
    clearTimeout(saveTimers.get(path));
    saveTimers.set(path, setTimeout(() => { void saveNow(path); }, SAVE_DELAY_MS));
  }

  async function saveNow(path: string): Promise<void> {
    clearTimeout(saveTimers.get(path));
    saveTimers.delete(path);
    const doc = docs.get(path);
    if (!doc || doc.readOnly || !host.value) return;
    const text = doc.text;
    if (text === doc.saved) return;
    try {
      await host.value.write(path, text);
      doc.saved = text;
      saveError.value = null;
      if (doc.text === text) storage()?.removeItem(BACKUP_PREFIX + path);
    } catch (err) {
      // The local backup keeps the text; retry later.
      saveError.value = `could not save ${path}: ${err instanceof Error ? err.message : String(err)}`;
      saveTimers.set(path, setTimeout(() => { void saveNow(path); }, SAVE_DELAY_MS * 5));
    }
  }

  async function saveAll(): Promise<void> {
    await Promise.all([...docs.keys()].map((p) => saveNow(p)));
  }

  const dirty = computed(() => new Set([...docs.values()].filter((d) => d.text !== d.saved).map((d) => d.path)));

  async function kbuildOf(dir: string): Promise<string | undefined> {
    const p = dir ? `${dir}/Kbuild` : 'Kbuild';
    if (!entries.value.some((e) => e.path === p)) return undefined;
    try { return docs.get(p)?.text ?? await host.value?.read(p); } catch { return undefined; }
  }

  async function textOf(path: string): Promise<string> {
    return docs.get(path)?.text ?? (await host.value!.read(path));
  }

  /** The C file the build is about: the active one, else the first open .c file. */
  const target = computed(() => {
    const isC = (p: string | null) => !!p && /\.c$/.test(p) && !docs.get(p)?.readOnly;
    return isC(active.value) ? active.value : open.value.find((p) => isC(p)) ?? null;
  });

  /** Compiles the target's module; sets diagnostics. */
  async function build(): Promise<BuildResult | null> {
    const session = useSessionStore();
    const client = session.client;
    const file = target.value;
    if (!file) { buildMessage.value = 'Open a C file to build it.'; phase.value = 'failed'; return null; }
    if (!client) { buildMessage.value = 'Not connected to kernel-sim.'; phase.value = 'failed'; return null; }
    const result = await client.request('build', await moduleFiles(file));
    lastBuild.value = result;
    diagnostics.value = result.diagnostics;
    return result;
  }

  /** Compiles in the background for diagnostics as the learner types (one at a time; the latest text wins). */
  function scheduleCheck(): void {
    if (checkTimer) clearTimeout(checkTimer);
    checkTimer = setTimeout(() => { void check(); }, CHECK_DELAY_MS);
  }

  async function check(): Promise<void> {
    if (checking) { checkAgain = true; return checking; }
    checking = (async () => {
      try { await build(); } catch { /* diagnostics stay as they were */ }
    })();
    await checking;
    checking = null;
    if (checkAgain) { checkAgain = false; await check(); }
  }

  /** The target's module sources, as build and module.load take them. */
  async function moduleFiles(file: string): Promise<{ files: Array<{ path: string; text: string }>; modname: string }> {
    const mod = moduleOf(file, entries.value, await kbuildOf(file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : ''));
    const names = mod.files.length ? mod.files : [file];
    return { files: await Promise.all(names.map(async (p) => ({ path: p, text: await textOf(p) }))), modname: mod.modname };
  }

  /** Builds WARM_MODULE once for this client, so clang is started before the learner's first build. */
  function warmCompiler(client: { request: (m: 'build', p: { files: Array<{ path: string; text: string }> }) => Promise<unknown> }): Promise<void> {
    compiler.value = 'warming';
    warming = client.request('build', { files: [{ path: 'kwb-warm/kwb_warm.c', text: WARM_MODULE }] })
      .then(() => undefined, () => undefined)
      .finally(() => { compiler.value = 'ready'; warming = null; });
    return warming;
  }

  let stageStart = 0;
  function enter(stage: BuildStage): void {
    const t = now();
    const last = stages.value.at(-1);
    if (last && last.ms === null) last.ms = t - stageStart;
    stageStart = t;
    stages.value = [...stages.value, { stage, ms: null }];
  }

  /**
   * Build & Load: save, then the host's module.load builds, unloads the loaded
   * version and loads the new one; its outcome (diagnostics, errno, the
   * kernel's reasons, probes, bound devices) shows inline.
   */
  async function buildAndLoad({ load = true }: { load?: boolean } = {}): Promise<boolean> {
    phase.value = 'saving';
    buildMessage.value = 'Saving…';
    await saveAll();
    if (!load) return buildOnly();
    const client = useSessionStore().client;
    const file = target.value;
    if (!file) { buildMessage.value = 'Open a C file to build it.'; phase.value = 'failed'; return false; }
    if (!client) { buildMessage.value = 'Not connected to kernel-sim.'; phase.value = 'failed'; return false; }
    phase.value = 'building';
    stages.value = [];
    // The host builds one module at a time: a Build & Load during the warm-up waits for it, and says so.
    if (warming) {
      enter('warming');
      buildMessage.value = `${STAGE_TITLES.warming}…`;
      await warming;
    }
    enter('compiling');
    buildMessage.value = `${STAGE_TITLES.compiling}…`;
    const started = now();
    let r: ModuleLoadResult;
    try {
      r = await client.request('module.load', await moduleFiles(file));
    } catch (err) {
      phase.value = 'failed';
      buildMessage.value = `Load failed: ${err instanceof Error ? err.message : String(err)}`;
      stages.value = stages.value.map((x) => (x.ms === null ? { ...x, ms: now() - stageStart } : x));
      return false;
    }
    // module.load answers once: the build's own time splits compiling and linking from loading and probing.
    const total = now() - started;
    const compileMs = Math.min(total, r.build.ms);
    stages.value = [
      ...stages.value.filter((x) => x.stage === 'warming').map((x) => ({ ...x, ms: x.ms ?? 0 })),
      { stage: 'compiling', ms: compileMs },
      ...(r.build.ok ? [{ stage: 'loading' as const, ms: Math.max(0, total - compileMs) }] : []),
    ];
    lastLoadSeq.value = useDevicesStore().requested;
    lastLoadListed.value = useSessionStore().machine?.modules?.includes(r.modname) ?? false;
    lastLoad.value = r;
    lastBuild.value = r.build;
    diagnostics.value = r.build.diagnostics;
    const ok = r.loaded && r.probes.every((p) => p.ret === 0);
    phase.value = ok ? 'done' : 'failed';
    buildMessage.value = loadMessage(r);
    return r.loaded;
  }

  async function buildOnly(): Promise<boolean> {
    phase.value = 'building';
    stages.value = [];
    if (warming) { enter('warming'); buildMessage.value = `${STAGE_TITLES.warming}…`; await warming; }
    enter('compiling');
    buildMessage.value = `${STAGE_TITLES.compiling}…`;
    let result: BuildResult | null;
    try { result = await build(); } catch (err) {
      phase.value = 'failed';
      buildMessage.value = `Build failed: ${err instanceof Error ? err.message : String(err)}`;
      return false;
    }
    if (!result) return false;
    stages.value = stages.value.map((x) => (x.ms === null ? { ...x, ms: x.stage === 'compiling' ? result.ms : now() - stageStart } : x));
    phase.value = result.ok ? 'done' : 'failed';
    buildMessage.value = result.ok ? `Built ${result.modname}.ko` : errorSummary(result);
    return result.ok;
  }

  /** Clang's diagnostics and kernel reports with a source line, for the Problems list. */
  const problems = computed<Problem[]>(() => [
    ...diagnostics.value.filter((d) => d.severity !== 'remark').map((d): Problem => ({
      source: 'clang', file: d.file, line: d.line, column: d.column,
      severity: d.severity === 'fatal error' ? 'error' : d.severity as Problem['severity'], message: d.flag ? `${d.message} [${d.flag}]` : d.message,
    })),
    ...kernelProblems.value,
  ]);

  /** Kernel reports (Oops, BUG, WARNING) whose backtrace names a workspace source line become problems. */
  function noteKernelReport(lines: string[]): void {
    const report = lines.find((l) => /^(BUG:|WARNING:|general protection fault|kernel BUG)/.test(l)) ?? lines.find((l) => /^Oops:/.test(l)) ?? lines[0] ?? '';
    const found: Problem[] = [];
    const files = new Set(entries.value.map((e) => e.path));
    for (const l of lines) {
      for (const m of l.matchAll(/([\w./-]+\.[ch]):(\d+)(?::(\d+))?/g)) {
        const f = [...files].find((p) => p === m[1] || p.endsWith('/' + m[1]!.split('/').pop())) ?? m[1]!;
        if (!found.some((p) => p.file === f && p.line === Number(m[2]))) {
          found.push({ source: 'kernel', file: f, line: Number(m[2]), column: Number(m[3] ?? 1), severity: 'error', message: report });
        }
      }
    }
    if (found.length) kernelProblems.value = [...kernelProblems.value, ...found].slice(-50);
  }

  function goTo(path: string, line: number, column = 1): void {
    const go = () => { active.value = path; reveal.value = { path, line, column, seq: (reveal.value?.seq ?? 0) + 1 }; };
    if (docs.has(path)) { if (!open.value.includes(path)) open.value.push(path); go(); persist(); return; }
    void openFile(path).then(go).catch(() => {});
  }

  return {
    host, workspace, entries, docs, open, active, diagnostics, kernelProblems, phase, buildMessage, lastBuild, lastLoad, lastLoadSeq, lastLoadListed, saveError, workspaceError, reveal,
    compiler, stages, warmCompiler,
    dirty, problems, target,
    init, refresh, openFile, openPage, openReadOnly, close, activate, update, saveNow, saveAll, build, check, buildAndLoad, noteKernelReport, goTo,
  };
});
