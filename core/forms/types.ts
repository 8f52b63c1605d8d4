// The data the one-stop-desk forms are filled from. Plain values, already resolved by services:
// times are UTC epoch milliseconds and are printed in Vietnam time by the templates.

export type DocumentKind = 'original' | 'certified_copy' | 'copy';

/** Result of one hand-off (or of the whole dossier) against its allotted time. */
export type StepResult = 'early' | 'on_time' | 'late';

export interface FormOffice {
  /** Governing body printed first in the header, e.g. 'UBND xã Tân Phú'. */
  readonly name: string;
  /** Issuing unit printed bold under it, e.g. 'Trung tâm Phục vụ hành chính công'. */
  readonly unitName?: string | undefined;
  /** QCVN 102:2016 agency code, e.g. '000.00.00.H56'. */
  readonly agencyCode: string;
  readonly province: string;
  /** Place name for the date line (Nghị định 30/2020: the commune's name), e.g. 'Tân Phú'. */
  readonly commune: string;
  readonly address: string;
  readonly phone?: string | undefined;
}

export interface FormApplicant {
  readonly fullName: string;
  readonly idNumber: string;
  readonly address: string;
  readonly phone: string;
  readonly email: string;
}

export interface FormDocument {
  readonly name: string;
  readonly kind: DocumentKind;
  readonly count: number;
}

export interface FormSigner {
  readonly name: string;
  /** e.g. 'Chủ tịch', 'Công chức Bộ phận Một cửa'. */
  readonly title: string;
  /** Line above the title when signing for someone else, e.g. 'KT. Chủ tịch' (Nghị định 30/2020). */
  readonly authority?: string | undefined;
}

export interface FormHandoff {
  readonly fromName: string;
  readonly fromUnit: string;
  readonly toName: string;
  readonly toUnit: string;
  readonly at: number;
  /** When the receiving step is due; null for the final hand-back to the applicant. */
  readonly dueAt: number | null;
  /** null while the receiving step is still open. */
  readonly result: StepResult | null;
  readonly note: string;
}

export interface FormMissingItem {
  readonly name: string;
  readonly note?: string | undefined;
}

export interface FormSupplement {
  readonly issuedAt: number;
  readonly items: readonly FormMissingItem[];
  readonly reason: string;
  readonly contactName: string;
  readonly contactPhone: string;
  readonly signer: FormSigner;
}

export interface FormRefusal {
  readonly issuedAt: number;
  readonly reason: string;
  readonly signer: FormSigner;
}

export interface FormApology {
  readonly issuedAt: number;
  readonly reason: string;
  /** The appointment the extension replaces (as printed on the receipt, or moved by a supplement). */
  readonly previousDueAt: number;
  readonly newDueAt: number;
  readonly signer: FormSigner;
}

export interface FormStop {
  readonly issuedAt: number;
  readonly reason: string;
  readonly signer: FormSigner;
}

export interface FormDossier {
  readonly code: string;
  readonly procedureName: string;
  readonly procedureCode: string;
  readonly applicant: FormApplicant;
  readonly documents: readonly FormDocument[];
  /** Number of dossier sets (bộ) received. */
  readonly sets: number;
  readonly receivedAt: number;
  readonly dueAt: number;
  /** Time limit as the catalog states it, e.g. '03 ngày làm việc'. */
  readonly timeLimitText: string;
  /** Where the result is collected, e.g. 'Bộ phận Một cửa UBND xã' or a postal address. */
  readonly collectAt: string;
  /** null when the rate is not known yet (province rate not entered). */
  readonly feeVnd: number | null;
  readonly bookVolume: string;
  readonly bookLine: string;
  readonly receiverName: string;
  readonly handoffs: readonly FormHandoff[];
  readonly supplement?: FormSupplement | undefined;
  readonly refusal?: FormRefusal | undefined;
  readonly apology?: FormApology | undefined;
  readonly stop?: FormStop | undefined;
}

export interface TrackingBookRow {
  readonly code: string;
  readonly procedureName: string;
  readonly sets: number;
  readonly applicantName: string;
  readonly applicantAddress: string;
  readonly applicantPhone: string;
  /** Unit that leads the processing, e.g. 'Công chức Tư pháp - Hộ tịch'. */
  readonly handlingUnit: string;
  readonly receivedAt: number;
  readonly dueAt: number;
  readonly sentAt: number | null;
  readonly resultReceivedAt: number | null;
  readonly returnedAt: number | null;
  readonly note: string;
}

export interface TrackingBook {
  readonly volume: string;
  /** Civil dates 'YYYY-MM-DD' (Vietnam time), inclusive. */
  readonly period: { readonly from: string; readonly to: string };
  readonly rows: readonly TrackingBookRow[];
}

export interface DossierFormData {
  readonly office: FormOffice;
  readonly dossier: FormDossier;
}

export interface TrackingBookData {
  readonly office: FormOffice;
  readonly book: TrackingBook;
}

/** Number and title a form set gives a template. */
export interface FormMeta {
  /** e.g. 'Mẫu số 01' */
  readonly label: string;
  readonly title: string;
}

export interface RenderOptions {
  /**
   * Base URL of the shipped fonts, e.g. 'app://resources/fonts/' or a file:// URL. Trusted
   * configuration from the shell, not user data; still encoded before it reaches CSS.
   */
  readonly fontBaseUrl: string;
  /** The province's notes for this form (core/sync/form-template.ts), printed at its end. */
  readonly notes?: readonly string[] | undefined;
}
