// What a commune desk's dossiers look like, shared by the demo office (made through the
// handlers) and the benchmark's generated history: the procedure mix, the documents a citizen
// hands in, the reasons officials write when they refuse, stop, ask for more or apologize.
import type { ProcedureVersion } from '../catalog/schema';
import type { DossierDocument } from '../desk/types';

/** Share of dossiers by national procedure code: certifications and birth registration lead. */
export const PROCEDURE_MIX: Readonly<Record<string, number>> = {
  '2.000815': 34, // chứng thực bản sao từ bản chính
  '1.001193': 17, // đăng ký khai sinh
  '2.000884': 12, // chứng thực chữ ký
  '1.004873': 8, // xác nhận tình trạng hôn nhân
  '2.001035': 5, // chứng thực hợp đồng, giao dịch
  '2.000635': 5, // bản sao trích lục hộ tịch
  '1.000894': 4, // đăng ký kết hôn
  '1.000656': 3, // đăng ký khai tử
  '1.001776': 2.5, // trợ cấp xã hội
  '2.000908': 2, // bản sao từ sổ gốc
  '1.013225': 1.5, // giấy phép xây dựng
  '1.004859': 1.5, // thay đổi, cải chính hộ tịch
  '1.004884': 1, // đăng ký lại khai sinh
  '1.001022': 0.5, // nhận cha, mẹ, con
  '1.004837': 0.3, // giám hộ
};

export const REFUSE_REASONS = [
  'Hồ sơ không đủ điều kiện giải quyết theo quy định',
  'Yêu cầu không thuộc thẩm quyền giải quyết của UBND xã',
  'Giấy tờ nộp kèm không hợp lệ, người yêu cầu không bổ sung được',
  'Người yêu cầu chứng thực không đủ năng lực hành vi dân sự',
];
export const STOP_REASONS = [
  'Người yêu cầu có văn bản đề nghị rút hồ sơ',
  'Người yêu cầu không bổ sung hồ sơ trong thời hạn đã hẹn',
  'Có tranh chấp, khiếu nại liên quan đến nội dung yêu cầu',
];
export const SUPPLEMENT_REASONS = [
  'Giấy tờ nộp kèm chưa đầy đủ theo quy định',
  'Thông tin trên tờ khai chưa khớp với giấy tờ tùy thân',
  'Bản sao chưa được chứng thực, cần xuất trình bản chính để đối chiếu',
];
export const APOLOGY_REASONS = [
  'Cần xác minh thêm thông tin tại nơi cư trú trước đây của người yêu cầu',
  'Công chức chuyên môn đi công tác đột xuất',
  'Phải lấy ý kiến của cơ quan có liên quan',
  'Hệ thống cơ sở dữ liệu hộ tịch gián đoạn',
];

/** The documents handed in for a version: the required ones, or all of them. */
export function documentList(body: ProcedureVersion, withOptional: boolean): DossierDocument[] {
  const out: DossierDocument[] = [];
  for (const d of body.documents) {
    if (!d.required && !withOptional) continue;
    if (d.original > 0) out.push({ name: d.name, kind: 'original', count: d.original });
    else if (d.certifiedCopy > 0)
      out.push({ name: d.name, kind: 'certified_copy', count: d.certifiedCopy });
    else out.push({ name: d.name, kind: 'copy', count: d.copy });
  }
  if (!out.length) out.push({ name: 'Đơn đề nghị', kind: 'original', count: 1 });
  return out;
}
