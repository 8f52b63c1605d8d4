// Form sets bound to their legal basis and effective dates. A dossier prints with the set in
// force on the day it was received, so dossiers accepted before 15/9/2025 keep the TT 01/2018 forms.
import { renderControlSlip } from './control-slip';
import { vnIsoDate } from './format';
import { renderApology, renderRefusal, renderStop, renderSupplement } from './notices';
import { renderReceipt } from './receipt';
import { renderTrackingBook } from './tracking-book';
import type { DossierFormData, FormMeta, RenderOptions, TrackingBookData } from './types';

export const FORM_KINDS = [
  'receipt',
  'supplement',
  'refusal',
  'apology',
  'stop',
  'control_slip',
  'tracking_book',
] as const;
export type FormKind = (typeof FORM_KINDS)[number];

export type FormDataFor<K extends FormKind> = K extends 'tracking_book'
  ? TrackingBookData
  : DossierFormData;

export interface FormDefinition<K extends FormKind = FormKind> {
  readonly kind: K;
  /** Two-digit number within its set, e.g. '01'. */
  readonly number: string;
  /** 'Mẫu số 01' */
  readonly label: string;
  readonly title: string;
  /** A complete HTML document, ready for the print window. */
  render(data: Readonly<FormDataFor<K>>, options: Readonly<RenderOptions>): string;
}

/** Any one form; narrowing on `kind` gives the matching data type. */
export type AnyFormDefinition = { [K in FormKind]: FormDefinition<K> }[FormKind];

export type FormSetId = 'tt01-2018' | 'tt03-2025';

export interface FormSet {
  readonly id: FormSetId;
  readonly legalBasis: string;
  /** Civil dates 'YYYY-MM-DD', inclusive; effectiveTo null while in force. */
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
  readonly forms: readonly AnyFormDefinition[];
}

type Renderer<K extends FormKind> = (
  meta: Readonly<FormMeta>,
  data: Readonly<FormDataFor<K>>,
  options: Readonly<RenderOptions>,
) => string;

function form<K extends FormKind>(
  kind: K,
  number: string,
  title: string,
  renderer: Renderer<K>,
): FormDefinition<K> {
  const meta: FormMeta = { label: `Mẫu số ${number}`, title };
  return {
    kind,
    number,
    label: meta.label,
    title,
    render: (data, options) => renderer(meta, data, options),
  };
}

const TT01_2018: FormSet = {
  id: 'tt01-2018',
  legalBasis: 'Thông tư 01/2018/TT-VPCP',
  // Issued 23/11/2018; in force from 08/01/2019 (until TT 03/2025 replaced it).
  effectiveFrom: '2019-01-08',
  effectiveTo: '2025-09-14',
  forms: [
    form('receipt', '01', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', renderReceipt),
    form('supplement', '02', 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', renderSupplement),
    form('refusal', '03', 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', renderRefusal),
    form('apology', '04', 'Phiếu xin lỗi và hẹn lại ngày trả kết quả', (meta, data, options) =>
      renderApology(meta, 'new_date', data, options),
    ),
    form('control_slip', '05', 'Phiếu kiểm soát quá trình giải quyết hồ sơ', renderControlSlip),
    form('tracking_book', '06', 'Sổ theo dõi hồ sơ', renderTrackingBook),
  ],
};

const TT03_2025: FormSet = {
  id: 'tt03-2025',
  legalBasis: 'Thông tư 03/2025/TT-VPCP',
  effectiveFrom: '2025-09-15',
  effectiveTo: null,
  forms: [
    form('receipt', '01', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', renderReceipt),
    form('supplement', '02', 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', renderSupplement),
    form('refusal', '03', 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', renderRefusal),
    form(
      'apology',
      '04',
      'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
      (meta, data, options) => renderApology(meta, 'extension', data, options),
    ),
    form('stop', '05', 'Thông báo dừng giải quyết hồ sơ', renderStop),
    form('control_slip', '06', 'Phiếu kiểm soát quá trình giải quyết hồ sơ', renderControlSlip),
    form('tracking_book', '07', 'Sổ theo dõi hồ sơ', renderTrackingBook),
  ],
};

export const FORM_SETS: readonly FormSet[] = [TT01_2018, TT03_2025];

/** The form set in force on the civil date a dossier was received ('YYYY-MM-DD'). */
export function formSetFor(receivedDate: string): FormSet | undefined {
  return FORM_SETS.find(
    (s) =>
      s.effectiveFrom <= receivedDate && (s.effectiveTo === null || receivedDate <= s.effectiveTo),
  );
}

/** Same, from the receipt instant, using the Vietnam civil date. */
export function formSetForReceivedAt(receivedAt: number): FormSet | undefined {
  return formSetFor(vnIsoDate(receivedAt));
}

export function formSetById(id: FormSetId): FormSet {
  const set = FORM_SETS.find((s) => s.id === id);
  if (!set) throw new Error(`Không có bộ biểu mẫu ${id}`);
  return set;
}

/** The set's form of a kind, or undefined when the set has none (TT 01/2018 has no stop notice). */
export function formFor<K extends FormKind>(
  set: Readonly<FormSet>,
  kind: K,
): FormDefinition<K> | undefined {
  return set.forms.find((f): f is Extract<AnyFormDefinition, { kind: K }> => f.kind === kind) as
    FormDefinition<K> | undefined;
}
