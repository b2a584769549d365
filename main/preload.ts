// The Electron preload, the one bridge: exposes window.workbench (functions only) through contextBridge.
import { contextBridge, ipcRenderer } from 'electron';
import { createWorkbenchBridge, type IpcRendererLike } from './preload-bridge.ts';

contextBridge.exposeInMainWorld('workbench', createWorkbenchBridge(ipcRenderer as unknown as IpcRendererLike, process.platform));
