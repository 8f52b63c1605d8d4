// Where the shell finds its files, in development and when installed.
//
// Code (main.cjs, preload.cjs, the built renderer) always sits next to the main bundle:
// <repo>/dist/... in development, <install>/resources/app.asar/dist/... when installed.
// Data files (migrations SQL, printing fonts, seed catalogs) keep the same relative layout
// under one root: the repository in development, process.resourcesPath when installed, where
// electron-builder copies them as extraResources (real files outside the asar archive, so
// any reader, including worker threads and support staff, sees plain files).
import path from 'node:path';

export interface AppPaths {
  readonly preloadPath: string;
  readonly rendererDir: string;
  readonly migrationsDir: string;
  readonly resourcesDir: string;
  readonly fontsDir: string;
}

export interface PathEnv {
  /** app.isPackaged */
  readonly isPackaged: boolean;
  /** The folder of the running main bundle (dist/electron). */
  readonly mainDir: string;
  /** process.resourcesPath; only read when packaged. */
  readonly resourcesPath: string;
}

export function appPaths(env: PathEnv): AppPaths {
  const distDir = path.resolve(env.mainDir, '..');
  const dataRoot = env.isPackaged ? env.resourcesPath : path.resolve(distDir, '..');
  const resourcesDir = path.join(dataRoot, 'resources');
  return {
    preloadPath: path.join(env.mainDir, 'preload.cjs'),
    rendererDir: path.join(distDir, 'renderer'),
    migrationsDir: path.join(dataRoot, 'db', 'migrations'),
    resourcesDir,
    fontsDir: path.join(resourcesDir, 'fonts'),
  };
}
