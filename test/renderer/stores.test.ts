// Stores of the workbench: editor (auto-save, backups, Build & Load through module.load), commands (shortcuts, palette search), dmesg, trace (boot spans), labs.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useEditorStore, BACKUP_PREFIX, SAVE_DELAY_MS, moduleOf, languageOf, loadMessage } from '../../renderer/src/stores/editor.ts';
import type { ModuleLoadResult } from '../../kernel-sim/api/methods/module.ts';
import { useCommandsStore, shortcutOf, fuzzyScore } from '../../renderer/src/stores/commands.ts';
import { useDmesgStore, formatDmesgTime } from '../../renderer/src/stores/dmesg.ts';
import { bootSpans, fromChromeTrace, useTraceStore } from '../../renderer/src/stores/trace.ts';
import { useLabsStore, type LabEngine } from '../../renderer/src/stores/labs.ts';
import { useSessionStore } from '../../renderer/src/stores/session.ts';
import { memoryWorkspace } from '../../renderer/src/workspace/host.ts';
import { KernelClient } from '../../renderer/src/kernel/client.ts';
import { FakeTransport, settle } from './fakes.ts';
import type { TraceEvent } from '../../kernel-sim/api/protocol.ts';

const EDU = { 'edu/edu.c': '#include "edu.h"\nint x;\n', 'edu/edu.h': '#define EDU 1\n', 'edu/Kbuild': 'obj-m := edu.o\n', 'boot/default.dts': '/dts-v1/;\n/ {};\n' };

beforeEach(() => { setActivePinia(createPinia()); localStorage.clear(); });
afterEach(() => { vi.useRealTimers(); });

function online() {
  const t = new FakeTransport();
  const c = new KernelClient(t);
  t.setState('open');
  useSessionStore().client = c as never;
  return { t, c };
}

describe('editor store', () => {
  it('opens the starter driver in a fresh workspace and remembers open files', async () => {
    const ws = memoryWorkspace(EDU);
    const editor = useEditorStore();
    await editor.init(ws);
    expect(editor.open).toEqual(['edu/edu.c']);
    expect(editor.active).toBe('edu/edu.c');
    await editor.openFile('boot/default.dts');
    expect(JSON.parse(localStorage.getItem('kwb.editor.v1')!)).toEqual({ open: ['edu/edu.c', 'boot/default.dts'], active: 'boot/default.dts' });
    setActivePinia(createPinia());
    const again = useEditorStore();
    await again.init(ws);
    expect(again.open).toEqual(['edu/edu.c', 'boot/default.dts']);
    expect(again.active).toBe('boot/default.dts');
    expect(again.docs.get('boot/default.dts')!.language).toBe('dts');
  });

  it('saves edits after a quiet period, keeping a local backup until the workspace has them', async () => {
    vi.useFakeTimers();
    const ws = memoryWorkspace(EDU);
    const editor = useEditorStore();
    await editor.init(ws);
    editor.update('edu/edu.c', 'int y;\n');
    editor.update('edu/edu.c', 'int z;\n');
    expect(localStorage.getItem(BACKUP_PREFIX + 'edu/edu.c')).toBe('int z;\n');
    expect(editor.dirty.has('edu/edu.c')).toBe(true);
    expect(ws.writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 10);
    expect(ws.writes).toEqual([['edu/edu.c', 'int z;\n']]);
    expect(editor.dirty.has('edu/edu.c')).toBe(false);
    expect(localStorage.getItem(BACKUP_PREFIX + 'edu/edu.c')).toBeNull();
  });

  it('restores a backup the workspace never got (the window closed before the save) and saves it', async () => {
    vi.useFakeTimers();
    localStorage.setItem(BACKUP_PREFIX + 'edu/edu.c', 'int unsaved;\n');
    const ws = memoryWorkspace(EDU);
    const editor = useEditorStore();
    await editor.init(ws);
    expect(editor.docs.get('edu/edu.c')!.text).toBe('int unsaved;\n');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 10);
    expect(ws.files.get('edu/edu.c')).toBe('int unsaved;\n');
  });

  it('keeps the text and retries when the workspace refuses a write', async () => {
    vi.useFakeTimers();
    const ws = memoryWorkspace(EDU);
    let fail = true;
    const write = ws.write;
    ws.write = async (p, t) => { if (fail) throw new Error('EIO: disk full'); return write(p, t); };
    const editor = useEditorStore();
    await editor.init(ws);
    editor.update('edu/edu.c', 'int kept;\n');
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 10);
    expect(editor.saveError).toMatch(/disk full/);
    expect(editor.docs.get('edu/edu.c')!.text).toBe('int kept;\n');
    fail = false;
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS * 5 + 10);
    expect(ws.files.get('edu/edu.c')).toBe('int kept;\n');
    expect(editor.saveError).toBeNull();
  });

  it('knows a module from its folder and Kbuild, and languages from names', () => {
    const entries = Object.keys(EDU).map((path) => ({ path, type: 'file' as const, size: 1 }));
    expect(moduleOf('edu/edu.c', entries, 'obj-m := edu_drv.o')).toEqual({ dir: 'edu', files: ['edu/edu.c', 'edu/edu.h'], sources: ['edu/edu.c'], modname: 'edu_drv' });
    expect(languageOf('a/b.dtsi')).toBe('dts');
    expect(languageOf('boot/cmdline')).toBe('kcmdline');
    expect(languageOf('x.h')).toBe('c');
  });

  const loadResult = (over: Partial<ModuleLoadResult> = {}): ModuleLoadResult => ({
    modname: 'edu', build: { ok: true, modname: 'edu', diagnostics: [], log: '', ms: 1 }, loaded: true, replaced: false, killed: false, errno: null,
    reasons: [], dmesg: [], probes: [], devices: [], ...over,
  });

  it('Build & Load: one module.load request with the module\'s files; a compile error shows inline and as a problem', async () => {
    const { t } = online();
    const editor = useEditorStore();
    await editor.init(memoryWorkspace(EDU));
    const done = editor.buildAndLoad();
    await settle(20);
    const req = t.requests('module.load')[0]!;
    expect(req.params).toEqual({ modname: 'edu', files: [{ path: 'edu/edu.c', text: EDU['edu/edu.c'] }, { path: 'edu/edu.h', text: EDU['edu/edu.h'] }] });
    const diagnostics = [{ file: 'edu/edu.c', line: 2, column: 5, severity: 'error' as const, message: "use of undeclared identifier 'y'", text: '' }];
    t.reply('module.load', loadResult({ loaded: false, build: { ok: false, modname: 'edu', diagnostics, log: '', ms: 1 } }));
    expect(await done).toBe(false);
    expect(editor.phase).toBe('failed');
    expect(editor.buildMessage).toBe("1 error — edu/edu.c:2: use of undeclared identifier 'y'");
    expect(editor.problems).toEqual([{ source: 'clang', file: 'edu/edu.c', line: 2, column: 5, severity: 'error', message: "use of undeclared identifier 'y'" }]);
    // No shell command anywhere: the host did the loading.
    expect(t.requests().map((r) => r.method)).not.toContain('shell.run');
  });

  it('Build & Load: shows the probe verdicts once loaded, and the errno with the kernel\'s reason when refused', async () => {
    const { t } = online();
    const editor = useEditorStore();
    await editor.init(memoryWorkspace(EDU));
    let done = editor.buildAndLoad();
    await settle(20);
    t.reply('module.load', loadResult({
      probes: [{ device: '0000:00:02.0', driver: 'edu', bus: 'pci', ret: 0, errno: null, state: 'bound' }],
      devices: [{ devpath: '/devices/pci0000:00/0000:00:02.0', name: '0000:00:02.0', driver: 'edu', bus: 'pci' }],
    }));
    expect(await done).toBe(true);
    expect(editor.phase).toBe('done');
    expect(editor.buildMessage).toBe('Loaded edu — 0000:00:02.0 bound to edu');
    expect(editor.lastLoad!.devices[0]!.name).toBe('0000:00:02.0');
    done = editor.buildAndLoad();
    await settle(20);
    t.reply('module.load', loadResult({ loaded: false, errno: 'ENOENT', reasons: ['edu: Unknown symbol __pci_register_driver (err -2)'] }));
    expect(await done).toBe(false);
    expect(editor.phase).toBe('failed');
    expect(editor.buildMessage).toBe('insmod edu.ko: ENOENT — edu: Unknown symbol __pci_register_driver (err -2)');
  });

  it('says when a module loaded but its probe failed', () => {
    expect(loadMessage(loadResult({ probes: [{ device: '0000:00:02.0', driver: 'edu', bus: 'pci', ret: -19, errno: 'ENODEV', state: 'failed' }], reasons: ['edu: probe of 0000:00:02.0 failed with error -19'] })))
      .toBe('Loaded edu — probe of 0000:00:02.0 failed: ENODEV — edu: probe of 0000:00:02.0 failed with error -19');
    expect(loadMessage(loadResult())).toBe('Loaded edu — no device probed');
  });

  it('turns an Oops naming a workspace source line into a problem', async () => {
    const editor = useEditorStore();
    await editor.init(memoryWorkspace(EDU));
    editor.noteKernelReport(['BUG: kernel NULL pointer dereference, address: 0000000000000000', ' edu_probe+0x2a/0x1f0 [edu] (edu.c:214)', '---[ end trace 0000000000000000 ]---']);
    expect(editor.problems).toEqual([{ source: 'kernel', file: 'edu/edu.c', line: 214, column: 1, severity: 'error', message: 'BUG: kernel NULL pointer dereference, address: 0000000000000000' }]);
  });
});

describe('commands', () => {
  it('maps key events to shortcuts and runs the bound command', async () => {
    const commands = useCommandsStore();
    const ran: string[] = [];
    commands.register([
      { id: 'a', title: 'Build & Load', category: 'Module', keys: ['ctrl+shift+b'], run: () => ran.push('a') },
      { id: 'p', title: 'Show All Commands', category: 'View', keys: ['F1', 'Ctrl+Shift+P'], run: () => ran.push('p') },
      { id: 't', title: 'Focus Terminal', category: 'Terminal', keys: ['Ctrl+`'], run: () => ran.push('t') },
    ]);
    const ev = (key: string, code: string, mods: Partial<{ ctrlKey: boolean; shiftKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => ({ key, code, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods });
    expect(shortcutOf(ev('B', 'KeyB', { ctrlKey: true, shiftKey: true }))).toBe('Ctrl+Shift+B');
    expect(commands.handleKey(ev('B', 'KeyB', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(commands.handleKey(ev('F1', 'F1'))).toBe(true);
    expect(commands.handleKey(ev('`', 'Backquote', { metaKey: true }))).toBe(true);
    expect(commands.handleKey(ev('b', 'KeyB'))).toBe(false);
    expect(commands.handleKey(ev('Shift', 'ShiftLeft', { shiftKey: true }))).toBe(false);
    await settle();
    expect(ran).toEqual(['a', 'p', 't']);
  });

  it('finds commands by fuzzy name', () => {
    const commands = useCommandsStore();
    commands.register([
      { id: 'b', title: 'Build & Load', category: 'Module', run: () => {} },
      { id: 'r', title: 'Reboot', category: 'Machine', run: () => {} },
      { id: 'x', title: 'Export Trace (Chrome JSON)', category: 'Trace', run: () => {} },
    ]);
    expect(commands.search('reb').map((c) => c.id)).toEqual(['r']);
    expect(commands.search('exp tr')[0]!.id).toBe('x');
    expect(commands.search('').length).toBe(3);
    expect(fuzzyScore('zzz', 'Build')).toBeNull();
  });
});

describe('dmesg store', () => {
  it('filters by level and text, starts over on a new boot, and collects Oops reports', () => {
    const d = useDmesgStore();
    const reports: string[][] = [];
    d.onReport((l) => reports.push(l));
    d.add([
      { seq: 0, tsNs: 0, level: 5, facility: 0, text: 'Linux version 6.1.0' },
      { seq: 1, tsNs: 1e6, level: 7, facility: 0, text: 'bus: platform: probing' },
      { seq: 2, tsNs: 2e6, level: 1, facility: 0, text: 'BUG: unable to handle page fault' },
      { seq: 2.5, tsNs: 2e6, level: 0, facility: 0, text: 'Oops: 0000 [#1] PREEMPT SMP NOPTI' },
      { seq: 3, tsNs: 2e6, level: 4, facility: 0, text: ' edu_read+0x1/0x2 (edu.c:12)' },
      { seq: 4, tsNs: 2e6, level: 4, facility: 0, text: '---[ end trace 0000000000000000 ]---' },
    ]);
    expect(d.filtered.length).toBe(6);
    d.maxLevel = 4;
    expect(d.filtered.map((r) => r.seq)).toEqual([2, 2.5, 3, 4]);
    d.maxLevel = 7;
    d.text = 'LINUX';
    expect(d.filtered.map((r) => r.seq)).toEqual([0]);
    expect(reports).toEqual([['BUG: unable to handle page fault', 'Oops: 0000 [#1] PREEMPT SMP NOPTI', ' edu_read+0x1/0x2 (edu.c:12)', '---[ end trace 0000000000000000 ]---']]);
    d.add([{ seq: 0, tsNs: 0, level: 5, facility: 0, text: 'Linux version 6.1.0 (reboot)' }]);
    expect(d.records.map((r) => r.text)).toEqual(['Linux version 6.1.0 (reboot)']);
    expect(formatDmesgTime(1_234_567_891)).toBe('[    1.234567]');
  });
});

describe('trace store', () => {
  const ev = (over: Partial<TraceEvent>): TraceEvent => ({ ts: 0, cat: 'sched', name: 'x', ph: 'i', pid: 0, tid: 0, ...over });

  it('derives boot phases and initcalls (with level and return) as spans in time order', () => {
    const spans = bootSpans([
      ev({ cat: 'initcall', name: 'pci_driver_init', ph: 'X', ts: 500, dur: 30, args: { level: 'postcore', ret: 0 } }),
      ev({ cat: 'boot', name: 'setup_arch', ph: 'X', ts: 100, dur: 50 }),
      ev({ cat: 'boot', name: 'startup_64', ph: 'i', ts: 0 }),
      ev({ cat: 'initcall', name: 'bad_init', ph: 'X', ts: 600, dur: 5, args: { level: 'device', ret: -19 } }),
    ]);
    expect(spans).toEqual([
      { name: 'setup_arch', kind: 'boot', startNs: 100, durNs: 50 },
      { name: 'pci_driver_init', kind: 'initcall', level: 'postcore', ret: 0, startNs: 500, durNs: 30 },
      { name: 'bad_init', kind: 'initcall', level: 'device', ret: -19, startNs: 600, durNs: 5 },
    ]);
  });

  it('reads Chrome trace JSON back in nanoseconds and filters by subsystem and task', () => {
    const evs = fromChromeTrace(JSON.stringify({ traceEvents: [{ name: 'a', cat: 'boot', ph: 'X', ts: 1.5, dur: 2, pid: 0, tid: 0 }, { name: 'b', cat: 'sched', ph: 'i', ts: 3, pid: 1, tid: 7, args: { x: 1 } }] }));
    expect(evs).toEqual([{ ts: 1500, dur: 2000, cat: 'boot', name: 'a', ph: 'X', pid: 0, tid: 0 }, { ts: 3000, cat: 'sched', name: 'b', ph: 'i', pid: 1, tid: 7, args: { x: 1 } }]);
    const tr = useTraceStore();
    tr.reset(evs);
    expect(tr.cats).toEqual(['boot', 'sched']);
    expect(tr.tids).toEqual([0, 7]);
    tr.toggleCat('boot');
    expect(tr.filtered.map((e) => e.name)).toEqual(['b']);
    tr.toggleCat('boot');
    tr.tidFilter = 0;
    expect(tr.filtered.map((e) => e.name)).toEqual(['a']);
  });

  it('keeps at most its limit when 100k+ events stream in', () => {
    const tr = useTraceStore();
    const batch = Array.from({ length: 50_000 }, (_, i) => ev({ ts: i, name: `e${i}` }));
    for (let k = 0; k < 5; k++) tr.add(batch);
    expect(tr.events.length).toBe(200_000);
  });
});

describe('labs store', () => {
  function fakeEngine(progress: { completed: string[]; hints: Record<string, number> } = { completed: [], hints: {} }) {
    const calls: string[] = [];
    const engine: LabEngine = {
      list: async () => [{ id: 'probe', title: 'The PCI probe path', steps: 2 }],
      load: async () => ({
        id: 'probe', title: 'The PCI probe path', intro: 'Intro', starter: { 'edu.c': '// TODO(s1)\n' },
        steps: [{ id: 's1', title: 'Load edu', body: 'Run `insmod`', hints: ['h1', 'h2'], files: ['edu.c'] }, { id: 's2', title: 'Read /dev/edu', body: '', hints: [], files: [] }],
      }),
      progress: async () => progress,
      check: async (_lab, i) => (i === 0 ? { passed: true, message: 'edu is bound' } : { passed: false, message: 'no /dev/edu' }),
      hint: async (_l, s, n) => { calls.push(`hint ${s} ${n}`); },
      reset: async () => { calls.push('reset'); progress = { completed: [], hints: {} }; },
    };
    return { engine, calls };
  }

  it('walks steps, shows hints one at a time and records check results', async () => {
    const { engine, calls } = fakeEngine();
    const labs = useLabsStore();
    const placed: Record<string, string>[] = [];
    labs.placeFiles = async (f) => { placed.push(f); };
    await labs.use(engine);
    expect(labs.catalog).toEqual([{ id: 'probe', title: 'The PCI probe path', steps: 2 }]);
    await labs.open('probe');
    expect(placed).toEqual([{ 'labs/probe/edu.c': '// TODO(s1)\n' }]);
    labs.showHint(); labs.showHint(); labs.showHint();
    expect(labs.hintsShown.s1).toBe(2);
    expect(calls).toEqual(['hint s1 1', 'hint s1 2', 'hint s1 2']);
    expect(await labs.check()).toEqual({ passed: true, message: 'edu is bound' });
    labs.go(1);
    await labs.check();
    expect(labs.status).toEqual({ s1: 'passed', s2: 'failed' });
    expect(labs.done).toBe(1);
  });

  it('restores progress from the engine and resumes at the first step not done', async () => {
    const { engine, calls } = fakeEngine({ completed: ['s1'], hints: { s2: 0 } });
    const labs = useLabsStore();
    await labs.use(engine);
    await labs.open('probe');
    expect(labs.status).toEqual({ s1: 'passed', s2: 'todo' });
    expect(labs.current).toBe(1);
    await labs.reset();
    expect(calls).toContain('reset');
    expect(labs.status).toEqual({ s1: 'todo', s2: 'todo' });
    expect(labs.current).toBe(0);
  });
});
