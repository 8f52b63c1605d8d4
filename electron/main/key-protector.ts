// The OS keystore for the office's keys: Electron's safeStorage (DPAPI on Windows, the login
// keychain on macOS, libsecret/kwallet on Linux). Where the OS offers none (a Linux session
// without a secret service), safeStorage would fall back to a fixed key: the key file's
// owner-only mode is then all there is, and saying so beats pretending.
import os from 'node:os';
import { safeStorage } from 'electron';
import { fileProtector, type KeyProtector } from '../../services/security/keyring';

/** The OS account running the app: DOMAIN\\user on Windows (DPAPI's scope), user@host elsewhere. */
export function osAccount(): string {
  const user = os.userInfo().username;
  return process.platform === 'win32'
    ? `${process.env['USERDOMAIN'] ?? os.hostname()}\\${user}`
    : `${user}@${os.hostname()}`;
}

export function osKeyProtector(): KeyProtector {
  const account = osAccount();
  const weak =
    !safeStorage.isEncryptionAvailable() ||
    (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');
  if (weak) {
    console.warn('[main] no OS keystore: the data key is protected by file permissions only');
    return { ...fileProtector, account };
  }
  return {
    kind: 'os',
    account,
    protect: (secret) => safeStorage.encryptString(secret.toString('base64')),
    unprotect: (blob) => Buffer.from(safeStorage.decryptString(blob), 'base64'),
  };
}
