// The installer's file name for a version, shared by the server's release records and the
// office's kept download; apart from release.ts so the office does not load js-yaml for it.
export const installerName = (version: string): string => `ISO-Xa-Setup-${version}.exe`;
