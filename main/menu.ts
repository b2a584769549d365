// The application menu as data: File, Edit, Machine, View, Help (and the macOS app menu); actions are injected.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openWorkspaceFolder(): void;
  rebootMachine(): void;
  restartKernelHost(): void;
  about(): void;
  /** Shows the Welcome page in the editor area. */
  showWelcome(): void;
}

/**
 * @param development an unpackaged build (`!app.isPackaged`): only then does View offer Reload and the developer tools,
 * which a learner's packaged app must not (a reload drops the page's state; devtools open the renderer to anything).
 */
export function buildMenuTemplate(actions: MenuActions, platform: string, development: boolean, appName = 'Kernel Workbench'): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: appName,
      submenu: [
        { label: `About ${appName}`, click: () => actions.about() },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    {
      label: '&File',
      submenu: [
        { id: 'open-workspace', label: 'Open Workspace Folder...', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspaceFolder() },
        { type: 'separator' },
        mac ? { role: 'close' } : { id: 'quit', role: 'quit', label: 'Quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' }, { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' },
      ],
    },
    {
      label: '&Machine',
      submenu: [
        { id: 'reboot', label: 'Reboot', accelerator: 'CmdOrCtrl+Alt+R', click: () => actions.rebootMachine() },
        { id: 'restart-host', label: 'Restart Kernel Host', click: () => actions.restartKernelHost() },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...(development ? [{ id: 'reload', role: 'reload' }, { id: 'devtools', role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[] : []),
        { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: '&Help',
      role: 'help',
      submenu: [
        { id: 'welcome', label: 'Welcome', click: () => actions.showWelcome() },
        { type: 'separator' },
        { id: 'about', label: 'About Kernel Workbench', click: () => actions.about() },
      ],
    },
  );
  return template;
}
