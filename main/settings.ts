// What main remembers between sessions (the workspace folder), in a small JSON file under the user-data folder.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { withFileLock, writeFileAtomic } from '../kernel-sim/host/atomic-file.ts';

export interface Settings {
  /** Absolute path of the last workspace folder. */
  workspace?: string;
}

/** Reads settings; a missing or malformed file gives empty settings, never an exception. */
export async function readSettings(file: string): Promise<Settings> {
  let data: unknown;
  try { data = JSON.parse(await fs.readFile(file, 'utf8')); } catch { return {}; }
  const out: Settings = {};
  if (data && typeof data === 'object' && typeof (data as Settings).workspace === 'string' && path.isAbsolute((data as Settings).workspace!)) {
    out.workspace = (data as Settings).workspace;
  }
  return out;
}

/** Writes settings atomically and durably, one writer at a time (the same service as workspace files). */
export async function writeSettings(file: string, settings: Settings): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await withFileLock(file, () => writeFileAtomic(file, `${JSON.stringify(settings, null, 2)}\n`));
}
