// The generated office's documents over the years (document control, ISO 7.5): the register
// built in the first weeks (guidelines, forms, internal procedures, the laws it applies), a
// few new documents each year, each revision drafted by the ISO secretary, reviewed by the
// vice-chairman (sometimes sent back once), approved by the chairman to take effect a few days
// later, then read and acknowledged by the staff concerned; periodic reviews that find no
// change or open a new revision. The seeded procedure documents are left as shipped: their
// revisions would make catalog procedure versions the generated dossiers do not follow.
import { addCivilDays, civilDateOf } from '../../core/calendar/civil-time';
import type { Role } from '../../core/auth/roles';
import type { DocType } from '../../core/qms/document';
import { officeTime, type Quality } from './quality';

const GUIDE_TOPICS = [
  'tiếp nhận hồ sơ qua dịch vụ bưu chính công ích',
  'số hóa hồ sơ, kết quả giải quyết thủ tục hành chính',
  'sử dụng phần mềm một cửa điện tử',
  'lưu trữ hồ sơ hộ tịch',
  'chứng thực chữ ký người dịch',
  'thu, nộp phí và lệ phí',
  'xử lý hồ sơ trễ hạn và xin lỗi người dân',
  'tiếp công dân định kỳ',
  'kiểm tra, đối chiếu giấy tờ tùy thân',
  'vệ sinh, bố trí nơi tiếp nhận hồ sơ',
];
const FORM_NAMES = [
  'Phiếu kiểm soát quá trình giải quyết hồ sơ',
  'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  'Phiếu từ chối tiếp nhận, giải quyết hồ sơ',
  'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
  'Sổ theo dõi hồ sơ',
  'Phiếu đánh giá sự hài lòng',
  'Sổ tiếp nhận phản ánh, kiến nghị',
  'Danh mục hồ sơ lưu trữ',
  'Biên bản bàn giao hồ sơ',
  'Phiếu đề nghị hành động khắc phục',
  'Kế hoạch đánh giá nội bộ',
  'Báo cáo đánh giá nội bộ',
  'Phiếu theo dõi mục tiêu chất lượng',
];
const AREAS = ['hộ tịch', 'chứng thực', 'đất đai', 'xây dựng', 'lao động', 'văn hóa', 'tư pháp'];
const LAW_ISSUERS = ['Chính phủ', 'Bộ Tư pháp', 'Bộ Nội vụ', 'UBND tỉnh', 'Thủ tướng Chính phủ'];
const CHANGES = [
  'Cập nhật theo văn bản pháp luật mới',
  'Sửa đổi trách nhiệm thực hiện sau kiện toàn nhân sự',
  'Bổ sung bước kiểm tra trước khi trả kết quả',
  'Điều chỉnh biểu mẫu theo góp ý của bộ phận một cửa',
  'Rút gọn thời gian luân chuyển nội bộ',
  'Bổ sung quy định lưu hồ sơ điện tử',
  'Sửa lỗi trình bày, thống nhất thuật ngữ',
];

interface DocPlan {
  readonly docType: DocType;
  readonly code: string;
  readonly title: string;
  readonly ownerRole: Role;
  readonly concernedRoles: Role[];
  readonly reviewMonths: number;
}

const STAFF: Role[] = ['desk_officer', 'specialist', 'records_clerk'];
const ALL: Role[] = [
  'leader',
  'iso_coordinator',
  'desk_officer',
  'specialist',
  'records_clerk',
  'internal_auditor',
];

/** The document register of year `n` (0: the first weeks; then a few a year). */
function register(n: number, count: number, next: () => number): DocPlan[] {
  const plans: DocPlan[] = [];
  for (let i = 0; i < count; i++) {
    const k = next();
    const r = k % 10;
    const area = AREAS[k % AREAS.length] ?? 'hộ tịch';
    if (r < 5)
      plans.push({
        docType: 'form',
        code: `BM-${String(k).padStart(3, '0')}`,
        title: `${FORM_NAMES[k % FORM_NAMES.length] ?? 'Biểu mẫu'} (lĩnh vực ${area})`,
        ownerRole: 'iso_coordinator',
        concernedRoles: STAFF,
        reviewMonths: 24,
      });
    else if (r < 8)
      plans.push({
        docType: 'guideline',
        code: `HD-${String(k).padStart(3, '0')}`,
        title: `Hướng dẫn ${GUIDE_TOPICS[k % GUIDE_TOPICS.length] ?? ''} (lĩnh vực ${area})`,
        ownerRole: 'iso_coordinator',
        concernedRoles: ['desk_officer', 'specialist', 'leader'],
        reviewMonths: 18,
      });
    else if (r < 9)
      plans.push({
        docType: 'procedure',
        code: `QT-NB-${String(k).padStart(3, '0')}`,
        title: `Quy trình nội bộ về ${GUIDE_TOPICS[(k + 3) % GUIDE_TOPICS.length] ?? ''}`,
        ownerRole: 'iso_coordinator',
        concernedRoles: ALL,
        reviewMonths: 12,
      });
    else
      plans.push({
        docType: 'external',
        code: `VB-${String(100 + k)}`,
        title: `Văn bản hướng dẫn lĩnh vực ${area} số ${k}/${n}`,
        ownerRole: 'iso_coordinator',
        concernedRoles: ['specialist', 'leader'],
        reviewMonths: 12,
      });
  }
  return plans;
}

export function planDocuments(q: Quality): void {
  const { rng } = q;
  let counter = 0;
  const next = () => ++counter;
  const drafter = 'thuky';
  const reviewers = q.withRole('leader').filter((u) => u !== 'chutich');
  const approver = 'chutich';

  /** A sign-off step; false when the revision moved meanwhile (its document withdrawn). */
  const step = async (
    who: string,
    id: string,
    transition: string,
    extra: { comment?: string; date?: string } = {},
  ) => {
    try {
      await q.move(who, id, transition, extra);
      return true;
    } catch (error) {
      if (error instanceof Error && error.message.includes(' CONFLICT ')) return false;
      throw error;
    }
  };
  /** Documents with a revision on its way (drafted, not yet in force), and those withdrawn. */
  const pending = new Set<string>();
  const withdrawn = new Set<string>();
  /** The revision in force of each document (acknowledged until the next one). */
  const inForce = new Map<string, string>();
  /** The staff concerned by a document read its revision in the days after it takes effect. */
  const acknowledge = (
    docId: string,
    revisionId: string,
    roles: readonly string[],
    from: string,
  ) => {
    for (const u of q.users) {
      if (!u.roles.some((r) => roles.includes(r))) continue;
      if (rng.chance(0.015)) continue; // someone never gets to it
      q.add(q.workday(from, rng.int(0, 9), officeTime(rng)), () => {
        q.acknowledge(revisionId, docId, u.username);
        return Promise.resolve();
      });
    }
  };

  /** A drafted revision through review and approval to its effective date and readers. */
  const signOff = (docId: string, revisionId: string, roles: readonly string[]) => {
    const reviewer = rng.pick(reviewers.length ? reviewers : ['phochutich']);
    q.add(q.workday(q.today(), 0, officeTime(rng)), async () => {
      if (!(await step(drafter, revisionId, 'submit'))) return;
      const sendBack = rng.chance(0.12);
      q.add(q.workday(q.today(), rng.int(1, 4), officeTime(rng)), async () => {
        if (sendBack) {
          const sent = await step(reviewer, revisionId, 'reject', {
            comment: 'Đề nghị rà soát lại căn cứ pháp lý và trách nhiệm của từng bộ phận',
          });
          if (!sent) return;
          q.add(q.workday(q.today(), rng.int(1, 3), officeTime(rng)), () =>
            resubmit(docId, revisionId, roles, reviewer),
          );
          return;
        }
        await approve(docId, revisionId, roles, reviewer);
      });
    });
  };
  const resubmit = async (
    docId: string,
    revisionId: string,
    roles: readonly string[],
    reviewer: string,
  ) => {
    if (!(await step(drafter, revisionId, 'submit'))) return;
    q.add(q.workday(q.today(), rng.int(1, 3), officeTime(rng)), () =>
      approve(docId, revisionId, roles, reviewer),
    );
  };
  const approve = async (
    docId: string,
    revisionId: string,
    roles: readonly string[],
    reviewer: string,
  ) => {
    if (!(await step(reviewer, revisionId, 'review'))) return;
    q.add(q.workday(q.today(), rng.int(1, 3), officeTime(rng)), async () => {
      const effective = addCivilDays(q.today(), rng.int(1, 15));
      if (!(await step(approver, revisionId, 'approve', { date: effective }))) return;
      // On the day, the first look at the register brings it into force.
      q.add(q.workday(effective, 0, '07:40'), async () => {
        const doc = await q.as(drafter)('documents.get', { id: docId });
        const rev = doc.revisions.find((r) => r.id === revisionId);
        pending.delete(docId);
        if (rev?.state !== 'effective') return;
        const before = inForce.get(docId);
        if (before) q.revisionState(before, 'superseded');
        inForce.set(docId, revisionId);
        q.revisionState(
          revisionId,
          'effective',
          `${rev.code} ${rev.title}`,
          rev.data['issueNo'] as number,
        );
        acknowledge(docId, revisionId, roles, q.today());
      });
    });
  };
  /** Writes a draft's content and sends it on. */
  const draft = async (
    docId: string,
    revision: { id: string; rev: number },
    summary: string,
    title: string,
    roles: readonly string[],
  ) => {
    await q.as(drafter)('documents.saveDraft', {
      revisionId: revision.id,
      rev: revision.rev,
      changeSummary: summary,
      sections: {
        purpose: `Quy định thống nhất cách thực hiện: ${title.toLowerCase()}.`,
        scope: 'Áp dụng tại UBND xã, Bộ phận Một cửa và công chức chuyên môn.',
        references: 'TCVN ISO 9001:2015; Nghị định 61/2018/NĐ-CP; Nghị định 107/2021/NĐ-CP.',
        definitions: '',
        content: `1. Trách nhiệm thực hiện.\n2. Trình tự thực hiện.\n3. ${summary}.`,
        forms: '',
        records: 'Hồ sơ được lưu theo danh mục hồ sơ của quy trình kiểm soát hồ sơ.',
      },
      steps: null,
    });
    pending.add(docId);
    signOff(docId, revision.id, roles);
  };

  /** The draft the document has open now. */
  const openDraftOf = async (docId: string) => {
    const doc = await q.as(drafter)('documents.get', { id: docId });
    const d = doc.revisions.find((r) => r.state === 'draft');
    if (!d) throw new Error(`No draft of ${doc.document.code}`);
    return d;
  };

  /** Periodic review when due: no change, or a new revision. */
  const periodic = (docId: string, plan: DocPlan, from: string) => {
    const due = addCivilDays(from, Math.round(plan.reviewMonths * 30.4) - rng.int(0, 20));
    q.add(q.workday(due, 0, officeTime(rng)), async () => {
      if (withdrawn.has(docId)) return;
      if (pending.has(docId) || rng.chance(0.5)) {
        await q.move(drafter, docId, 'review_no_change', {
          comment: 'Rà soát định kỳ: tài liệu vẫn phù hợp, không cần sửa đổi',
        });
      } else {
        const summary = rng.pick(CHANGES);
        await q.move(drafter, docId, 'review_revise', { comment: summary });
        const d = await openDraftOf(docId);
        await draft(docId, d, summary, plan.title, plan.concernedRoles);
      }
      periodic(docId, plan, q.today());
    });
  };

  /** A change asked for between reviews. */
  const change = (docId: string, plan: DocPlan, at: number) => {
    q.add(at, async () => {
      if (withdrawn.has(docId) || pending.has(docId)) return;
      const opened = await q.as(drafter)('documents.newRevision', { documentId: docId });
      const d = opened.revisions.find((r) => r.state === 'draft');
      if (d) await draft(docId, d, rng.pick(CHANGES), plan.title, plan.concernedRoles);
    });
  };

  const create = (plan: DocPlan, at: number) => {
    q.add(at, async () => {
      const today = q.today();
      const external = plan.docType === 'external';
      const doc = await q.as(drafter)('documents.create', {
        docType: plan.docType,
        code: plan.code,
        title: plan.title,
        ownerRole: plan.ownerRole,
        concernedRoles: plan.concernedRoles,
        reviewMonths: plan.reviewMonths,
        cites: [],
        external: external
          ? {
              number: `${rng.int(10, 199)}/${today.slice(0, 4)}/NĐ-CP`,
              issuer: rng.pick(LAW_ISSUERS),
              effectiveDate: today,
              expiryDate: null,
              replacedById: null,
            }
          : null,
        procedureCode: null,
      });
      if (external) return;
      const first = doc.revisions.find((r) => r.state === 'draft');
      if (!first) return;
      await draft(doc.document.id, first, 'Ban hành lần đầu', plan.title, plan.concernedRoles);
      periodic(doc.document.id, plan, today);
      // Changes asked for between the periodic reviews, through the years.
      const end = civilDateOf(q.now);
      for (
        let d = addCivilDays(today, rng.int(60, 500));
        d < end;
        d = addCivilDays(d, rng.int(300, 1400))
      )
        change(doc.document.id, plan, q.workday(d, 0, officeTime(rng)));
      // A few documents are withdrawn after some years.
      if (rng.chance(0.05)) {
        const on = addCivilDays(today, rng.int(700, 3000));
        if (on < end)
          q.add(q.workday(on, 0, officeTime(rng)), async () => {
            const r = await q.as(drafter)('qms.get', { id: doc.document.id });
            if (r.state !== 'active') return;
            await q.move(drafter, doc.document.id, 'withdraw', {
              comment: 'Không còn áp dụng sau khi sắp xếp lại bộ máy',
            });
            const current = inForce.get(doc.document.id);
            if (current) q.revisionState(current, 'obsolete');
            withdrawn.add(doc.document.id);
            pending.delete(doc.document.id);
          });
      }
    });
  };

  // The register in the first weeks, then a few new documents a year.
  let day = 15;
  for (const plan of register(0, 230, next)) {
    create(plan, q.workday(q.start, day, officeTime(rng)));
    if (rng.chance(0.35)) day++;
  }
  for (const [i, year] of q.years.entries()) {
    if (i === 0) continue;
    for (const plan of register(i, 9, next))
      create(plan, q.workday(`${year}-01-05`, rng.int(0, 230), officeTime(rng)));
  }
}
