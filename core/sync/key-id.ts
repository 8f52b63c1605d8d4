// How an office data key is named to people: the first 8 hex digits of its key id (a sha256
// prefix, services/security/recovery-code.ts keyIdOf), upper case in two groups, e.g.
// "3F2A-9C01". The official reads it from the backup's message; the province finds the same
// name among the office's escrowed keys.

export const shortKeyId = (keyId: string): string => {
  const head = keyId.slice(0, 8).toUpperCase();
  return `${head.slice(0, 4)}-${head.slice(4)}`;
};
