// The cc1 command lines of `clang -###` kept on disk next to the build server's socket, so a new server skips the driver run.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Cc1Store } from '../toolchain/clang.ts';

/** The installed @yowasp/clang, by its bundle's size and time: another clang means other cc1 command lines. */
function clangStamp(): string {
  const st = statSync(createRequire(import.meta.url).resolve('@yowasp/clang'));
  return `${st.size}-${Math.trunc(st.mtimeMs)}`;
}

/** A store in `dir`; every failure to read or write it only costs the driver run it would have saved. */
export function fileCc1Store(dir: string): Cc1Store {
  let file: string;
  let entries: Record<string, string[]> = {};
  try {
    file = join(dir, `cc1-${clangStamp()}.json`);
    entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string[]>;
  } catch { /* none yet, or clang not found: start empty */ }
  return {
    get: (flags) => entries[JSON.stringify(flags)],
    set(flags, cc1) {
      entries[JSON.stringify(flags)] = cc1;
      if (!file) return;
      try {
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(entries), { mode: 0o600 });
        renameSync(tmp, file);
      } catch { /* read-only or full: keep it in memory */ }
    },
  };
}
