// What each sealed message is for (services/security/sealed-box.ts): the context is bound into
// the key derivation and the AEAD, so bytes sealed for one purpose, device or office do not
// open as another. Pure strings, shared by the office and the province.
export const sealContext = {
  /** The USB sync file's payload (envelope and scans), sealed by a device to the province. */
  syncFile: (deviceId: string, agencyCode: string) => `sync-file\n${deviceId}\n${agencyCode}`,
  /** The province's reply file, sealed to the device it is for. */
  replyFile: (deviceId: string, officeId: string) => `reply-file\n${deviceId}\n${officeId}`,
  /** One page of /v1/restore, sealed to the device that asked, for the cursor it asked from. */
  restorePage: (deviceId: string, cursor: number) => `restore-page\n${deviceId}\n${cursor}`,
  /** A stored scan given back for restore, sealed to the device that asked. */
  restoreFile: (deviceId: string, sha256: string) => `restore-file\n${deviceId}\n${sha256}`,
  /** The office's data key (escrow), sealed by the office to the province. */
  escrow: (officeId: string, keyId: string) => `escrow\n${officeId}\n${keyId}`,
  /** The same key re-sealed by the province to a new device of the office (an admin's act). */
  escrowRelease: (deviceId: string, keyId: string) => `escrow-release\n${deviceId}\n${keyId}`,
} as const;

/** What a device signs with its Ed25519 key to register its X25519 key (enrolled before the
 * key existed): a stolen token alone cannot swap in an attacker's key. */
export const sealKeyClaim = (deviceId: string, sealPublicKey: string): string =>
  `isoxa-seal-key-v1\n${deviceId}\n${sealPublicKey}`;
