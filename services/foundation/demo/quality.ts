// The demo office's quality system over the same months, through the same operations as the
// screens: the year's internal-audit programme (one audit done and reported with its findings,
// the next one waiting for the chairman's approval), a procedure revised, approved and
// acknowledged, the quality policy's new draft waiting for the ISO secretary's review, a
// nonconformity from a late dossier taken to closure and a fresh one still open, citizens'
// feedback answered and one waiting, and one procedure whose periodic review is overdue.
// Ratings ride on the dossiers' returns.
import type { WorkCalendar } from '../../../core/calendar/calendar-data';
import type { OpInput } from '../../../core/contract';
import {
  addCivilDays,
  civilDateOf,
  dayNumberOfInstant,
  formatDayNumber,
  instantOf,
} from '../../../core/calendar/civil-time';
import { desc, eq } from 'drizzle-orm';
import { dossiers } from '../../../db/schema';
import type { Ctx } from '../../context';
import type { Agenda } from './agenda';
import type { DemoDesk } from './desk-as';

/** The working days of the history, and an instant on one of them. */
export function workingDays(cal: WorkCalendar, start: number, end: number) {
  const days: string[] = [];
  for (let d = dayNumberOfInstant(start) + 1; d <= dayNumberOfInstant(end); d++)
    if (cal.isWorkingDayNumber(d)) days.push(formatDayNumber(d));
  /** Day `n` of the history (negative: counted back from today), at a clock time. */
  return (n: number, time: string): number => {
    const i = Math.max(0, Math.min(days.length - 1, n < 0 ? days.length + n : n));
    return instantOf(days[i] ?? civilDateOf(end), time);
  };
}

export function scheduleQualityYear(
  ctx: Ctx,
  desk: DemoDesk,
  agenda: Agenda,
  cal: WorkCalendar,
  start: number,
): void {
  const day = workingDays(cal, start, agenda.end);
  const today = () => civilDateOf(desk.at);
  const move = async (who: string, id: string, transition: string, extra: object = {}) => {
    const r = await desk.as(who)('qms.get', { id });
    return desk.as(who)('qms.transition', { id, transition, rev: r.rev, ...extra });
  };
  /** Opens a new revision of a document, adds a line to one section, submits it for review. */
  const submitRevision = async (
    who: string,
    code: string,
    summary: string,
    section: string,
    line: string,
  ) => {
    const row = (await desk.as(who)('documents.list', { query: code })).find(
      (d) => d.code === code,
    );
    if (!row) throw new Error(`Demo office has no document ${code}`);
    const opened = await desk.as(who)('documents.newRevision', { documentId: row.id });
    const draft = opened.revisions.find((r) => r.state === 'draft');
    if (!draft) throw new Error(`No draft of ${code}`);
    const sections = draft.data['sections'] as Record<string, string>;
    await desk.as(who)('documents.saveDraft', {
      revisionId: draft.id,
      rev: draft.rev,
      changeSummary: summary,
      sections: { ...sections, [section]: `${sections[section] ?? ''}\n${line}` },
      steps: null,
    });
    await move(who, draft.id, 'submit');
    return draft.id;
  };
  const lateDossier = () =>
    ctx.db
      .select({ id: dossiers.id, code: dossiers.code })
      .from(dossiers)
      .where(eq(dossiers.outcome, 'late'))
      .orderBy(desc(dossiers.returnedAt))
      .get();

  // A procedure revised: drafted by the secretary, reviewed, approved, then read by the staff.
  agenda.add(day(8, '09:10'), async () => {
    const id = await submitRevision(
      'thuky',
      'QT-02',
      'Bổ sung thời hạn lưu hồ sơ điện tử và trách nhiệm của văn thư',
      'content',
      '- Hồ sơ điện tử được sao lưu hằng ngày và lưu theo thời hạn như hồ sơ giấy.',
    );
    agenda.add(day(9, '14:20'), async () => {
      await move('phochutich', id, 'review');
      agenda.add(day(10, '10:05'), async () => {
        await move('chutich', id, 'approve', { date: civilDateOf(day(12, '08:00')) });
        for (const [n, who] of [
          [12, 'thuky'],
          [13, 'motcua'],
          [13, 'vanthu'],
          [14, 'chutich'],
          [15, 'tuphap'],
          [16, 'phochutich'],
        ] as const)
          agenda.add(day(n, '08:15'), async () => {
            await desk.as(who)('qms.inbox', {});
            await desk.as(who)('documents.acknowledge', { revisionId: id });
          });
      });
    });
  });

  // A procedure new to the office is reviewed every 3 months in its first year: its review
  // came due before today and waits, overdue, on the ISO secretary.
  agenda.add(day(2, '10:40'), async () => {
    const row = (await desk.as('thuky')('documents.list', { query: 'QT-04' })).find(
      (d) => d.code === 'QT-04',
    );
    if (!row) throw new Error('Demo office has no document QT-04');
    const { document: doc } = await desk.as('thuky')('documents.get', { id: row.id });
    const data = doc.data as Omit<OpInput<'documents.update'>, 'id' | 'rev' | 'title'>;
    await desk.as('thuky')('documents.update', {
      id: doc.id,
      rev: doc.rev,
      title: doc.title,
      ownerRole: data.ownerRole,
      concernedRoles: data.concernedRoles,
      reviewMonths: 3,
      cites: data.cites,
      external: null,
    });
  });

  // The internal-audit programme: one audit of the civil-status area, done and reported.
  agenda.add(day(3, '10:30'), async () => {
    const options = await desk.as('thuky')('audits.options', {});
    const birth = options.documents.find((d) => d.title.includes('khai sinh'));
    if (!birth) return;
    const date = civilDateOf(day(25, '08:00'));
    const created = await desk.as('thuky')('audits.create', {
      year: Number(date.slice(0, 4)),
      month: Number(date.slice(5, 7)),
      area: 'Lĩnh vực hộ tịch',
      scope: 'Tiếp nhận, giải quyết và trả kết quả đăng ký khai sinh tại Bộ phận Một cửa',
      criteria: 'TCVN ISO 9001:2015; quy trình QT-HT-01',
      date,
      leadAuditorId: desk.id('danhgia'),
      auditeeIds: [desk.id('tuphap'), desk.id('motcua')],
      documentIds: [birth.id],
      clauses: ['7.5', '8.5', '9.1'],
    });
    agenda.add(day(4, '15:00'), async () => {
      await move('chutich', created.id, 'approve');
      agenda.add(day(25, '08:30'), () => runAudit(desk, agenda, move, created.id, day));
    });
  });
  // The next audit, planned after today, waits for the chairman.
  agenda.add(day(-3, '16:00'), async () => {
    const options = await desk.as('thuky')('audits.options', {});
    const copies = options.documents.find((d) => d.title.includes('bản sao từ bản chính'));
    const date = addCivilDays(today(), 20);
    await desk.as('thuky')('audits.create', {
      year: Number(date.slice(0, 4)),
      month: Number(date.slice(5, 7)),
      area: 'Lĩnh vực chứng thực',
      scope: 'Chứng thực bản sao từ bản chính tại Bộ phận Một cửa',
      date,
      leadAuditorId: desk.id('danhgia'),
      auditeeIds: [desk.id('motcua')],
      documentIds: copies ? [copies.id] : [],
    });
  });

  // A late dossier found at the monthly review: a nonconformity taken to closure.
  agenda.add(day(30, '09:45'), async () => {
    const late = lateDossier();
    if (!late) return;
    const nc = await openNonconformity(desk, late.id);
    await move('thuky', nc.id, 'analyse', {
      fields: {
        correction: 'Đã xin lỗi người dân và trả kết quả ngay trong ngày',
        whys: [
          'Hồ sơ nằm ở bước ký duyệt quá thời hạn',
          'Lãnh đạo đi họp cả ngày, không ai ký thay',
          'Chưa có quy định ủy quyền ký thay khi lãnh đạo vắng',
        ],
        rootCause: 'Chưa có quy định ký thay khi lãnh đạo vắng mặt',
        category: 'method',
      },
    });
    await desk.as('thuky')('actions.create', {
      title: 'Ban hành quy định ký thay',
      description: 'Trình Chủ tịch quyết định ủy quyền Phó Chủ tịch ký thay khi Chủ tịch vắng mặt',
      ownerId: desk.id('phochutich'),
      dueDate: civilDateOf(day(38, '17:00')),
      sourceKind: 'nonconformity',
      sourceId: nc.id,
    });
    await move('thuky', nc.id, 'plan', { date: civilDateOf(day(45, '08:00')) });
    const action = (await desk.as('phochutich')('actions.list', { sourceId: nc.id }))[0];
    agenda.add(day(36, '10:00'), async () => {
      if (action)
        await move('phochutich', action.id, 'complete', {
          comment: 'Đã ban hành Quyết định ủy quyền ký thay',
        });
    });
    agenda.add(day(45, '09:00'), async () => {
      await move('chutich', nc.id, 'verify', {
        comment: 'Từ khi có ủy quyền, không còn hồ sơ trễ ở bước ký',
      });
      await move('thuky', nc.id, 'close');
    });
  });
  // A recent late dossier: a nonconformity just opened, its cause still to find.
  agenda.add(day(-2, '10:15'), async () => {
    const late = lateDossier();
    if (late) await openNonconformity(desk, late.id);
  });

  // Citizens' feedback: a complaint answered in time, a suggestion still waiting.
  agenda.add(day(20, '14:40'), async () => {
    const late = lateDossier();
    const fb = await desk.as('motcua')('feedback.create', {
      type: 'feedback',
      channel: 'direct',
      receivedOn: today(),
      senderName: 'Nguyễn Thị Mai',
      content: 'Hồ sơ của gia đình tôi bị trả chậm so với giấy hẹn mà không được báo trước.',
      dossierCode: late?.code ?? '',
      ownerId: desk.id('thuky'),
      handlingDays: 10,
    });
    agenda.add(day(23, '09:20'), async () => {
      await move('thuky', fb.id, 'answer', {
        comment:
          'UBND xã đã xin lỗi công dân; đã chấn chỉnh việc báo trước khi hồ sơ có nguy cơ trễ hạn.',
        date: today(),
      });
    });
  });
  agenda.add(day(-4, '15:10'), async () => {
    await desk.as('motcua')('feedback.create', {
      type: 'petition',
      channel: 'box',
      receivedOn: today(),
      senderName: '',
      content: 'Đề nghị bố trí thêm ghế chờ và nước uống tại Bộ phận Một cửa vào sáng thứ Hai.',
      ownerId: desk.id('vanthu'),
      handlingDays: 10,
    });
  });

  // The quality policy's new draft, submitted by the chairman: the secretary reviews it.
  agenda.add(day(-1, '08:40'), async () => {
    await submitRevision(
      'chutich',
      'CS-01',
      'Cập nhật theo mô hình chính quyền hai cấp',
      'scope',
      'Áp dụng cho toàn bộ hoạt động của UBND xã sau sắp xếp.',
    );
  });
}

async function openNonconformity(desk: DemoDesk, dossierId: string) {
  const { sourceLabel, ...fields } = await desk.as('thuky')('nonconformities.draft', {
    sourceKind: 'dossier',
    sourceId: dossierId,
  });
  void sourceLabel;
  return desk.as('thuky')('nonconformities.create', { ...fields, ownerId: desk.id('thuky') });
}

type Move = (who: string, id: string, transition: string, extra?: object) => Promise<unknown>;

/** The audit day: every checklist question answered, two findings, the report. */
async function runAudit(
  desk: DemoDesk,
  agenda: Agenda,
  move: Move,
  id: string,
  day: (n: number, time: string) => number,
): Promise<void> {
  const audit = await desk.as('danhgia')('audits.get', { id });
  const items = audit.record.data['checklist'] as { id: string; clause: string }[];
  // Five birth registrations of the last three months, two missing the receiver's signature
  // on Mẫu 06: the evidence of the finding below.
  const auditDay = civilDateOf(day(25, '08:00'));
  const sampled = await desk.as('danhgia')('audits.drawSample', {
    id,
    rev: audit.record.rev,
    size: 5,
    from: addCivilDays(auditDay, -90),
    to: auditDay,
  });
  const sample = sampled.record.data['sample'] as { dossierId: string; outcome: string }[];
  for (const [i, s] of sample.entries())
    await desk.as('danhgia')('audits.checkSample', {
      id,
      dossierId: s.dossierId,
      receivedOk: true,
      stepsOk: s.outcome !== 'late',
      formsOk: i >= 2,
      note: i < 2 ? 'Mẫu 06 thiếu chữ ký người nhận ở bước chuyển hồ sơ' : '',
    });
  for (const [i, item] of items.entries())
    await desk.as('danhgia')('audits.answer', {
      id,
      itemId: item.id,
      result: i === 1 ? 'observation' : i === 3 ? 'nc' : 'conform',
      note: i === 3 ? 'Hai hồ sơ trong mẫu thiếu chữ ký người nhận trên Mẫu 06' : '',
    });
  await desk.as('danhgia')('audits.addFinding', {
    auditId: id,
    type: 'observation',
    clause: items[1]?.clause ?? '7.5',
    description: 'Sổ theo dõi hồ sơ in hằng tuần, chưa có chữ ký xác nhận của người lập',
    evidence: 'Sổ theo dõi tháng hiện tại',
  });
  const finding = await desk.as('danhgia')('audits.addFinding', {
    auditId: id,
    type: 'minor_nc',
    clause: items[3]?.clause ?? '8.5',
    description: 'Phiếu kiểm soát quá trình (Mẫu 06) thiếu chữ ký người nhận ở bước chuyển hồ sơ',
    evidence: 'Hai hồ sơ đăng ký khai sinh trong mẫu kiểm tra',
    ownerId: desk.id('thuky'),
    deadline: civilDateOf(day(40, '17:00')),
  });
  agenda.add(day(27, '16:00'), async () => {
    await move('danhgia', id, 'report', {
      comment: 'Hệ thống được duy trì phù hợp; một điểm không phù hợp nhẹ về Mẫu 06 cần khắc phục.',
    });
  });
  // The finding's nonconformity: analysed, its action done, its effectiveness checked later.
  const nc = finding.nonconformityId;
  if (!nc) return;
  agenda.add(day(29, '09:00'), async () => {
    await move('thuky', nc, 'analyse', {
      fields: {
        whys: ['Mẫu 06 chuyển kèm hồ sơ nhưng người nhận không ký', 'Chưa nhắc trong quy trình'],
        rootCause: 'Quy trình chưa nêu rõ người nhận hồ sơ phải ký Mẫu 06 khi nhận',
        category: 'documents',
      },
    });
    const action = await desk.as('thuky')('actions.create', {
      title: 'Nhắc ký Mẫu 06 khi nhận hồ sơ',
      description: 'Văn thư kiểm tra chữ ký người nhận trên Mẫu 06 trước khi lưu hồ sơ',
      ownerId: desk.id('vanthu'),
      dueDate: civilDateOf(day(40, '17:00')),
      sourceKind: 'nonconformity',
      sourceId: nc,
    });
    // Checked on the deadline: still not done today, the overdue nonconformity of the demo.
    await move('thuky', nc, 'plan', { date: civilDateOf(day(40, '17:00')) });
    agenda.add(day(38, '10:30'), async () => {
      await move('vanthu', action.id, 'complete', {
        comment: 'Đã kiểm tra Mẫu 06 của các hồ sơ lưu trong tháng, bổ sung chữ ký còn thiếu',
      });
    });
  });
}
