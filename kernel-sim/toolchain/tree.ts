// Helpers for the in-memory file trees clang runs over: put, get, merge, walk.
import type { Tree } from './clang.ts';

function parts(path: string): string[] {
  return path.split('/').filter((p) => p !== '' && p !== '.');
}

/** The folder that holds `path` (created, like mkdir -p, where missing or shadowed by a file) and the last name. */
function parentOf(tree: Tree, path: string): [Tree, string] {
  const ps = parts(path);
  let dir = tree;
  for (const p of ps.slice(0, -1)) {
    const next = dir[p];
    if (next === undefined || typeof next === 'string' || next instanceof Uint8Array) dir[p] = {};
    dir = dir[p] as Tree;
  }
  return [dir, ps[ps.length - 1]!];
}

export function putFile(tree: Tree, path: string, content: string | Uint8Array): void {
  const [dir, name] = parentOf(tree, path);
  dir[name] = content;
}

export function getFile(tree: Tree, path: string): string | Uint8Array | undefined {
  let cur: Tree | string | Uint8Array | undefined = tree;
  for (const p of parts(path)) {
    if (cur === undefined || typeof cur === 'string' || cur instanceof Uint8Array) return undefined;
    cur = cur[p];
  }
  return typeof cur === 'string' || cur instanceof Uint8Array ? cur : undefined;
}

/** The folder at `path`, or undefined. */
export function getDir(tree: Tree, path: string): Tree | undefined {
  let cur: Tree | string | Uint8Array | undefined = tree;
  for (const p of parts(path)) {
    if (cur === undefined || typeof cur === 'string' || cur instanceof Uint8Array) return undefined;
    cur = cur[p];
  }
  return cur === undefined || typeof cur === 'string' || cur instanceof Uint8Array ? undefined : cur;
}

/** Mounts `sub` at `path` inside `tree` (shares the subtree, no copy). */
export function mount(tree: Tree, path: string, sub: Tree): void {
  const [dir, name] = parentOf(tree, path);
  dir[name] = sub;
}

/** Every file under `tree` as [path, content], paths relative to the tree root. */
export function* walk(tree: Tree, prefix = ''): Generator<[string, string | Uint8Array]> {
  for (const [name, v] of Object.entries(tree)) {
    const p = prefix ? `${prefix}/${name}` : name;
    if (typeof v === 'string' || v instanceof Uint8Array) yield [p, v];
    else yield* walk(v, p);
  }
}

export function asBytes(v: string | Uint8Array): Uint8Array {
  return typeof v === 'string' ? new TextEncoder().encode(v) : v;
}
