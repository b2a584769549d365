// Where a web-mode workspace lives when none is given, and the starter files a new one gets (the edu driver, the default boot config).
import { existsSync, mkdirSync, readdirSync, copyFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { resources_dir } from './machines.ts';

/** The per-user default workspace folder. */
export function defaultWorkspaceDir(): string {
  if (process.env.KWB_WORKSPACE) return process.env.KWB_WORKSPACE;
  if (process.platform === 'win32' && process.env.APPDATA) return path.join(process.env.APPDATA, 'Kernel Workbench', 'workspace');
  const data = process.env.XDG_DATA_HOME || path.join(homedir(), '.local', 'share');
  return path.join(data, 'kernel-workbench', 'workspace');
}

/** Fills an empty (or new) folder with the starter files: the edu driver and the default boot config. */
export function seedWorkspace(dir: string): boolean {
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length > 0) return false;
  const res = resources_dir();
  const copyTree = (from: string, to: string) => {
    mkdirSync(to, { recursive: true });
    for (const n of readdirSync(from)) {
      const f = path.join(from, n);
      if (statSync(f).isDirectory()) copyTree(f, path.join(to, n));
      else copyFileSync(f, path.join(to, n));
    }
  };
  const starter = path.join(res, 'workspace');
  if (existsSync(starter)) copyTree(starter, dir);
  mkdirSync(path.join(dir, 'boot'), { recursive: true });
  copyFileSync(path.join(res, 'machines', 'default.dts'), path.join(dir, 'boot', 'default.dts'));
  return true;
}
