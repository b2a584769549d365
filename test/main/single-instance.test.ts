// A second launch of the app quits at once: no window, no kernel-sim, no protocol registration.
import { expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => [] as string[]);
vi.mock('electron', () => {
  const track = (name: string) => () => { calls.push(name); };
  return {
    app: {
      isPackaged: false,
      requestSingleInstanceLock: () => false,
      quit: track('app.quit'),
      on: track('app.on'),
      whenReady: () => { calls.push('app.whenReady'); return new Promise(() => {}); },
      enableSandbox: track('app.enableSandbox'),
    },
    protocol: { registerSchemesAsPrivileged: track('protocol.registerSchemesAsPrivileged'), handle: track('protocol.handle') },
    BrowserWindow: class { constructor() { calls.push('new BrowserWindow'); } },
    utilityProcess: { fork: track('utilityProcess.fork') },
    MessageChannelMain: class {}, dialog: {}, ipcMain: {}, Menu: {}, session: {}, shell: {},
  };
});

it('quits when another instance holds the lock', async () => {
  await import('../../main/main.ts');
  expect(calls).toEqual(['app.quit']);
});
