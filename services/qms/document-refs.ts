// What a document points at: the external documents (laws) a procedure or guideline cites,
// and the external document that replaced a law. Checked on create and update so that a
// "cần rà soát" flag can never rest on a reference to nothing, to itself or to a non-law.
import { AppError } from '../../core/errors';
import type { ExternalFacts } from '../../core/qms/document';
import type { Tx } from '../../db/open';
import { documentsOf } from './documents-read';

export interface DocumentRefs {
  readonly cites: readonly string[];
  readonly external: ExternalFacts | null;
}

/** The references of document `selfId` (null while creating) checked; `cites` without repeats. */
export function checkedRefs(tx: Tx, selfId: string | null, refs: DocumentRefs): string[] {
  const cites = [...new Set(refs.cites)];
  const replacedBy = refs.external?.replacedById ?? null;
  if (refs.external && cites.length > 0)
    throw new AppError('INVALID_INPUT', 'Tài liệu bên ngoài không viện dẫn văn bản khác.');
  if (selfId !== null && (cites.includes(selfId) || replacedBy === selfId))
    throw new AppError(
      'INVALID_INPUT',
      replacedBy === selfId
        ? 'Văn bản không thể được thay thế bởi chính nó.'
        : 'Tài liệu không thể viện dẫn chính nó.',
    );
  const wanted = replacedBy ? [...cites, replacedBy] : cites;
  if (wanted.length === 0) return cites;
  const found = new Map(documentsOf(tx, wanted).map((d) => [d.id, d]));
  for (const id of wanted) {
    const doc = found.get(id);
    if (!doc)
      throw new AppError('NOT_FOUND', 'Không tìm thấy văn bản được chọn (có thể đã bị xóa).');
    if (doc.data.docType !== 'external')
      throw new AppError(
        'INVALID_INPUT',
        `${doc.code} không phải tài liệu bên ngoài: chỉ viện dẫn, thay thế bằng văn bản pháp luật.`,
      );
    if (id === replacedBy && doc.data.external?.replacedById === selfId && selfId !== null)
      throw new AppError(
        'INVALID_INPUT',
        `${doc.code} đang được ghi là bị văn bản này thay thế; hai văn bản không thể thay thế lẫn nhau.`,
      );
  }
  return cites;
}
