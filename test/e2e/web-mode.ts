// E2E helpers: start the built web mode with `scripts/serve.js`, launch the system Chromium, and read the xterm screen.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { scratchDirs } from '../fixtures/scratch.ts';

/** The fresh folders startWebMode makes go when the test file ends (a restarted server may reuse them before). */
const tmp = scratchDirs();
afterAll(tmp.cleanup);

export const ROOT = join(import.meta.dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export interface WebMode {
  /** The address to open: the server's base address with the launch's token. */
  url: string;
  base: string;
  token: string;
  workspace: string;
  configDir: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Runs `node scripts/serve.js --port 0 --workspace DIR` (building dist/ if stale) and waits for its banner.
 * DIR is a fresh folder (seeded with the starter driver by the server) unless one is given, and lab progress goes
 * to a fresh config folder unless one is given (so does the token file): tests never touch the user's workspace or settings.
 */
export function startWebMode(workspace = join(tmp.make('kwb-e2e-'), 'workspace'), configDir = tmp.make('kwb-e2e-config-')): Promise<WebMode> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'serve.js'), '--port', '0', '--workspace', workspace], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KWB_CONFIG_DIR: configDir, XDG_RUNTIME_DIR: configDir } });
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      // The banner's address carries the launch's access token; opening it swaps the token for a cookie.
      const m = /Kernel Workbench is running at (http:\/\/127\.0\.0\.1:\d+\/)\?token=([\w-]+)/.exec(out);
      if (m) {
        resolve({
          url: `${m[1]!}?token=${m[2]!}`,
          base: m[1]!,
          token: m[2]!,
          workspace,
          configDir,
          process: child,
          output: () => out,
          stop: () => new Promise<void>((done) => { if (child.exitCode !== null) return done(); child.once('exit', () => done()); child.kill('SIGTERM'); }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`scripts/serve.js exited with code ${code} before serving:\n${out}`)));
  });
}

/** Launches the system Chromium; fails (never skips) with install instructions when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is required for the end-to-end tests but was not found at ${CHROMIUM}.\n` +
      'Install it with: sudo apt-get install -y chromium   (Debian/Ubuntu)\n' +
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.');
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** The terminal's visible rows as text (xterm's DOM renderer), trailing blanks removed; `testId` picks another terminal (terminal-2 ...). */
export async function terminalText(page: Page, testId = 'terminal'): Promise<string> {
  return page.evaluate((id) => Array.from(document.querySelectorAll(`[data-testid="${id}"] .xterm-rows > div`))
    .map((row) => (row.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd())
    .join('\n'), testId);
}

/** Waits until the terminal shows text matching `pattern`; on failure the error shows the screen. */
export async function waitForTerminal(page: Page, pattern: RegExp, timeout = 60_000, testId = 'terminal'): Promise<string> {
  try {
    await page.waitForFunction(([source, flags, id]) => {
      const text = Array.from(document.querySelectorAll(`[data-testid="${id}"] .xterm-rows > div`))
        .map((row) => (row.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()).join('\n');
      return new RegExp(source!, flags).test(text);
    }, [pattern.source, pattern.flags, testId], { timeout, polling: 100 });
  } catch (err) {
    throw new Error(`terminal ${testId} never showed ${pattern}; it shows:\n${await terminalText(page, testId)}\n(${(err as Error).message})`);
  }
  return terminalText(page, testId);
}

/** A workbench open in Chromium on a fresh web-mode server, with page errors collected; `close` ends both. */
export interface OpenWorkbench { web: WebMode; browser: Browser; page: Page; problems: string[]; close(): Promise<void> }

/** Starts web mode and Chromium, opens the workbench at `viewport` and makes test-results/ for screenshots; page errors go to `problems`. */
export async function openWorkbench(viewport: { width: number; height: number }, problems: string[] = []): Promise<OpenWorkbench> {
  const browser = await launchChromium();
  const web = await startWebMode();
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  await page.goto(web.url);
  return { web, browser, page, problems, close: async () => { await browser.close(); await web.stop(); } };
}

/** The console shell's prompt on the terminal. */
export const PROMPT = /^root@\S+:\S*# ?$/m;

/** What useWorkbench hands a test file: the page (usable once its beforeAll ran), the page's errors, and the server. */
export interface UsedWorkbench { page: Page; problems: string[]; readonly web: WebMode }

/**
 * One workbench for a test file: opened at `viewport` in its beforeAll (and, unless `prompt` is false, waited on until
 * the terminal shows the shell's prompt), closed in its afterAll. `page` stands for the open workbench's page, so a
 * file can take it at module level: `const { page, problems } = useWorkbench()`.
 */
export function useWorkbench(viewport = { width: 1280, height: 800 }, opts: { prompt?: RegExp | false; timeout?: number } = {}): UsedWorkbench {
  let wb: OpenWorkbench | undefined;
  const problems: string[] = [];
  const open = (): OpenWorkbench => {
    if (!wb) throw new Error('the workbench is not open: useWorkbench opens it in beforeAll');
    return wb;
  };
  beforeAll(async () => {
    wb = await openWorkbench(viewport, problems);
    if (opts.prompt !== false) await waitForTerminal(wb.page, opts.prompt ?? PROMPT, opts.timeout ?? 60_000);
  }, (opts.timeout ?? 60_000) + 60_000);
  afterAll(async () => { await wb?.close(); });
  const page = new Proxy({} as Page, {
    get: (_, key) => {
      const p = open().page;
      const v = Reflect.get(p, key, p) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(p) : v;
    },
  });
  return { page, problems, get web() { return open().web; } };
}
