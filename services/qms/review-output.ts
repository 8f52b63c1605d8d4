// The management review's minutes (biên bản họp xem xét của lãnh đạo), printed (HTML through
// the desk's form layout, for preview and PDF) and as a Word file (.docx), from one block
// description (core/qms/review-print.ts). A held review prints what was frozen at the meeting.
import { reviewMinutesDoc } from '../../core/qms/review-print';
import { reviewKind, type ReviewState } from '../../core/qms/review';
import type { Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { fileSafe } from './docx-out';
import { printedPage, wordFile } from './printable-out';
import { decidedActions, inputsOf, loadReview } from './reviews';
import { userNames } from './views';

function minutes(ctx: Ctx, id: string) {
  const r = loadReview(ctx.db, id);
  const d = r.data;
  const doc = reviewMinutesDoc({
    code: r.code,
    data: d,
    stateLabel: reviewKind.stateLabels[r.state as ReviewState] ?? r.state,
    names: userNames(ctx.db, [d.chairId, d.secretaryId, ...d.participantIds]),
    inputs: inputsOf(ctx, r).inputs,
    actions: d.decidedActions ?? decidedActions(ctx.db, r.id),
    printedAt: ctx.now(),
  });
  return { doc, name: `bien-ban-xem-xet-lanh-dao_${fileSafe(r.code)}` };
}

export const reviewOutputHandlers: PartialHandlers = {
  'reviews.print': (ctx, input) => printedPage(ctx, minutes(ctx, input.id).doc),
  'reviews.exportDocx': (ctx, input) => {
    const { doc, name } = minutes(ctx, input.id);
    return wordFile(ctx, doc, name);
  },
};
