// IPC channel naming, shared by the main-process binding (main/ipc.ts) and the preload.
export const channelFor = (name: string): string => `op:${name}`;
