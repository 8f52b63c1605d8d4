// Who signs a letter for the head of the office, and how (Nghị định 30/2020, Phụ lục I): the
// Chairman signs as "CHỦ TỊCH"; a Vice-Chairman signs on the Chairman's behalf, "KT. CHỦ TỊCH"
// above "PHÓ CHỦ TỊCH".
import type { FormSigner } from './types';

/** True when a leader's free-text title names a Vice-Chairman ("Phó Chủ tịch UBND xã"). */
export function isViceChair(title: string): boolean {
  // Parenthesised text is ignored: the role's own label "Lãnh đạo (Chủ tịch / Phó Chủ tịch)" says neither.
  const plain = title.replace(/\([^)]*\)/g, ' ').normalize('NFC');
  return /ph[oó]\s+ch[uủ]\s+t[iị]ch/i.test(plain);
}

/** The signature of a leader (role 'leader'): Chủ tịch, or Phó Chủ tịch signing "KT. CHỦ TỊCH". */
export function leaderSignature(name: string, title: string): FormSigner {
  return isViceChair(title)
    ? { name, title: 'Phó Chủ tịch', authority: 'KT. Chủ tịch' }
    : { name, title: 'Chủ tịch' };
}
