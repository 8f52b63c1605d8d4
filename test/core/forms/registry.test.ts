import { describe, expect, it } from 'vitest';
import {
  FORM_KINDS,
  FORM_SETS,
  formFor,
  formSetById,
  formSetFor,
  formSetForReceivedAt,
} from '../../../core/forms/registry';

describe('form sets by received date', () => {
  it('uses TT 01/2018 up to 14/9/2025 and TT 03/2025 from 15/9/2025', () => {
    expect(formSetFor('2025-09-14')?.id).toBe('tt01-2018');
    expect(formSetFor('2025-09-15')?.id).toBe('tt03-2025');
    expect(formSetFor('2030-01-01')?.legalBasis).toBe('Thông tư 03/2025/TT-VPCP');
    expect(formSetFor('2019-01-08')?.legalBasis).toBe('Thông tư 01/2018/TT-VPCP');
  });

  it('has no set before TT 01/2018 took effect', () => {
    expect(formSetFor('2018-06-01')).toBeUndefined();
  });

  it('decides by the Vietnam date of the receipt instant', () => {
    // 17:30Z on 14/9 is 00:30 on 15/9 in Vietnam.
    expect(formSetForReceivedAt(Date.UTC(2025, 8, 14, 17, 30))?.id).toBe('tt03-2025');
    expect(formSetForReceivedAt(Date.UTC(2025, 8, 14, 16, 59))?.id).toBe('tt01-2018');
  });

  it('leaves no gap and no overlap between sets', () => {
    const [old, current] = FORM_SETS;
    expect(old?.effectiveTo).toBe('2025-09-14');
    expect(current?.effectiveFrom).toBe('2025-09-15');
    expect(current?.effectiveTo).toBeNull();
  });
});

describe('forms in each set', () => {
  it('TT 03/2025 has the seven Appendix I forms, numbered 01-07', () => {
    const set = formSetById('tt03-2025');
    expect(set.forms.map((f) => [f.number, f.kind, f.title])).toEqual([
      ['01', 'receipt', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả'],
      ['02', 'supplement', 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ'],
      ['03', 'refusal', 'Phiếu từ chối tiếp nhận giải quyết hồ sơ'],
      ['04', 'apology', 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết'],
      ['05', 'stop', 'Thông báo dừng giải quyết hồ sơ'],
      ['06', 'control_slip', 'Phiếu kiểm soát quá trình giải quyết hồ sơ'],
      ['07', 'tracking_book', 'Sổ theo dõi hồ sơ'],
    ]);
    expect(set.forms.map((f) => f.kind).sort()).toEqual([...FORM_KINDS].sort());
  });

  it('TT 01/2018 has six forms and no stop notice', () => {
    const set = formSetById('tt01-2018');
    expect(set.forms.map((f) => [f.number, f.kind, f.title])).toEqual([
      ['01', 'receipt', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả'],
      ['02', 'supplement', 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ'],
      ['03', 'refusal', 'Phiếu từ chối tiếp nhận giải quyết hồ sơ'],
      ['04', 'apology', 'Phiếu xin lỗi và hẹn lại ngày trả kết quả'],
      ['05', 'control_slip', 'Phiếu kiểm soát quá trình giải quyết hồ sơ'],
      ['06', 'tracking_book', 'Sổ theo dõi hồ sơ'],
    ]);
    expect(formFor(set, 'stop')).toBeUndefined();
    expect(formFor(set, 'control_slip')?.label).toBe('Mẫu số 05');
  });
});
