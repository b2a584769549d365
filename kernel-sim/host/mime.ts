// Content types of the built renderer's files, for every host that serves them (web mode's HTTP server, Electron's app:// scheme).
import path from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

/** The Content-Type for a file name; unknown extensions are opaque bytes (with nosniff, never run as script). */
export function mimeType(file: string): string {
  return Object.hasOwn(MIME, path.extname(file).toLowerCase()) ? MIME[path.extname(file).toLowerCase()]! : 'application/octet-stream';
}
