// The privileged app:// scheme that serves the built renderer from disk: local files only, path traversal refused.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { mimeType } from '../kernel-sim/host/mime.ts';
import { isInside } from '../kernel-sim/host/workspace.ts';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security.ts';

export { isInside, mimeType };

/** For protocol.registerSchemesAsPrivileged, before app ready: a standard, secure origin for the renderer. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
} as const;

/**
 * Maps an app:// URL to a file under `root`, or null if the URL is not ours or
 * its path could leave root (encoded '..', backslashes, NUL, drive letters).
 * Symlinks are checked separately when the file is opened.
 */
export function resolveAppPath(rawUrl: string, root: string): string | null {
  let url: URL;
  try { url = new URL(rawUrl); } catch { return null; }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) return null;
  let pathname: string;
  try { pathname = decodeURIComponent(url.pathname); } catch { return null; }
  if (pathname === '' || pathname === '/') pathname = '/index.html';
  if (!pathname.startsWith('/') || pathname.includes('\0') || pathname.includes('\\')) return null;
  const segments = pathname.slice(1).split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes(':'))) return null;
  const resolved = path.resolve(root, ...segments);
  return isInside(root, resolved) ? resolved : null;
}

const baseHeaders = (): Record<string, string> => ({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
});

const fail = (status: number, text: string): Response =>
  new Response(text, { status, headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });

/** The protocol.handle handler: serves GET/HEAD for files under `root` (a real path inside it, after symlinks). */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  const rootReal = fs.realpath(root).catch(() => path.resolve(root));
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return fail(405, 'method not allowed');
    const base = await rootReal;
    const file = resolveAppPath(request.url, base);
    if (!file) return fail(403, 'forbidden');
    let real: string;
    try { real = await fs.realpath(file); } catch { return fail(404, 'not found'); }
    if (!isInside(base, real)) return fail(403, 'forbidden');
    try {
      const stat = await fs.stat(real);
      if (!stat.isFile()) return fail(404, 'not found');
      const body = request.method === 'HEAD' ? null : new Uint8Array(await fs.readFile(real));
      return new Response(body, { status: 200, headers: { ...baseHeaders(), 'Content-Type': mimeType(real), 'Content-Length': String(stat.size) } });
    } catch {
      return fail(404, 'not found');
    }
  };
}
