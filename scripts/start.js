// `npm start`: builds if needed, then runs the Electron app if its binary is installed, else web mode in a Chromium/Chrome app window, else prints the URL.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, ROOT } from './build.js';
import { parsePort, serve } from './serve.js';

/**
 * The installed Electron binary, or null. Reads node_modules/electron/path.txt
 * instead of `require('electron')`, which would try to download a missing binary.
 */
export function findElectron(env = process.env) {
  const pkg = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const rel = readFileSync(pathFile, 'utf8').trim();
  const bin = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, rel || 'electron') : join(pkg, 'dist', rel);
  return existsSync(bin) ? bin : null;
}

/** Chromium-family browsers to open the web mode in, most specific first. */
export function browserCandidates(platform = process.platform, env = process.env) {
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      '/Applications/Brave Browser.app/Contents/MacOS/Brave Browser',
    ];
  }
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter(Boolean);
    return roots.flatMap((r) => [
      join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(r, 'Chromium', 'Application', 'chrome.exe'),
      join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge', '/usr/bin/brave-browser'];
}

export function findBrowser(platform = process.platform, env = process.env) {
  if (env.KWB_BROWSER) return existsSync(env.KWB_BROWSER) ? env.KWB_BROWSER : null;
  return browserCandidates(platform, env).find((p) => existsSync(p)) ?? null;
}

/** Linux without X11 or Wayland: nothing can show a window. */
export function isHeadless(platform = process.platform, env = process.env) {
  return platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY;
}

function launchElectron(bin) {
  console.log(`Starting the Kernel Workbench desktop app (${bin})`);
  // `electron <root>` runs package.json's main, dist/main/main.cjs, under the app's own name.
  const child = spawn(bin, [ROOT], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => child.kill(sig));
}

async function startWeb(port, { open }) {
  const web = await serve({ port });
  const browser = open ? findBrowser() : null;
  if (!open) return;
  if (isHeadless()) {
    console.log('No display here (neither DISPLAY nor WAYLAND_DISPLAY is set): open the URL above in a browser. Ctrl-C stops the server.');
    return;
  }
  if (!browser) {
    console.log('No Chromium or Chrome found: open the URL above in a Chromium-based browser. Ctrl-C stops the server.');
    return;
  }
  const profile = join(tmpdir(), 'kernel-workbench-browser-profile');
  const child = spawn(browser, [
    `--app=${web.openUrl}`, `--user-data-dir=${profile}`, '--no-first-run', '--no-default-browser-check', '--window-size=1440,900',
  ], { stdio: 'ignore' });
  console.log(`Opened ${web.url} in ${browser} (app mode, signed in with the launch's token).`);
  child.on('error', (err) => console.log(`Could not start ${browser} (${err.message}): open the URL above yourself.`));
  child.on('exit', (code) => {
    if (code === 0) {
      console.log('The workbench window was closed; stopping.');
      void web.close().then(() => process.exit(0));
    } else {
      console.log(`${browser} exited with code ${code}; still serving at ${web.url} (Ctrl-C stops).`);
    }
  });
}

async function main(argv) {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log([
      'Usage: npm start [-- --web] [--no-open] [--port N]',
      '',
      'Builds if needed, then runs the Electron app when its binary is installed;',
      'otherwise serves web mode on 127.0.0.1 and opens it in Chromium/Chrome (--app), or prints the URL.',
      '  --web       web mode even if Electron is installed',
      '  --no-open   web mode without opening a browser',
      '  --port N    web-mode port (a free one by default)',
      'Environment: KWB_BROWSER=/path/to/chrome picks the browser.',
    ].join('\n'));
    return;
  }
  const port = parsePort(argv);
  const forceWeb = argv.includes('--web') || argv.includes('--no-open');
  await ensureBuilt();
  const electron = forceWeb ? null : findElectron();
  const mainBundle = join(ROOT, 'dist/main/main.cjs');
  if (electron && !isHeadless() && existsSync(mainBundle)) return launchElectron(electron);
  if (electron && !existsSync(mainBundle)) console.log('Electron is installed but dist/main/main.cjs was not built; using web mode.');
  if (electron && isHeadless()) console.log('Electron is installed but there is no display; using web mode.');
  await startWeb(port, { open: !argv.includes('--no-open') });
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(`start: ${err?.message ?? err}`);
    process.exit(1);
  });
}
