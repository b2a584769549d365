// Finds the shipped resources (boot configs under resources/machines) from any host: a checkout, dist/ bundles or a packaged app.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** resources/ of this installation: $KWB_RESOURCES, Electron's resourcesPath, or found walking up from this file. */
export function resources_dir(): string {
  const env = process.env.KWB_RESOURCES;
  if (env && existsSync(env)) return env;
  const rp = (process as { resourcesPath?: string }).resourcesPath;
  if (rp && existsSync(join(rp, 'resources', 'machines'))) return join(rp, 'resources');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'resources', 'machines'))) return join(dir, 'resources');
    const up = resolve(dir, '..');
    if (up === dir) break;
    dir = up;
  }
  throw new Error('cannot find the resources/ folder of Kernel Workbench (set KWB_RESOURCES)');
}

/** A boot config by file path, or by name among resources/machines (default: "default"). */
export function load_machine(nameOrPath = 'default'): { dts: string; dtsName: string } {
  const path = existsSync(nameOrPath) ? nameOrPath : join(resources_dir(), 'machines', nameOrPath.endsWith('.dts') ? nameOrPath : `${nameOrPath}.dts`);
  return { dts: readFileSync(path, 'utf8'), dtsName: path.split(/[\\/]/).pop() ?? path };
}
