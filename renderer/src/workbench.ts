// The workbench's actions as commands (palette and shortcuts), Electron menu commands, and the wiring between stores (Oops reports to Problems).
import type { WorkbenchWindow } from '../../kernel-sim/api/workbench-bridge.ts';
import { useCommandsStore, shortcutOf, type Command } from './stores/commands.ts';
import { useKeyboardStore, KEYBOARD_TOGGLE } from './stores/keyboard.ts';
import { useDmesgStore } from './stores/dmesg.ts';
import { useEditorStore, GRAPH_PAGE, LAB_PAGE, WELCOME_PAGE } from './stores/editor.ts';
import { useLayoutStore, type Activity, type BottomTab } from './stores/layout.ts';
import { useSessionStore } from './stores/session.ts';
import { useTerminalsStore } from './stores/terminals.ts';
import { useTraceStore } from './stores/trace.ts';
import { useLabsStore, protocolEngine } from './stores/labs.ts';
import { afterShell } from './startup.ts';
import { VIEWS } from './views.ts';
import { watch } from 'vue';

/** Saves text as a file download (web) — Electron shows its own save dialog for downloads. */
export function download(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function workbenchCommands(): Command[] {
  const layout = useLayoutStore();
  const session = useSessionStore();
  const editor = useEditorStore();
  const trace = useTraceStore();
  const terminals = useTerminalsStore();
  const commands = useCommandsStore();
  const show = (tab: BottomTab) => () => layout.selectBottomTab(tab);
  const activity = (a: Activity) => () => { layout.activity = a; layout.sideVisible = true; };
  const commands_: Command[] = [
    { id: 'palette.show', title: 'Show All Commands', category: 'View', keys: ['F1', 'Ctrl+Shift+P'], run: () => { commands.paletteOpen = !commands.paletteOpen; } },
    { id: 'module.buildLoad', title: 'Build & Load', category: 'Module', keys: ['Ctrl+Shift+B'], run: () => editor.buildAndLoad() },
    { id: 'module.build', title: 'Build', category: 'Module', keys: ['Ctrl+Alt+B'], run: () => editor.buildAndLoad({ load: false }) },
    { id: 'module.unload', title: 'Unload', category: 'Module', keys: ['Ctrl+Alt+U'], run: async () => {
      const m = editor.lastBuild?.modname;
      if (m && session.client) await session.client.request('module.unload', { name: m }).catch(() => {});
    } },
    { id: 'machine.reboot', title: 'Reboot', category: 'Machine', keys: ['Ctrl+Alt+R'], run: () => session.reboot() },
    { id: 'file.saveAll', title: 'Save All', category: 'File', keys: ['Ctrl+S'], run: () => editor.saveAll() },
    { id: 'file.close', title: 'Close Editor', category: 'File', keys: ['Ctrl+Alt+W'], run: () => { if (editor.active) editor.close(editor.active); } },
    { id: 'view.toggleSide', title: 'Toggle Side Pane', category: 'View', keys: ['Ctrl+B'], run: () => { layout.sideVisible = !layout.sideVisible; } },
    { id: 'view.toggleBottom', title: 'Toggle Bottom Pane', category: 'View', keys: ['Ctrl+J'], run: () => { layout.bottomVisible = !layout.bottomVisible; } },
    { id: 'view.toggleRight', title: 'Toggle Graphs Pane', category: 'View', keys: ['Ctrl+Alt+G'], run: () => { layout.rightVisible = !layout.rightVisible; } },
    { id: 'view.theme', title: 'Toggle Dark/Light Theme', category: 'View', keys: ['Ctrl+Alt+T'], run: () => layout.toggleTheme() },
    { id: 'view.labs', title: 'Show Labs', category: 'View', keys: ['Ctrl+Alt+1'], run: activity('labs') },
    { id: 'view.files', title: 'Show Files', category: 'View', keys: ['Ctrl+Alt+2'], run: activity('files') },
    { id: 'view.devices', title: 'Show Devices', category: 'View', keys: ['Ctrl+Alt+3'], run: activity('devices') },
    { id: 'view.traceSide', title: 'Show Trace Filters', category: 'View', keys: ['Ctrl+Alt+4'], run: activity('trace') },
    { id: 'view.dmesg', title: 'Show dmesg', category: 'View', keys: ['Ctrl+Alt+D'], run: show('dmesg') },
    { id: 'view.problems', title: 'Show Problems', category: 'View', keys: ['Ctrl+Shift+M'], run: show('problems') },
    { id: 'view.trace', title: 'Show Trace Events', category: 'View', keys: ['Ctrl+Alt+E'], run: show('trace') },
    { id: 'view.timeline', title: 'Show Boot Timeline', category: 'View', keys: ['Ctrl+Alt+L'], run: show('timeline') },
    { id: 'help.welcome', title: 'Welcome', category: 'Help', run: () => editor.openPage(WELCOME_PAGE) },
    { id: 'view.graphLarge', title: 'Open Device Graph in the Editor Area', category: 'View', run: () => editor.openPage(GRAPH_PAGE) },
    { id: 'view.labDocument', title: 'Open Lab Text', category: 'View', run: () => editor.openPage(LAB_PAGE) },
    { id: 'terminal.focus', title: 'Focus Terminal', category: 'Terminal', keys: ['Ctrl+`'], run: () => { layout.selectBottomTab('terminal'); terminals.focusActive(); } },
    { id: 'terminal.new', title: 'New Terminal', category: 'Terminal', keys: ['Ctrl+Shift+`'], run: () => { layout.selectBottomTab('terminal'); terminals.add(); } },
    { id: 'input.keyboard', title: 'Toggle Keyboard Mode (keys go to the simulated PS/2 keyboard)', category: 'Input', keys: [KEYBOARD_TOGGLE], run: () => useKeyboardStore().toggle() },
    { id: 'trace.export', title: 'Export Trace (Chrome JSON)', category: 'Trace', keys: ['Ctrl+Alt+X'], run: async () => {
      if (session.client) await trace.exportChrome(session.client, (name, json) => download(name, json));
    } },
  ];
  // Every registered view without a command of its own above gets "Show <title>" in the palette.
  const named = new Set(['dmesg', 'problems', 'trace', 'timeline']);
  for (const v of VIEWS) {
    if (!named.has(v.id)) commands_.push({ id: `view.show.${v.id}`, title: `Show ${v.title}`, category: 'View', run: () => layout.showView(v.area, v.id) });
  }
  return commands_;
}

/** Wires the app: commands, the global key handler, Electron menu commands, Oops reports to Problems. */
export function startWorkbench(w: Window & WorkbenchWindow = window): () => void {
  const commands = useCommandsStore();
  const editor = useEditorStore();
  const dmesg = useDmesgStore();
  const offs: Array<() => void> = [commands.register(workbenchCommands())];
  const keyboard = useKeyboardStore();
  // In keyboard mode every key but the toggle goes to the guest's keyboard, not to the workbench's shortcuts.
  const onKey = (ev: KeyboardEvent) => {
    if (keyboard.active && shortcutOf(ev) !== KEYBOARD_TOGGLE) { keyboard.onKey(ev); return; }
    if (commands.handleKey(ev)) { ev.preventDefault(); ev.stopPropagation(); }
  };
  const onKeyUp = (ev: KeyboardEvent) => keyboard.onKey(ev);
  w.addEventListener('keydown', onKey, true);
  w.addEventListener('keyup', onKeyUp, true);
  offs.push(() => { w.removeEventListener('keydown', onKey, true); w.removeEventListener('keyup', onKeyUp, true); keyboard.setActive(false); });
  offs.push(dmesg.onReport((lines) => editor.noteKernelReport(lines)));
  const menu = w.workbench?.onMenuCommand((cmd) => {
    if (cmd.type === 'machine.reboot') void commands.run('machine.reboot');
    else if (cmd.type === 'help.welcome') void commands.run('help.welcome');
    else if (cmd.type === 'workspace.opened' && editor.host) void editor.init(editor.host);
  });
  if (menu) offs.push(menu);
  offs.push(connectLabs());
  return () => offs.forEach((o) => o());
}

/** The lab panel talks to the host's lab engine once connected; starter files go into the workspace when missing. */
function connectLabs(): () => void {
  const labs = useLabsStore();
  const session = useSessionStore();
  const editor = useEditorStore();
  labs.placeFiles = async (files) => {
    const h = editor.host;
    if (!h) return;
    const have = new Set((await h.list()).map((e) => e.path));
    for (const [path, text] of Object.entries(files)) if (!have.has(path)) await h.write(path, text);
    await editor.refresh();
  };
  labs.showDocument = () => editor.openPage(LAB_PAGE);
  // An answer file the starter did not ship is created empty, so the learner can type the answer at once.
  labs.openInEditor = async (path) => {
    const h = editor.host;
    if (!h) return;
    if (!editor.entries.some((e) => e.path === path)) { await h.write(path, ''); await editor.refresh(); }
    await editor.openFile(path);
  };
  return watch(() => [session.connection, session.client] as const, ([state, client]) => {
    // After the shell's prompt (startup.ts): the host reads every lab to list them, a few hundred ms ahead of tty.open.
    if (state === 'online' && client) void afterShell().then(() => { if (session.client === client) void labs.use(protocolEngine(client, () => editor.host)); });
  }, { immediate: true });
}
