// Resolves `#include "../x.h"` for clang's in-memory file system, which cannot walk "..": rewrites it to the normalized path.

/** Normalizes "a/b/../c" to "a/c"; keeps a leading "/". Returns undefined when ".." climbs above the root. */
export function normalizePath(path: string): string | undefined {
  const abs = path.startsWith('/');
  const out: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(p);
  }
  return (abs ? '/' : '') + out.join('/');
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/**
 * Rewrites quoted includes containing ".." in `text` (the file at `path`) to the root-relative normalized path when
 * `exists` knows it. Line and column positions of everything else are unchanged.
 */
export function rewriteDotDotIncludes(path: string, text: string, exists: (p: string) => boolean): string {
  return text.replace(/^([ \t]*#[ \t]*include[ \t]*)"([^"\n]*\.\.[^"\n]*)"/gm, (all, head: string, inc: string) => {
    const dir = dirOf(path);
    const n = normalizePath(dir ? `${dir}/${inc}` : inc);
    if (n === undefined) return all;
    const rooted = n.startsWith('/') ? n : `/${n}`;
    return exists(rooted) ? `${head}"${rooted}"` : all;
  });
}
