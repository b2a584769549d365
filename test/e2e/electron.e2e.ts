// The desktop app without its binary: the built Electron main bundle (dist/main/main.cjs) runs in Node against a stand-in for the Electron APIs it uses (test/e2e/electron/): its window is headless Chromium running the real preload, the kernel boots in the utility process (a forked child with process.parentPort), the workspace travels over IPC; a driver builds and loads; the utility process is killed and comes back with the editor's text intact.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import Module, { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { ROOT, launchChromium, terminalText, waitForTerminal } from './web-mode.ts';
import { scratchDirs } from '../fixtures/scratch.ts';
import { seedWorkspace } from '../../kernel-sim/host/workspace-seed.ts';

interface FakeWindow { options: { webPreferences: Record<string, unknown> }; page: Page | null }
interface FakeChild { pid: number; kill(): boolean }
interface Harness {
  browser: Browser; userData: string; pageBridgeSource: string; viewport: { width: number; height: number };
  windows: FakeWindow[]; children: FakeChild[]; log: string[]; errors: string[]; menu: { template: Array<{ label?: string; submenu?: Array<{ label?: string; role?: string }> }> } | null;
  server?: Promise<{ server: { close(): void } }>;
}

const tmp = scratchDirs();
const require = createRequire(import.meta.url);
let H: Harness;
let page: Page;
let workspace: string;
const restoreResolve = (Module as unknown as { _resolveFilename: (...a: unknown[]) => string })._resolveFilename;

beforeAll(async () => {
  const { ensureBuilt } = await import(pathToFileURL(join(ROOT, 'scripts/build.js')).href) as { ensureBuilt: (o: { quiet: boolean }) => Promise<boolean> };
  await ensureBuilt({ quiet: true });
  const userData = tmp.make('kwb-electron-user-');
  workspace = join(tmp.make('kwb-electron-ws-'), 'workspace');
  seedWorkspace(workspace);
  writeFileSync(join(userData, 'settings.json'), JSON.stringify({ workspace }));
  const { pageBridgeSource } = require('./electron/page-bridge.cjs') as { pageBridgeSource: (s: string) => string };
  H = {
    browser: await launchChromium(), userData, viewport: { width: 1440, height: 900 },
    pageBridgeSource: pageBridgeSource(readFileSync(join(ROOT, 'dist/main/preload.cjs'), 'utf8')),
  } as Harness;
  (globalThis as unknown as { __kwbElectronHarness: Harness }).__kwbElectronHarness = H;
  // require('electron') in the main bundle gets the stand-in.
  const fake = join(import.meta.dirname, 'electron', 'fake-electron.cjs');
  (Module as unknown as { _resolveFilename: (...a: unknown[]) => string })._resolveFilename = function (request: unknown, ...rest: unknown[]) {
    return request === 'electron' ? fake : restoreResolve.call(this, request, ...rest);
  };
  require(join(ROOT, 'dist/main/main.cjs'));
  page = await vi.waitFor(() => { const p = H.windows[0]?.page; if (!p) throw new Error('no window yet'); return p; }, { timeout: 60_000, interval: 100 });
  await page.waitForFunction(() => location.protocol === 'http:' && document.readyState === 'complete', undefined, { timeout: 60_000 });
}, 180_000);

afterAll(async () => {
  for (const c of H?.children ?? []) c.kill();
  await H?.browser.close();
  (await H?.server)?.server.close();
  (Module as unknown as { _resolveFilename: unknown })._resolveFilename = restoreResolve;
  tmp.cleanup();
});

const editorText = () => page.evaluate(() => (document.querySelector('.monaco-editor .view-lines')?.textContent ?? '').replace(/\u00a0/g, ' '));

describe('the Electron main bundle, run against a stand-in for Electron', () => {
  it('opens one hardened window on app:// with the real preload: window.workbench and nothing of Node in the page', async () => {
    const prefs = H.windows[0]!.options.webPreferences;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(String(prefs.preload)).toMatch(/dist[\\/]main[\\/]preload\.cjs$/);
    expect(H.log).toContain('app.enableSandbox');
    expect(H.windows).toHaveLength(1);
    const shape = await page.evaluate(() => ({
      bridge: typeof (window as unknown as { workbench?: unknown }).workbench,
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(shape).toEqual({ bridge: 'object', require: 'undefined', process: 'undefined' });
    const menus = (H.menu?.template ?? []).map((m) => (m.label ?? '').replace('&', ''));
    expect(menus).toEqual(expect.arrayContaining(['File', 'Machine', 'View', 'Help']));
    expect(H.errors).toEqual([]);
  });

  it('boots the kernel in the utility process and shows its shell in the terminal', async () => {
    await waitForTerminal(page, /root@\S+:\S*# ?$/m, 120_000);
    expect(H.children).toHaveLength(1);
  });

  it('reads the workspace through IPC: the editor shows the driver from the workspace folder', async () => {
    await expect.poll(editorText, { timeout: 60_000 }).toContain('SPDX');
  });

  it('builds and loads the driver in the utility process and shows the kernel\'s verdict', async () => {
    await page.getByTestId('build-load').click();
    await expect.poll(() => page.getByTestId('build-message').textContent(), { timeout: 150_000 }).toMatch(/^(?!.*…$)/);
    // The kernel's verdict as data (module.load's result strip): the probe bound the edu device.
    await page.getByTestId('load-result').waitFor();
    expect((await page.getByTestId('load-probe').first().textContent())!.trim()).toMatch(/^probe [0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7] → edu: bound$/);
    await page.getByTestId('tab-terminal').click().catch(() => undefined);
  });

  it('restarts a killed utility process and reconnects the window; the editor keeps its text and saves it through IPC', async () => {
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('// kept across a kernel host crash\n');
    await expect.poll(editorText, { timeout: 10_000 }).toContain('kept across a kernel host crash');
    const first = H.children[0]!;
    first.kill();
    await expect.poll(() => H.children.length, { timeout: 30_000 }).toBe(2);
    expect(H.children[1]!.pid).not.toBe(first.pid);
    // The window is told, a fresh kernel boots and the window is connected to it: a command runs in the terminal.
    await waitForTerminal(page, /kernel-sim restarted \(kernel-sim host exited unexpectedly/, 60_000);
    await vi.waitFor(async () => {
      const screen = await terminalText(page);
      // The notice follows the old prompt; the new machine's prompt comes after it (the notice may have scrolled away).
      const last = screen.split('\n').filter((l) => l.trim()).at(-1) ?? '';
      if (!/^root@\S+:\S*# ?$/.test(last)) throw new Error(`no prompt after the restart:\n${screen}`);
    }, { timeout: 120_000, interval: 250 });
    await page.getByTestId('terminal').click();
    await page.keyboard.type('echo host-$((40+2))\n');
    await waitForTerminal(page, /^host-42$/m, 60_000);
    expect(await editorText()).toContain('kept across a kernel host crash');
    await expect.poll(() => readFileSync(join(workspace, 'edu/edu.c'), 'utf8'), { timeout: 15_000 }).toContain('kept across a kernel host crash');
  }, 300_000);
});
