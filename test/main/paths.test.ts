// Where main finds the renderer, preload, utility entry and resources, in a checkout and when packaged.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { appPaths } from '../../main/paths.ts';

describe('appPaths', () => {
  it('in a checkout: everything under dist/, resources/ beside it', () => {
    const root = path.resolve('/src/kwb');
    const p = appPaths(path.join(root, 'dist', 'main'), false, '/ignored');
    expect(p).toEqual({
      renderer: path.join(root, 'dist', 'renderer'),
      preload: path.join(root, 'dist', 'main', 'preload.cjs'),
      utility: path.join(root, 'dist', 'host', 'utility.js'),
      resources: path.join(root, 'resources'),
      icon: path.join(root, 'resources', 'icons', 'icon.png'),
    });
  });

  it('packaged: the utility entry from app.asar.unpacked, resources from process.resourcesPath', () => {
    const res = path.resolve('/opt/Kernel Workbench/resources');
    const p = appPaths(path.join(res, 'app.asar', 'dist', 'main'), true, res);
    expect(p.utility).toBe(path.join(res, 'app.asar.unpacked', 'dist', 'host', 'utility.js'));
    expect(p.renderer).toBe(path.join(res, 'app.asar', 'dist', 'renderer'));
    expect(p.preload).toBe(path.join(res, 'app.asar', 'dist', 'main', 'preload.cjs'));
    expect(p.resources).toBe(res);
  });
});
