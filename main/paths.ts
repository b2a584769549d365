// Where the built app's pieces live, in a checkout (dist/) and when packaged (app.asar, app.asar.unpacked, resources/).
import path from 'node:path';

export interface AppPaths {
  /** dist/renderer: what app:// serves. */
  renderer: string;
  /** dist/main/preload.cjs */
  preload: string;
  /** dist/host/utility.js, outside app.asar when packaged (asarUnpack). */
  utility: string;
  /** resources/ (include/, machines/): extraResources when packaged. */
  resources: string;
  /** resources/icons/icon.png */
  icon: string;
}

/**
 * @param mainDir the folder of the running main bundle (dist/main)
 * @param resourcesPath Electron's process.resourcesPath (used when packaged)
 */
export function appPaths(mainDir: string, isPackaged: boolean, resourcesPath: string): AppPaths {
  const dist = path.resolve(mainDir, '..');
  const appRoot = path.resolve(dist, '..');
  const unpacked = (p: string) => p.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
  return {
    renderer: path.join(dist, 'renderer'),
    preload: path.join(mainDir, 'preload.cjs'),
    utility: isPackaged ? unpacked(path.join(dist, 'host', 'utility.js')) : path.join(dist, 'host', 'utility.js'),
    resources: isPackaged ? resourcesPath : path.join(appRoot, 'resources'),
    icon: path.join(appRoot, 'resources', 'icons', 'icon.png'),
  };
}
