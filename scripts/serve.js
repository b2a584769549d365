// `npm run serve [-- --port N]`: builds dist/ if missing or stale, then serves the workbench in web mode on 127.0.0.1.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, ROOT } from './build.js';

/** Parses `--port N` / `--port=N` (0 or absent: a free port). */
export function parsePort(argv) {
  const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  if (i < 0) return 0;
  const raw = argv[i].includes('=') ? argv[i].slice('--port='.length) : argv[i + 1];
  const port = Number(raw);
  if (raw === undefined || raw === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port needs a number from 0 to 65535 (got ${raw ?? 'nothing'})`);
  }
  return port;
}

/** Starts the built web server; resolves to it once it listens. Its address carries the launch's access token. */
export async function serve({ port = 0, argv = [] } = {}) {
  await ensureBuilt();
  const { startWebServer, parseWorkspace, prepareWorkspace, defaultTokenFile } = await import(pathToFileURL(join(ROOT, 'dist/host/web-server.js')).href);
  const workspace = prepareWorkspace(parseWorkspace(argv));
  // The token file lets the CLI and curl in (Authorization: Bearer TOKEN); the browser gets the token in the address.
  const tokenFile = defaultTokenFile();
  const web = await startWebServer({ port, workspace, tokenFile });
  console.log(`Kernel Workbench is running at ${web.openUrl}`);
  console.log(`Workspace: ${workspace}`);
  console.log(`Access token (also in ${tokenFile}): requests without it get 401.`);
  const stop = () => { void web.close().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return web;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log('Usage: npm run serve [-- --port N] [--workspace DIR]\n\nBuilds if needed, then serves Kernel Workbench on http://127.0.0.1:N/?token=SECRET (a free port by default;\nthe token changes at every launch and is also written to a 0600 file for the CLI) with DIR as the workspace (default: a per-user folder, seeded with a starter driver).');
  } else {
    try {
      await serve({ port: parsePort(argv), argv });
    } catch (err) {
      console.error(`serve: ${err?.message ?? err}`);
      process.exit(1);
    }
  }
}
