// Filling the legal forms from a dossier (the form set it was received under) and the
// tracking book for a period, as HTML ready to print or save as PDF; the book also as Excel.
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { dayNumberOf, startOfDayNumber } from '../../core/calendar/civil-time';
import { STEP_ROLE_LABELS, type StepRole } from '../../core/catalog/schema';
import { AppError } from '../../core/errors';
import { formatIsoDate } from '../../core/forms/format';
import { formFor, formSetById, formSetFor, type FormSetId } from '../../core/forms/registry';
import { isViceChair, leaderSignature } from '../../core/forms/signer';
import type {
  FormDossier,
  FormHandoff,
  FormOffice,
  FormSigner,
  TrackingBook,
} from '../../core/forms/types';
import { dossierEvents, dossierSteps, dossiers, office, procedures, users } from '../../db/schema';
import type { OpInput } from '../../core/contract';
import { write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { getDeskSettings } from './calendar';
import { timeLimitText } from './catalog';
import { loadDossier } from './dossier-view';
import { formNotes } from './form-notes';
import { logPersonalDataAccess } from './access-log';
import { buildBookWorkbook } from './excel-book';

const DAY_MS = 86_400_000;

export function fontBaseUrl(ctx: Ctx): string {
  return ctx.platform.kind === 'electron' ? 'app://isoxa/resources/fonts/' : '/resources/fonts/';
}

export function formOffice(ctx: Ctx): FormOffice {
  const o = ctx.db.select().from(office).get();
  if (!o) throw new AppError('NOT_SET_UP');
  return {
    name: o.name,
    unitName: 'Bộ phận Một cửa',
    agencyCode: o.agencyCode,
    province: o.province,
    commune: o.commune.replace(/^(Xã|Phường|Đặc khu)\s+/i, ''),
    address: o.address,
  };
}

/**
 * The head who signs a letter: the leader who recorded it, else the Chairman, else any leader
 * (an apology may be recorded by the specialist holding the step; the head still signs it).
 */
function leaderSigner(ctx: Ctx, actorId: string | null): FormSigner {
  const leaders = ctx.db
    .select()
    .from(users)
    .all()
    .filter((u) => u.roles.includes('leader'));
  const actor = leaders.find((u) => u.id === actorId);
  const active = leaders.filter((u) => !u.disabled);
  const head = actor ?? active.find((u) => !isViceChair(u.title)) ?? active[0];
  return head ? leaderSignature(head.fullName, head.title) : { name: '', title: 'Chủ tịch' };
}

const roleUnit = (role: string) => STEP_ROLE_LABELS[role as StepRole] ?? role;

export function formDossier(ctx: Ctx, id: string): FormDossier {
  const d = loadDossier(ctx.db, id);
  const names = new Map(
    ctx.db
      .select({ id: users.id, fullName: users.fullName })
      .from(users)
      .all()
      .map((u) => [u.id, u.fullName]),
  );
  const events = ctx.db
    .select()
    .from(dossierEvents)
    .where(eq(dossierEvents.dossierId, id))
    .orderBy(asc(dossierEvents.at))
    .all();
  const last = (kind: string) => events.filter((e) => e.kind === kind).at(-1);
  const receiver = names.get(d.row.receivedBy) ?? '';
  const deskSigner: FormSigner = { name: receiver, title: 'Công chức Bộ phận Một cửa' };
  const supplement = last('supplement_requested');
  const refusal = last('refused');
  const apology = last('apology');
  const stop = last('stopped');
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const handoffs: FormHandoff[] = d.steps
    .filter((s) => s.fromUserId !== null)
    .map((s) => {
      const from = d.steps.find((p) => p.stepNo === s.stepNo - 1);
      return {
        fromName: names.get(s.fromUserId ?? '') ?? '',
        fromUnit: roleUnit(from?.role ?? ''),
        toName: names.get(s.assigneeId ?? '') ?? '',
        toUnit: roleUnit(s.role),
        at: s.startedAt,
        dueAt: s.dueAt,
        result: s.outcome ?? null,
        note: s.note,
      };
    });
  if (d.row.returnedAt !== null) {
    handoffs.push({
      fromName: receiver,
      fromUnit: roleUnit('desk_officer'),
      toName: d.row.applicantName,
      toUnit: 'Người nộp hồ sơ',
      at: d.row.returnedAt,
      dueAt: null,
      result: d.row.outcome ?? null,
      note: '',
    });
  }
  return {
    code: d.row.code,
    procedureName: d.procedure.name,
    procedureCode: d.procedure.code,
    applicant: {
      fullName: d.row.applicantName,
      idNumber: d.row.applicantIdNumber,
      address: d.row.applicantAddress,
      phone: d.row.applicantPhone,
      email: d.row.applicantEmail,
    },
    documents: d.row.documents,
    sets: d.row.sets,
    receivedAt: d.row.receivedAt,
    dueAt: d.row.dueAt,
    timeLimitText: timeLimitText(d.version.body),
    collectAt: d.version.body.resultCollection || getDeskSettings(ctx).collectPlace,
    feeVnd: d.row.feeVnd,
    bookVolume: String(d.row.bookYear),
    bookLine: String(d.row.bookLine),
    receiverName: receiver,
    handoffs,
    supplement: supplement && {
      issuedAt: supplement.at,
      items: (Array.isArray(supplement.data['items'])
        ? (supplement.data['items'] as unknown[])
        : []
      ).map((i) => ({ name: str(i) })),
      reason: str(supplement.data['reason']),
      contactName: names.get(supplement.userId ?? '') ?? '',
      contactPhone: '',
      signer: deskSigner,
    },
    refusal: refusal && {
      issuedAt: refusal.at,
      reason: str(refusal.data['reason']),
      signer: deskSigner,
    },
    apology: apology && {
      issuedAt: apology.at,
      reason: str(apology.data['reason']),
      previousDueAt: Number(apology.data['previousDueAt']),
      newDueAt: Number(apology.data['dueAt']),
      signer: leaderSigner(ctx, apology.userId),
    },
    stop: stop && {
      issuedAt: stop.at,
      reason: str(stop.data['reason']),
      signer: leaderSigner(ctx, stop.userId),
    },
  };
}

export function trackingBook(ctx: Ctx, from: string, to: string): TrackingBook {
  if (to < from) throw new AppError('INVALID_INPUT', 'Ngày kết thúc phải sau ngày bắt đầu.');
  const start = startOfDayNumber(dayNumberOf(from));
  const end = startOfDayNumber(dayNumberOf(to)) + DAY_MS;
  const rows = ctx.db
    .select({ d: dossiers, procedureName: procedures.name })
    .from(dossiers)
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .where(and(gte(dossiers.receivedAt, start), lt(dossiers.receivedAt, end)))
    .orderBy(asc(dossiers.receivedAt))
    .limit(20_000)
    .all();
  return {
    volume: from.slice(0, 4),
    period: { from, to },
    rows: rows.map(({ d, procedureName }) => {
      const steps = ctx.db
        .select()
        .from(dossierSteps)
        .where(eq(dossierSteps.dossierId, d.id))
        .orderBy(asc(dossierSteps.stepNo))
        .all();
      const lastStep = steps.at(-1);
      return {
        code: d.code,
        procedureName,
        sets: d.sets,
        applicantName: d.applicantName,
        applicantAddress: d.applicantAddress,
        applicantPhone: d.applicantPhone,
        handlingUnit: roleUnit(steps[1]?.role ?? ''),
        receivedAt: d.receivedAt,
        dueAt: d.dueAt,
        sentAt: steps[1]?.startedAt ?? null,
        resultReceivedAt:
          d.status === 'ready' || d.status === 'returned' ? (lastStep?.startedAt ?? null) : null,
        returnedAt: d.returnedAt,
        note:
          d.status === 'refused'
            ? 'Từ chối'
            : d.status === 'stopped'
              ? 'Dừng giải quyết'
              : d.extended
                ? 'Gia hạn'
                : '',
      };
    }),
  };
}

/** A dossier's form, filled, as printable HTML (logged as an access to personal data). */
function renderForm(ctx: Ctx, input: OpInput<'forms.render'>) {
  const row = ctx.db
    .select({ formSet: dossiers.formSet, code: dossiers.code })
    .from(dossiers)
    .where(eq(dossiers.id, input.dossierId))
    .get();
  if (!row) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ.');
  const formSet = formSetById(row.formSet as FormSetId);
  const form = formFor(formSet, input.kind);
  if (!form) throw new AppError('NOT_FOUND', 'Bộ biểu mẫu của hồ sơ này không có mẫu đó.');
  logPersonalDataAccess(ctx, input.dossierId, 'print', `In ${form.label} của hồ sơ ${row.code}`);
  return {
    title: `${form.label}: ${form.title}`,
    fileName: `${form.label} - ${row.code}.pdf`.replace(/[\\/:*?"<>|]/g, '-'),
    html: form.render(
      { office: formOffice(ctx), dossier: formDossier(ctx, input.dossierId) },
      { fontBaseUrl: fontBaseUrl(ctx), notes: formNotes(ctx.db, formSet.id, input.kind) },
    ),
  };
}

/** The book of a period under the form set in force at its end (the print and Excel share it). */
function bookForm(ctx: Ctx, input: OpInput<'book.get'>) {
  const set = formSetFor(input.to) ?? formSetById('tt03-2025');
  const form = formFor(set, 'tracking_book');
  if (!form) throw new AppError('NOT_FOUND');
  return { set, form, book: trackingBook(ctx, input.from, input.to) };
}

/** The tracking book lists many citizens at once: each view or export of it is logged. */
function logBook(ctx: Ctx, input: OpInput<'book.get'>, how: string, rows: number): void {
  const period = `từ ${formatIsoDate(input.from)} đến ${formatIsoDate(input.to)}`;
  write(ctx, () => ({
    result: undefined,
    audit: {
      operation: 'book.view',
      entity: 'book',
      summary: `${how} sổ theo dõi hồ sơ ${period} (${rows} hồ sơ)`,
    },
  }));
}

function renderBook(ctx: Ctx, input: OpInput<'book.get'>) {
  const { set, form, book } = bookForm(ctx, input);
  logBook(ctx, input, 'Xem, in', book.rows.length);
  return {
    title: `${form.label}: ${form.title}`,
    fileName: `so-theo-doi-ho-so_${input.from}_${input.to}.pdf`,
    html: form.render(
      { office: formOffice(ctx), book },
      { fontBaseUrl: fontBaseUrl(ctx), notes: formNotes(ctx.db, set.id, 'tracking_book') },
    ),
    rows: book.rows.length,
  };
}

async function savePdf(ctx: Ctx, doc: { html: string; fileName: string }) {
  if (!ctx.platform.savePdf)
    throw new AppError(
      'INVALID_INPUT',
      'Lưu PDF trực tiếp chỉ có trong ứng dụng trên máy tính. Trên trình duyệt: bấm "In / Lưu PDF" rồi chọn máy in "Lưu dưới dạng PDF" (Save as PDF).',
    );
  return { path: await ctx.platform.savePdf(doc.html, doc.fileName) };
}

export const formHandlers: PartialHandlers = {
  'forms.render': (ctx, input) => {
    const { title, html } = renderForm(ctx, input);
    return { title, html };
  },
  'forms.savePdf': (ctx, input) => savePdf(ctx, renderForm(ctx, input)),
  'book.get': (ctx, input) => {
    const { title, html, rows } = renderBook(ctx, input);
    return { title, html, rows };
  },
  'book.savePdf': (ctx, input) => savePdf(ctx, renderBook(ctx, input)),
  'book.exportExcel': async (ctx, input) => {
    const { form, book } = bookForm(ctx, input);
    logBook(ctx, input, 'Xuất Excel', book.rows.length);
    const buffer = await buildBookWorkbook(form, { office: formOffice(ctx), book });
    return {
      fileName: `so-theo-doi-ho-so_${input.from}_${input.to}.xlsx`,
      base64: Buffer.from(buffer).toString('base64'),
    };
  },
};
