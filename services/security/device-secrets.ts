// The device's private keys in the keyring, sealed under the data key (AES-256-GCM, a sub-key
// for the device): its Ed25519 key ('sign', which authenticates it to the province and signs
// its sync files) and its X25519 key ('box', which opens what the province seals to it).
import { open, seal, subKey } from './aead';

const AAD = { sign: 'isoxa:device', box: 'isoxa:device-box' } as const;

export function sealDeviceSecret(
  dataKey: Buffer,
  secret: string,
  kind: keyof typeof AAD = 'sign',
): string {
  const key = subKey(dataKey, 'device');
  return seal(key, Buffer.from(secret, 'utf8'), Buffer.from(AAD[kind])).toString('base64');
}

export function openDeviceSecret(
  dataKey: Buffer,
  sealed: string,
  kind: keyof typeof AAD = 'sign',
): string | null {
  const key = subKey(dataKey, 'device');
  const plain = open(key, Buffer.from(sealed, 'base64'), Buffer.from(AAD[kind]));
  return plain ? plain.toString('utf8') : null;
}
