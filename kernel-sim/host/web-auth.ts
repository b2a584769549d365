// Web mode's per-launch secret (as Jupyter's): a random token in the opening URL, exchanged for an HttpOnly cookie, and a 0600 file for the CLI.
//
// The server binds to 127.0.0.1, but any local user or process can reach that
// port; Origin and Host checks stop web pages, not `curl`. So every HTTP
// request and WebSocket upgrade must show the token: as the `kwb_token`
// cookie (set when the browser first opens `/?token=...`), as
// `Authorization: Bearer TOKEN`, or as `?token=` on the request itself.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'kwb_token';

/** 32 random bytes, URL-safe: the secret of one server launch. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token a request shows, if any: cookie, bearer header or ?token= query. */
export function presentedTokens(req: IncomingMessage, url: URL): string[] {
  const out: string[] = [];
  const q = url.searchParams.get('token');
  if (q) out.push(q);
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) out.push(auth.slice(7).trim());
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === TOKEN_COOKIE) out.push(part.slice(eq + 1).trim());
  }
  return out;
}

/** True when the request carries the server's token in one of its accepted forms. */
export function authorized(req: IncomingMessage, url: URL, token: string): boolean {
  return presentedTokens(req, url).some((t) => same(t, token));
}

/** The cookie that stands for the token from then on: not readable by scripts, never sent by other sites. */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

/** Where the token file goes: $XDG_RUNTIME_DIR/kwb (already private to the user), else a 0700 folder in the temp dir. */
export function defaultTokenFile(env: NodeJS.ProcessEnv = process.env): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  const dir = env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'kwb') : join(tmpdir(), `kwb-${uid}`);
  return join(dir, 'web-token');
}

export interface TokenFileContents { url: string; token: string; pid: number }

/** Writes the token file (folder 0700, file 0600) so `curl -H "Authorization: Bearer $(...)"` and the CLI can reach the server. */
export function writeTokenFile(file: string, contents: TokenFileContents): void {
  const dir = join(file, '..');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  rmSync(file, { force: true });
  writeFileSync(file, JSON.stringify(contents) + '\n', { mode: 0o600, flag: 'wx' });
}

/** Removes the token file if it still belongs to this server (a later launch may have replaced it). */
export function removeTokenFile(file: string, token: string): void {
  try {
    const held = JSON.parse(readFileSync(file, 'utf8')) as Partial<TokenFileContents>;
    if (held.token === token) rmSync(file, { force: true });
  } catch { /* absent or unreadable: nothing of ours to remove */ }
}
