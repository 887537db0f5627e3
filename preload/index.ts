// The preload: runs sandboxed, bundled to one CommonJS file (dist/preload/preload.cjs) whose
// only require is electron. Imports from main/common are the channel names; types vanish.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('marquee', createBridge(ipcRenderer));
