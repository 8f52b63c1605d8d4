import { describe, expect, it } from 'vitest';
import {
  FORM_SETS,
  formFor,
  formSetById,
  type AnyFormDefinition,
} from '../../../core/forms/registry';
import { BLANK } from '../../../core/forms/layout';
import { isViceChair, leaderSignature } from '../../../core/forms/signer';
import type { FormDossier, RenderOptions } from '../../../core/forms/types';
import { EVIL_ESCAPED, FONT_BASE, book, dossier, office } from './fixtures';

const options: RenderOptions = { fontBaseUrl: FONT_BASE };

function render(f: AnyFormDefinition, d: FormDossier = dossier): string {
  return f.kind === 'tracking_book'
    ? f.render({ office, book }, options)
    : f.render({ office, dossier: d }, options);
}

function renderKind(
  setId: 'tt01-2018' | 'tt03-2025',
  kind: AnyFormDefinition['kind'],
  d = dossier,
) {
  const f = formFor(formSetById(setId), kind);
  if (!f) throw new Error(`${setId} has no ${kind}`);
  return render(f, d);
}

const allForms = FORM_SETS.flatMap((set) => set.forms.map((f) => [set.id, f.label, f] as const));

describe.each(allForms)('%s %s', (_set, label, f) => {
  const html = render(f);

  it('is a complete A4 document in the shipped font', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(
      f.kind === 'tracking_book' ? '@page{size:A4 landscape;' : '@page{size:A4;',
    );
    expect(html).toContain('margin:20mm 15mm 20mm 30mm');
    expect(html).toContain(
      "font-family:'ISO Serif', 'Tinos', 'Liberation Serif', 'Times New Roman', serif",
    );
    for (const file of ['Regular', 'Bold', 'Italic', 'BoldItalic']) {
      expect(html).toContain(`url("app://resources/fonts/LiberationSerif-${file}.ttf")`);
    }
    expect(html).toContain('font-src app:');
    expect(html).toContain('</html>');
  });

  it('has the header, motto, form number and title', () => {
    expect(html).toContain('UBND XÃ TÂN PHÚ');
    expect(html).toContain('<div class="unit">TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG</div>');
    expect(html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(html).toContain('<div class="motto-2">Độc lập - Tự do - Hạnh phúc</div>');
    expect(html).toContain(`<div class="form-no">${label}</div>`);
    expect(html).toContain(`<h1 class="title">${f.title.toUpperCase()}</h1>`);
  });

  it('shows the dossier code and the escaped applicant name, never raw markup', () => {
    expect(html).toContain('H56.22-260302-0001');
    expect(html).toContain(EVIL_ESCAPED);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<b>gấp</b>');
  });

  it('prints times as hh:mm dd/mm/yyyy in Vietnam time', () => {
    if (f.kind === 'tracking_book') {
      expect(html).toContain('01:30<br>02/03/2026');
      expect(html).toContain('16:00<br>04/03/2026');
      expect(html).toContain('Từ ngày 01/03/2026 đến ngày 31/03/2026');
    } else {
      const letter = f.kind === 'apology' || f.kind === 'stop';
      expect(html).toContain(letter ? 'Ngày 02/03/2026, ' : '01:30 02/03/2026');
      expect(html).toContain('<td class="place-date">Tân Phú, ngày ');
    }
  });
});

describe('receipt', () => {
  const html = renderKind('tt03-2025', 'receipt');

  it('lists what the desk received and when the result is due', () => {
    expect(html).toContain('Tân Phú, ngày 02 tháng 3 năm 2026');
    expect(html).toContain('Thời gian nhận hồ sơ: <b>01:30 02/03/2026</b>');
    expect(html).toContain('Thời gian trả kết quả giải quyết hồ sơ: <b>16:00 04/03/2026</b>');
    expect(html).toContain('Cấp Giấy xác nhận tình trạng hôn nhân (mã thủ tục: 1.004873)');
    expect(html).toContain(
      '<td>Bản án ly hôn</td><td class="c"></td><td class="c">01</td><td class="c"></td>',
    );
    expect(html).toContain(
      '<td>Căn cước</td><td class="c"></td><td class="c"></td><td class="c">02</td>',
    );
    expect(html).toContain('Số lượng hồ sơ: 01 bộ');
    expect(html).toContain('Phí, lệ phí: 1.258.000 đồng');
    expect(html).toContain('Quyển số: 01/2026, Số thứ tự: 125');
    expect(html).toContain('NGƯỜI NỘP HỒ SƠ');
    expect(html).toContain('<div class="name">Trần Văn Bình</div>');
  });

  it('says when there is no fee or the rate is not set', () => {
    expect(renderKind('tt03-2025', 'receipt', { ...dossier, feeVnd: 0 })).toContain(
      'Phí, lệ phí: Không thu',
    );
    expect(renderKind('tt03-2025', 'receipt', { ...dossier, feeVnd: null })).toContain(
      'Phí, lệ phí: Theo mức thu do cơ quan có thẩm quyền quy định',
    );
  });

  it('prints dotted leaders for missing values', () => {
    const blank = renderKind('tt01-2018', 'receipt', {
      ...dossier,
      applicant: { ...dossier.applicant, email: '', phone: '  ' },
      documents: [],
    });
    expect(blank).toContain(`Số điện thoại: ${BLANK}; Thư điện tử: ${BLANK}`);
  });
});

describe('notices', () => {
  it('supplement request lists the missing items, reason and contact', () => {
    const html = renderKind('tt03-2025', 'supplement');
    expect(html).toContain(
      '<td>Bản sao Giấy chứng tử của chồng</td><td>Bản sao có chứng thực</td>',
    );
    expect(html).toContain('Lý do: Hồ sơ thiếu giấy tờ chứng minh việc chồng đã chết');
    expect(html).toContain('công chức Lê Thị Cúc, số điện thoại 0263 3800 123');
  });

  it('prints a blank supplement request when none is recorded', () => {
    const html = renderKind('tt03-2025', 'supplement', { ...dossier, supplement: undefined });
    expect(html).toContain(`Lý do: ${BLANK}`);
    expect(html).toContain('NGƯỜI HƯỚNG DẪN');
  });

  it('refusal gives the reason', () => {
    const html = renderKind('tt01-2018', 'refusal');
    expect(html).toContain('Yêu cầu không thuộc thẩm quyền giải quyết của UBND xã');
  });

  it('apology states old and new times; wording follows the set', () => {
    const now = renderKind('tt03-2025', 'apology');
    expect(now).toContain('16:00 04/03/2026');
    expect(now).toContain('gia hạn thời gian giải quyết hồ sơ đến <b>16:00 09/03/2026</b>');
    expect(now).toContain('Tân Phú, ngày 04 tháng 3 năm 2026');
    expect(now).toContain('<div class="role">CHỦ TỊCH</div>');
    expect(now).toContain('<div class="name">Phạm Văn Dũng</div>');
    const old = renderKind('tt01-2018', 'apology');
    expect(old).toContain('hẹn lại thời gian trả kết quả vào <b>16:00 09/03/2026</b>');
  });

  it('stop notice gives the reason', () => {
    const html = renderKind('tt03-2025', 'stop');
    expect(html).toContain('thông báo dừng giải quyết hồ sơ');
    expect(html).toContain('Lý do: Người yêu cầu rút hồ sơ');
  });
});

describe('control slip', () => {
  const html = renderKind('tt03-2025', 'control_slip');

  it('has the legal columns', () => {
    expect(html).toContain('TÊN CƠ QUAN, ĐƠN VỊ / NGƯỜI GIAO - NHẬN');
    expect(html).toContain('THỜI GIAN GIAO, NHẬN HỒ SƠ');
    expect(html).toContain('(Trước hạn/Đúng hạn/Quá hạn)');
    expect(html).toContain('GHI CHÚ');
  });

  it('lists every hand-off with its time and result label, in order', () => {
    const rows = html.split('<tr>').filter((r) => r.includes('<i>Người giao:</i>'));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('08:45 02/03/2026');
    expect(rows[0]).toContain('Hạn xử lý:</i> 16:00 03/03/2026');
    expect(rows[0]).toContain('<td class="c">Trước hạn</td>');
    expect(rows[1]).toContain('09:00 03/03/2026');
    expect(rows[1]).toContain('<td class="c">Đúng hạn</td>');
    expect(rows[1]).toContain('Trình ký &lt;b&gt;gấp&lt;/b&gt;');
    expect(rows[2]).toContain('17:00 04/03/2026');
    expect(rows[2]).toContain('<td class="c">Quá hạn</td>');
    expect(rows[2]).toContain('Chờ xác minh');
    expect(html.indexOf('Trước hạn</td>')).toBeLessThan(html.indexOf('Đúng hạn</td>'));
    expect(html.indexOf('Đúng hạn</td>')).toBeLessThan(html.indexOf('Quá hạn</td>'));
  });

  it('names giver and taker of each hand-off', () => {
    expect(html).toContain('Giao: Bộ phận Một cửa<br><i>Người giao:</i> Trần Văn Bình');
    expect(html).toContain('Nhận: Công chức Tư pháp - Hộ tịch<br><i>Người nhận:</i> Lê Thị Cúc');
  });

  it('leaves an open step without a result', () => {
    const open = renderKind('tt03-2025', 'control_slip', {
      ...dossier,
      handoffs: [{ ...dossier.handoffs[0], result: null }],
    });
    expect(open).not.toContain('Trước hạn</td>');
  });
});

describe('tracking book', () => {
  const html = renderKind('tt03-2025', 'tracking_book');

  it('prints one line per dossier with the period', () => {
    expect(html).toContain('Quyển số: <b>01/2026</b>');
    expect(html).toContain('H56.22-260303-0002');
    expect(html).toContain('Hoàng Văn Em');
    expect(html).toContain('Thôn 5, xã Tân Phú<br>0912 345 678');
    expect(html).toContain('Trả kết quả cho cá nhân, tổ chức');
    expect(html).toContain('15:00<br>03/03/2026');
  });

  it('says so when the period is empty', () => {
    const f = formFor(formSetById('tt03-2025'), 'tracking_book');
    const empty = f?.render({ office, book: { ...book, rows: [] } }, options);
    expect(empty).toContain('Không có hồ sơ trong kỳ.');
  });
});

describe('font URL', () => {
  it('percent-encodes characters that could break out of CSS', () => {
    const f = formFor(formSetById('tt03-2025'), 'receipt');
    const html = f?.render(
      { office, dossier },
      { fontBaseUrl: 'file:///C:/Program Files/ISO Xã/fonts");}</style><script>x(\'' },
    );
    expect(html).toContain(
      'url("file:///C:/Program%20Files/ISO%20Xã/fonts%22%29;}%3C/style%3E%3Cscript%3Ex%28%27/LiberationSerif-Regular.ttf")',
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('font-src file:');
  });
});

describe('leader signatures', () => {
  it('reads Phó Chủ tịch from the title, ignoring the role label in parentheses', () => {
    expect(leaderSignature('A', 'Phó Chủ tịch UBND xã')).toEqual({
      name: 'A',
      title: 'Phó Chủ tịch',
      authority: 'KT. Chủ tịch',
    });
    expect(leaderSignature('B', 'Chủ tịch UBND xã')).toEqual({ name: 'B', title: 'Chủ tịch' });
    expect(leaderSignature('C', 'Lãnh đạo (Chủ tịch / Phó Chủ tịch)').title).toBe('Chủ tịch');
    expect(isViceChair('PHÓ CHỦ TỊCH')).toBe(true);
  });
});
