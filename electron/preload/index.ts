// Preload: exposes window.isoxa.call(name, input) for contract names only, nothing else.
// Bundled by esbuild into one CJS file, because a sandboxed preload cannot require our modules.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY } from '../../core/contract/bridge';
import { makeBridge } from './bridge';

contextBridge.exposeInMainWorld(
  BRIDGE_KEY,
  // A wrapper, so the page never gets ipcRenderer itself or the event objects.
  makeBridge((channel, input) => ipcRenderer.invoke(channel, input)),
);
