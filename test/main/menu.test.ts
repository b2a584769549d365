// The application menu as data: Reload and the developer tools only in an unpackaged (development) build.
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuActions } from '../../main/menu.ts';

const actions: MenuActions = { openWorkspaceFolder() {}, rebootMachine() {}, restartKernelHost() {}, about() {}, showWelcome() {} };
const roles = (development: boolean, platform = 'linux'): string[] =>
  buildMenuTemplate(actions, platform, development).flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : [])).map((i) => String(i.role ?? ''));

describe('application menu', () => {
  it('offers Reload and the developer tools in a development build', () => {
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools', 'zoomIn']));
  });

  it('ships neither in a packaged build, on any platform; zoom and full screen stay', () => {
    for (const platform of ['linux', 'darwin', 'win32']) {
      const r = roles(false, platform);
      expect(r).not.toContain('reload');
      expect(r).not.toContain('forceReload');
      expect(r).not.toContain('toggleDevTools');
      expect(r).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
    }
  });
});
