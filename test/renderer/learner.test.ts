// What a learner meets: the lab as a document tab (rendered markdown, staged hints, results without answers, advance on pass, files opened from the step, copyable code), Build & Load's stages and a verdict that follows the machine, the status bar following module events, system calls decoded in the trace, the Welcome page reopened from the palette.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { useLabsStore, type LabEngine } from '../../renderer/src/stores/labs.ts';
import LabDocument from '../../renderer/src/components/LabDocument.vue';
import LabPanel from '../../renderer/src/components/LabPanel.vue';
import { useEditorStore, WELCOME_PAGE, LAB_PAGE } from '../../renderer/src/stores/editor.ts';
import { useSessionStore } from '../../renderer/src/stores/session.ts';
import { useDevicesStore } from '../../renderer/src/stores/devices.ts';
import { liveLoad } from '../../renderer/src/stores/load-live.ts';
import { decodeSyscall, flagWord, syscallReturn } from '../../renderer/src/trace/syscalls.ts';
import { copyFromCodeBlock, renderInline, renderMarkdown } from '../../renderer/src/labs/markdown.ts';
import { workbenchCommands } from '../../renderer/src/workbench.ts';
import { memoryWorkspace } from '../../renderer/src/workspace/host.ts';
import { machineInfo, onlineClient, settle, syncedSession } from './fakes.ts';
import type { ModuleLoadResult } from '../../kernel-sim/api/methods/module.ts';
import type { DeviceSnapshot } from '../../renderer/src/devices/model.ts';

beforeEach(() => { setActivePinia(createPinia()); localStorage.clear(); });
afterEach(() => { vi.useRealTimers(); });

function engine(): { engine: LabEngine; checks: number[] } {
  const checks: number[] = [];
  return {
    checks,
    engine: {
      list: async () => [{ id: 'boot', title: 'Boot', steps: 2 }],
      load: async () => ({
        id: 'boot', title: 'Boot', intro: 'How Linux boots.', starter: {},
        steps: [
          { id: 'phases', title: "`start_kernel`'s phases", body: 'Run `dmesg`:\n\n```\ndmesg | head\n```\n', hints: ['Look at the `boot` spans.', 'The widest one.'], files: ['answers/longest-phase.txt'] },
          { id: 'initcalls', title: 'initcall_debug', body: 'Boot with `initcall_debug`.', hints: [], files: [] },
        ],
      }),
      progress: async () => ({ completed: [], hints: {} }),
      check: async (_lab, i) => {
        checks.push(i);
        return checks.length === 1
          ? { passed: false, message: '✓ the boot tracepoints\n✗ your file answers/longest-phase.txt: your answer in answers/longest-phase.txt is not what this step asks for; it shows: "x"; Compare the `boot` spans.' }
          : { passed: true, message: '✓ your file answers/longest-phase.txt' };
      },
      hint: async () => {},
      reset: async () => {},
    },
  };
}

describe('the lab as a document', () => {
  it('opens as an editor tab, renders markdown (no raw backticks), reveals hints in stages, explains a failure and moves on after a pass', async () => {
    const labs = useLabsStore();
    const editor = useEditorStore();
    labs.showDocument = () => editor.openPage(LAB_PAGE);
    const opened: string[] = [];
    labs.openInEditor = async (p) => { opened.push(p); };
    const { engine: e } = engine();
    await labs.use(e);
    await labs.open('boot');
    expect(editor.active).toBe(LAB_PAGE);
    expect(localStorage.getItem('kwb.lab.v1')).toBe('boot');
    const w = mount(LabDocument);
    await settle();
    expect(w.get('h1').html()).toContain('<code>start_kernel</code>');
    expect(w.get('[data-testid="lab-step-text"]').text()).not.toContain('`');
    expect(w.get('[data-testid="lab-step-of"]').text()).toBe('Step 1 of 2');
    // Hints, one stage at a time.
    expect(w.find('[data-testid="lab-hints"]').exists()).toBe(false);
    expect(w.get('[data-testid="lab-hint"]').text()).toBe('Hint 1 of 2');
    await w.get('[data-testid="lab-hint"]').trigger('click');
    expect(w.findAll('.hint')).toHaveLength(1);
    expect(w.get('.hint').html()).toContain('<code>boot</code>');
    expect(w.get('[data-testid="lab-hint"]').text()).toBe('Hint 2 of 2');
    await w.get('[data-testid="lab-hint"]').trigger('click');
    expect(w.findAll('.hint')).toHaveLength(2);
    expect(w.get('[data-testid="lab-hint"]').attributes('disabled')).toBeDefined();
    // The step's answer file opens from the step.
    await w.get('[data-testid="lab-file-answers/longest-phase.txt"]').trigger('click');
    expect(opened).toEqual(['labs/boot/answers/longest-phase.txt']);
    // A failing check: what is wrong and where to look, rendered.
    await w.get('[data-testid="lab-check"]').trigger('click');
    await settle(10);
    const result = w.get('[data-testid="lab-result"]');
    expect(result.findAll('li.bad')).toHaveLength(1);
    expect(result.get('li.bad .label').text()).toBe('your file answers/longest-phase.txt');
    expect(result.get('li.bad .detail').html()).toContain('<code>boot</code>');
    expect(w.get('[data-testid="lab-status"]').text()).toBe('Not yet');
    // A pass moves on to the next step and says so.
    await w.get('[data-testid="lab-check"]').trigger('click');
    await settle(10);
    expect(labs.current).toBe(1);
    expect(w.get('[data-testid="lab-passed-note"]').text()).toContain('passed');
    expect(w.get('[data-testid="lab-step-of"]').text()).toBe('Step 2 of 2');
    expect(w.get('[data-testid="lab-next"]').attributes('disabled')).toBeDefined();
    await w.get('[data-testid="lab-prev"]').trigger('click');
    expect(labs.current).toBe(0);
  });

  it('the side bar lists the steps; a step opens the document at it; the lab open last time comes back', async () => {
    const { engine: e } = engine();
    localStorage.setItem('kwb.lab.v1', 'boot');
    const labs = useLabsStore();
    const shown: number[] = [];
    labs.showDocument = () => { shown.push(labs.current); };
    await labs.use(e);
    expect(labs.lab?.id).toBe('boot');
    expect(shown).toEqual([]);
    const w = mount(LabPanel);
    await w.get('[data-testid="lab-step-2"]').trigger('click');
    expect(labs.current).toBe(1);
    expect(shown).toEqual([1]);
    expect(w.get('[data-testid="lab-step-1"]').html()).toContain('<code>start_kernel</code>');
    await w.get('[data-testid="lab-back"]').trigger('click');
    expect(localStorage.getItem('kwb.lab.v1')).toBeNull();
  });

  it('code blocks carry a Copy button that copies the code', async () => {
    const html = renderMarkdown('```\ndmesg | head\n```\n');
    expect(html).toContain('data-copy');
    expect(renderInline('`x` <b>y</b>')).toBe('<code>x</code> &lt;b&gt;y&lt;/b&gt;');
    document.body.innerHTML = html;
    const copied: string[] = [];
    const btn = document.querySelector('[data-copy]') as HTMLElement;
    expect(copyFromCodeBlock({ target: btn } as unknown as MouseEvent, async (t) => { copied.push(t); })).toBe(true);
    await settle();
    expect(copied).toEqual(['dmesg | head']);
  });
});

const LOAD: ModuleLoadResult = {
  modname: 'edu', build: { ok: true, modname: 'edu', diagnostics: [], log: '', ms: 40 }, loaded: true, replaced: false, killed: false, errno: null, reasons: [], dmesg: [],
  probes: [{ device: '0000:00:02.0', driver: 'edu', bus: 'pci', ret: 0, errno: null, state: 'bound' }],
  devices: [{ devpath: '/devices/pci0000:00/0000:00:02.0', name: '0000:00:02.0', driver: 'edu', bus: 'pci' }],
};
const snapWith = (state: 'bound' | 'unbound', driver?: string): DeviceSnapshot => ({
  buses: ['pci'], drivers: [{ name: 'edu', bus: 'pci' }], classes: [],
  devices: [{ path: '/sys/devices/pci0000:00/0000:00:02.0', name: '0000:00:02.0', bus: 'pci', state, ...(driver ? { driver } : {}) }],
});

describe('Build & Load', () => {
  const online = onlineClient;

  it('shows its stages: waiting for the compiler warm-up, then compiling and linking, then the time of each stage', async () => {
    const { t, c } = online();
    const editor = useEditorStore();
    await editor.init(memoryWorkspace({ 'edu/edu.c': 'int x;\n' }));
    void editor.warmCompiler(c);
    expect(editor.compiler).toBe('warming');
    const done = editor.buildAndLoad();
    await settle(20);
    expect(editor.stages.map((s) => [s.stage, s.ms === null])).toEqual([['warming', true]]);
    expect(editor.buildMessage).toMatch(/^Starting the compiler/);
    expect(t.requests('module.load')).toHaveLength(0);
    t.reply('build', { ok: true, modname: 'kwb_warm', diagnostics: [], log: '', ms: 5 });
    await settle(20);
    expect(editor.compiler).toBe('ready');
    expect(editor.stages.map((s) => [s.stage, s.ms === null])).toEqual([['warming', false], ['compiling', true]]);
    expect(editor.buildMessage).toBe('Compiling and linking…');
    t.reply('module.load', LOAD);
    expect(await done).toBe(true);
    expect(editor.stages.map((s) => s.stage)).toEqual(['warming', 'compiling', 'loading']);
    expect(editor.stages.every((s) => typeof s.ms === 'number')).toBe(true);
  });

  it('its verdict follows the machine: a device unbound since, then the module unloaded', () => {
    expect(liveLoad(LOAD, ['edu'], snapWith('bound', 'edu'))).toMatchObject({ ok: true, message: 'Loaded edu — 0000:00:02.0 bound to edu' });
    // Not known yet (no snapshot): no claim that the device went.
    expect(liveLoad(LOAD, ['edu'], { buses: [], drivers: [], classes: [], devices: [] }).ok).toBe(true);
    // A snapshot asked for before the load came back still shows edu unbound: it is not the machine after the probe.
    expect(liveLoad(LOAD, ['edu'], snapWith('unbound'), false)).toMatchObject({ ok: true, message: 'Loaded edu — 0000:00:02.0 bound to edu' });
    const unbound = liveLoad(LOAD, ['edu'], snapWith('unbound'));
    expect(unbound).toMatchObject({ ok: false, message: 'Loaded edu — 0000:00:02.0 unbound from edu since' });
    expect(unbound.devices).toEqual([{ name: '0000:00:02.0', driver: 'edu', now: 'unbound' }]);
    expect(liveLoad(LOAD, [], snapWith('unbound'))).toMatchObject({ unloaded: true, ok: false, message: 'edu was unloaded since it was loaded — Build & Load loads it again' });
    expect(liveLoad(LOAD, ['edu'], { ...snapWith('bound'), devices: [] , buses: ['pci'] }).devices[0]!.now).toBe('bound');
  });

  it('the editor area headline and the result strip change when the device is unbound', async () => {
    const { t } = online();
    const editor = useEditorStore();
    await editor.init(memoryWorkspace({ 'edu/edu.c': 'int x;\n' }));
    const devices = useDevicesStore();
    const session = useSessionStore();
    session.machine = machineInfo({ modules: ['edu'] });
    devices.load(snapWith('bound', 'edu'));
    const done = editor.buildAndLoad();
    await settle(20);
    t.reply('module.load', LOAD);
    await done;
    const { default: EditorArea } = await import('../../renderer/src/components/EditorArea.vue');
    const w = mount(EditorArea, { global: { stubs: { MonacoEditor: true, WelcomePage: true, LabDocument: true, DeviceGraph: true } } });
    expect(w.get('[data-testid="build-message"]').text()).toBe('Loaded edu — 0000:00:02.0 bound to edu');
    expect(w.get('[data-testid="load-timings"]').text()).toMatch(/^compiling and linking \d+ ms · loading and probing \d+ ms$/);
    // A module list from before the insmod lands after the load: not read as an rmmod.
    expect(liveLoad(LOAD, [], snapWith('bound', 'edu'), true, false)).toMatchObject({ unloaded: false, ok: true });
    // A snapshot fetch asked for before the load came back lands after it: the verdict does not read it as an unbind.
    devices.load(snapWith('unbound'), editor.lastLoadSeq);
    await w.vm.$nextTick();
    expect(w.get('[data-testid="build-message"]').text()).toBe('Loaded edu — 0000:00:02.0 bound to edu');
    devices.apply({ type: 'driver.unbind', path: '/sys/devices/pci0000:00/0000:00:02.0' });
    await w.vm.$nextTick();
    expect(w.get('[data-testid="build-message"]').text()).toBe('Loaded edu — 0000:00:02.0 unbound from edu since');
    expect(w.get('[data-testid="build-message"]').classes()).toContain('stale');
    expect(w.get('[data-testid="load-devices"]').text()).toContain('0000:00:02.0: unbound since');
    session.machine = machineInfo({ modules: [] });
    await w.vm.$nextTick();
    expect(w.get('[data-testid="load-status"]').text()).toBe('edu: unloaded since');
    w.unmount();
  });
});

describe('status bar and module events', () => {
  it('refreshes the machine info (modules) at once on a module tracepoint', async () => {
    const { t, session } = await syncedSession();
    t.deliver({ type: 'event', stream: 'trace', data: [{ ts: 9000, cat: 'module', name: 'module_load', ph: 'i', pid: 1, tid: 1, args: { name: 'edu', taints: 'OE' } }] });
    expect(t.requests('machine.info')).toHaveLength(2);
    t.reply('machine.info', machineInfo({ modules: ['edu'] }));
    await settle();
    expect(session.machine?.modules).toEqual(['edu']);
    session.disconnect();
  });
});

describe('system calls in the trace', () => {
  it('decodes arguments and returns as strace prints them', () => {
    expect(decodeSyscall('syscalls', 'sys_openat', { nr: 257, ret: 4, args: [-100, 12336, 589824, 438] })).toBe('openat(AT_FDCWD, 0x3030, O_RDONLY|O_DIRECTORY|O_CLOEXEC, 0666) = 4');
    expect(decodeSyscall('syscalls', 'sys_newfstatat', { nr: 262, ret: -2, args: [-100, 12480, 12336, 256] })).toBe('newfstatat(AT_FDCWD, 0x30c0, 0x3030, AT_SYMLINK_NOFOLLOW) = -1 ENOENT');
    expect(decodeSyscall('syscalls', 'sys_write', { nr: 1, ret: 3, args: [4, 12432, 3, 0, 0, 0] })).toBe('write(4, 0x3090, 3) = 3');
    expect(decodeSyscall('syscalls', 'sys_mmap', { nr: 9, ret: 0x7f0000, args: [0, 4096, 3, 0x22, -1, 0] })).toBe('mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000');
    expect(decodeSyscall('syscalls', 'sys_clone', { nr: 56, ret: 12, args: [0x01200011, 0, 0, 0, 0] })).toBe('clone(SIGCHLD|CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID, NULL, NULL, NULL, 0) = 12');
    expect(decodeSyscall('syscalls', 'sys_unshare', { nr: 272, ret: 0, args: [0x20000000 | 0x80000000] })).toBe('unshare(CLONE_NEWPID|CLONE_IO) = 0');
    expect(decodeSyscall('syscalls', 'sys_kill', { nr: 62, ret: -3, args: [99, 9] })).toBe('kill(99, SIGKILL) = -1 ESRCH');
    expect(decodeSyscall('syscalls', 'sys_frobnicate', { nr: 999, ret: 0, args: [1, 2] })).toBe('frobnicate(1, 2) = 0');
    expect(decodeSyscall('sched', 'sched_process_exec', { filename: '/bin/sh' })).toBeNull();
    expect(flagWord(0x40000000 | 0x1, [[1, 'A']])).toBe('A|0x40000000');
    expect(syscallReturn('brk', 0x5000)).toBe('0x5000');
  });

  it('the trace view has column headers', async () => {
    const { useTraceStore } = await import('../../renderer/src/stores/trace.ts');
    const trace = useTraceStore();
    trace.add([{ ts: 1e9, cat: 'syscalls', name: 'sys_close', ph: 'i', pid: 38, tid: 38, args: { nr: 3, ret: 0, args: [4] } }]);
    const { default: TraceView } = await import('../../renderer/src/components/TraceView.vue');
    const w = mount(TraceView);
    expect(w.get('[data-testid="trace-header"]').text()).toMatch(/Time.*Subsystem.*PID\/TID.*Kind.*Event.*Duration.*Arguments/);
    w.unmount();
  });
});

describe('Welcome', () => {
  it('reopens from the palette as an editor tab, with the labs as its first action', async () => {
    const editor = useEditorStore();
    await editor.init(memoryWorkspace({ 'edu/edu.c': 'int x;\n' }));
    workbenchCommands().find((c) => c.id === 'help.welcome')!.run();
    expect(editor.open).toContain(WELCOME_PAGE);
    expect(editor.active).toBe(WELCOME_PAGE);
    const labs = useLabsStore();
    labs.catalog = [{ id: 'boot', title: 'Boot: from power-on to a shell', steps: 6 }];
    const { default: WelcomePage } = await import('../../renderer/src/components/WelcomePage.vue');
    const w = mount(WelcomePage);
    expect(w.findAll('h2').map((h) => h.text())[0]).toBe('Start with a lab');
    expect(w.get('[data-testid="welcome-lab-boot"]').text()).toContain('Boot: from power-on to a shell');
    expect(w.text()).not.toMatch(/namespaces lab|coming/i);
  });
});
