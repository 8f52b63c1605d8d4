// Notices to the applicant: supplement request, refusal, apology with a new date, stop notice.
// Each falls back to dotted leaders when its event is not recorded yet, so a blank can be printed.
import { escapeHtml, formatDate, formatDateTime } from './format';
import { actingUnit, documentHtml, field, headerHtml, signaturesHtml, titleHtml } from './layout';
import type { DossierFormData, FormDossier, FormMeta, FormSigner, RenderOptions } from './types';

function applicantLines(d: Readonly<FormDossier>): string {
  const a = d.applicant;
  return `<p>Địa chỉ: ${field(a.address)}</p>
<p>Số điện thoại: ${field(a.phone)}; Thư điện tử: ${field(a.email)}</p>`;
}

function subtitle(d: Readonly<FormDossier>): string {
  return `Mã hồ sơ: <b>${field(d.code)}</b>`;
}

function signerBlock(role: string, hint: string, signer: Readonly<FormSigner> | undefined) {
  return {
    authority: signer?.authority,
    role: signer?.title ?? role,
    hint,
    name: signer?.name ?? null,
  };
}

/** "Nơi nhận" column used by letters signed by the head of the office. */
function recipients(applicantName: string): string {
  return `<b>Nơi nhận:</b><br>- Ông/Bà ${field(applicantName)};<br>- Lưu: VT, Bộ phận Một cửa.`;
}

export function renderSupplement(
  meta: Readonly<FormMeta>,
  data: Readonly<DossierFormData>,
  options: Readonly<RenderOptions>,
): string {
  const { office, dossier: d } = data;
  const s = d.supplement;
  const items = s?.items ?? [];
  const rows = items.length
    ? items
        .map(
          (it, i) =>
            `<tr><td class="c">${i + 1}</td><td>${field(it.name)}</td><td>${it.note ? field(it.note) : ''}</td></tr>`,
        )
        .join('\n')
    : '<tr><td class="c">&nbsp;</td><td></td><td></td></tr>'.repeat(3);
  const body = `${headerHtml(office, meta.label, s?.issuedAt ?? d.receivedAt)}
${titleHtml(meta.title, subtitle(d))}
<p>${actingUnit(office)} tiếp nhận hồ sơ của: Ông/Bà <b>${field(d.applicant.fullName)}</b></p>
${applicantLines(d)}
<p>Nội dung yêu cầu giải quyết: ${field(d.procedureName)}</p>
<p>Thời gian tiếp nhận hồ sơ: ${escapeHtml(formatDateTime(d.receivedAt))}</p>
<p>Yêu cầu Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:</p>
<table class="grid">
<tr><th style="width:7%">TT</th><th>Nội dung cần bổ sung, hoàn thiện</th><th style="width:30%">Ghi chú</th></tr>
${rows}
</table>
<p>Lý do: ${field(s?.reason)}</p>
<p>Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ công chức ${field(s?.contactName)}, số điện thoại ${field(s?.contactPhone)} để được hướng dẫn./.</p>
${signaturesHtml(['', signerBlock('Người hướng dẫn', '(Ký và ghi rõ họ tên)', s?.signer)])}`;
  return documentHtml({ title: `${meta.title} - ${d.code}`, body }, options);
}

export function renderRefusal(
  meta: Readonly<FormMeta>,
  data: Readonly<DossierFormData>,
  options: Readonly<RenderOptions>,
): string {
  const { office, dossier: d } = data;
  const r = d.refusal;
  const body = `${headerHtml(office, meta.label, r?.issuedAt ?? d.receivedAt)}
${titleHtml(meta.title, subtitle(d))}
<p>${actingUnit(office)} tiếp nhận hồ sơ đề nghị của: Ông/Bà <b>${field(d.applicant.fullName)}</b></p>
${applicantLines(d)}
<p>Nội dung yêu cầu giải quyết: ${field(d.procedureName)}</p>
<p>Thời gian tiếp nhận hồ sơ: ${escapeHtml(formatDateTime(d.receivedAt))}</p>
<p>Qua xem xét, ${actingUnit(office)} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:</p>
<p>${field(r?.reason)}</p>
<p>Xin thông báo để Ông/Bà được biết và thực hiện./.</p>
${signaturesHtml(['', signerBlock('Người tiếp nhận hồ sơ', '(Ký và ghi rõ họ tên)', r?.signer)])}`;
  return documentHtml({ title: `${meta.title} - ${d.code}`, body }, options);
}

/** TT 01/2018 sets a new date; TT 03/2025 asks the applicant to accept an extension. */
export type ApologyWording = 'new_date' | 'extension';

export function renderApology(
  meta: Readonly<FormMeta>,
  wording: ApologyWording,
  data: Readonly<DossierFormData>,
  options: Readonly<RenderOptions>,
): string {
  const { office, dossier: d } = data;
  const ap = d.apology;
  const newDue = ap ? `<b>${escapeHtml(formatDateTime(ap.newDueAt))}</b>` : field(null);
  const ask =
    wording === 'extension'
      ? `${actingUnit(office)} trân trọng xin lỗi Ông/Bà và đề nghị Ông/Bà đồng ý gia hạn thời gian giải quyết hồ sơ đến ${newDue}.`
      : `${actingUnit(office)} trân trọng xin lỗi Ông/Bà và hẹn lại thời gian trả kết quả vào ${newDue}.`;
  const body = `${headerHtml(office, meta.label, ap?.issuedAt ?? d.receivedAt)}
${titleHtml(meta.title, subtitle(d))}
<p style="text-align:center">Kính gửi: Ông/Bà <b>${field(d.applicant.fullName)}</b></p>
<p>Ngày ${escapeHtml(formatDate(d.receivedAt))}, ${actingUnit(office)} tiếp nhận hồ sơ đề nghị giải quyết thủ tục ${field(d.procedureName)} của Ông/Bà, mã hồ sơ ${field(d.code)}.</p>
<p>Thời hạn trả kết quả theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả là ${escapeHtml(formatDateTime(ap?.previousDueAt ?? d.dueAt))}. Tuy nhiên, đến nay hồ sơ của Ông/Bà chưa giải quyết xong.</p>
<p>Lý do: ${field(ap?.reason)}</p>
<p>Sự chậm trễ này đã gây phiền hà cho Ông/Bà. ${ask}</p>
<p>Rất mong nhận được sự thông cảm của Ông/Bà./.</p>
${signaturesHtml([recipients(d.applicant.fullName), signerBlock('Thủ trưởng cơ quan', '(Ký, ghi rõ họ tên và đóng dấu)', ap?.signer)])}`;
  return documentHtml({ title: `${meta.title} - ${d.code}`, body }, options);
}

export function renderStop(
  meta: Readonly<FormMeta>,
  data: Readonly<DossierFormData>,
  options: Readonly<RenderOptions>,
): string {
  const { office, dossier: d } = data;
  const st = d.stop;
  const body = `${headerHtml(office, meta.label, st?.issuedAt ?? d.receivedAt)}
${titleHtml(meta.title, subtitle(d))}
<p style="text-align:center">Kính gửi: Ông/Bà <b>${field(d.applicant.fullName)}</b></p>
${applicantLines(d)}
<p>Ngày ${escapeHtml(formatDate(d.receivedAt))}, ${actingUnit(office)} tiếp nhận hồ sơ đề nghị giải quyết thủ tục ${field(d.procedureName)} của Ông/Bà, mã hồ sơ ${field(d.code)}.</p>
<p>${actingUnit(office)} thông báo dừng giải quyết hồ sơ nêu trên.</p>
<p>Lý do: ${field(st?.reason)}</p>
<p>Xin thông báo để Ông/Bà được biết./.</p>
${signaturesHtml([recipients(d.applicant.fullName), signerBlock('Thủ trưởng cơ quan', '(Ký, ghi rõ họ tên và đóng dấu)', st?.signer)])}`;
  return documentHtml({ title: `${meta.title} - ${d.code}`, body }, options);
}
