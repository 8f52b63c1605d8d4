// Shared sample data for the form tests: an injected name, instants that cross midnight in UTC+7.
import type { FormDossier, FormOffice, TrackingBook } from '../../../core/forms/types';

export const FONT_BASE = 'app://resources/fonts/';

export const EVIL_NAME = '<script>alert(1)</script> Nguyễn Thị Ánh';
export const EVIL_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt; Nguyễn Thị Ánh';

export const office: FormOffice = {
  name: 'UBND xã Tân Phú',
  unitName: 'Trung tâm Phục vụ hành chính công',
  agencyCode: '000.00.00.H56',
  province: 'Lâm Đồng',
  commune: 'Tân Phú',
  address: 'Thôn 2, xã Tân Phú, tỉnh Lâm Đồng',
};

/** 2026-03-01T18:30Z is 01:30 on 02/03/2026 in Vietnam. */
export const RECEIVED = Date.UTC(2026, 2, 1, 18, 30);
/** 2026-03-04T09:00Z is 16:00 on 04/03/2026 in Vietnam. */
export const DUE = Date.UTC(2026, 2, 4, 9, 0);

export const dossier: FormDossier = {
  code: 'H56.22-260302-0001',
  procedureName: 'Cấp Giấy xác nhận tình trạng hôn nhân',
  procedureCode: '1.004873',
  applicant: {
    fullName: EVIL_NAME,
    idNumber: '068190000123',
    address: 'Thôn 5, xã Tân Phú',
    phone: '0912 345 678',
    email: 'anh@example.vn',
  },
  documents: [
    { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', kind: 'original', count: 1 },
    { name: 'Bản án ly hôn', kind: 'certified_copy', count: 1 },
    { name: 'Căn cước', kind: 'copy', count: 2 },
  ],
  sets: 1,
  receivedAt: RECEIVED,
  dueAt: DUE,
  timeLimitText: '03 ngày làm việc',
  collectAt: 'Trung tâm Phục vụ hành chính công xã Tân Phú',
  feeVnd: 1_258_000,
  bookVolume: '01/2026',
  bookLine: '125',
  receiverName: 'Trần Văn Bình',
  handoffs: [
    {
      fromName: 'Trần Văn Bình',
      fromUnit: 'Bộ phận Một cửa',
      toName: 'Lê Thị Cúc',
      toUnit: 'Công chức Tư pháp - Hộ tịch',
      at: Date.UTC(2026, 2, 2, 1, 45),
      dueAt: Date.UTC(2026, 2, 3, 9, 0),
      result: 'early',
      note: '',
    },
    {
      fromName: 'Lê Thị Cúc',
      fromUnit: 'Công chức Tư pháp - Hộ tịch',
      toName: 'Phạm Văn Dũng',
      toUnit: 'Lãnh đạo UBND xã',
      at: Date.UTC(2026, 2, 3, 2, 0),
      dueAt: Date.UTC(2026, 2, 3, 8, 0),
      result: 'on_time',
      note: 'Trình ký <b>gấp</b>',
    },
    {
      fromName: 'Phạm Văn Dũng',
      fromUnit: 'Lãnh đạo UBND xã',
      toName: 'Trần Văn Bình',
      toUnit: 'Bộ phận Một cửa',
      at: Date.UTC(2026, 2, 4, 10, 0),
      dueAt: Date.UTC(2026, 2, 4, 9, 0),
      result: 'late',
      note: 'Chờ xác minh',
    },
  ],
  supplement: {
    issuedAt: RECEIVED,
    items: [{ name: 'Bản sao Giấy chứng tử của chồng', note: 'Bản sao có chứng thực' }],
    reason: 'Hồ sơ thiếu giấy tờ chứng minh việc chồng đã chết',
    contactName: 'Lê Thị Cúc',
    contactPhone: '0263 3800 123',
    signer: { name: 'Trần Văn Bình', title: 'Người hướng dẫn' },
  },
  refusal: {
    issuedAt: RECEIVED,
    reason: 'Yêu cầu không thuộc thẩm quyền giải quyết của UBND xã',
    signer: { name: 'Trần Văn Bình', title: 'Người tiếp nhận hồ sơ' },
  },
  apology: {
    issuedAt: Date.UTC(2026, 2, 4, 2, 0),
    reason: 'Cần xác minh tình trạng hôn nhân tại nơi cư trú trước đây',
    previousDueAt: Date.UTC(2026, 2, 4, 9, 0),
    newDueAt: Date.UTC(2026, 2, 9, 9, 0),
    signer: { name: 'Phạm Văn Dũng', title: 'Chủ tịch' },
  },
  stop: {
    issuedAt: Date.UTC(2026, 2, 5, 2, 0),
    reason: 'Người yêu cầu rút hồ sơ',
    signer: { name: 'Phạm Văn Dũng', title: 'Chủ tịch' },
  },
};

export const book: TrackingBook = {
  volume: '01/2026',
  period: { from: '2026-03-01', to: '2026-03-31' },
  rows: [
    {
      code: dossier.code,
      procedureName: dossier.procedureName,
      sets: 1,
      applicantName: EVIL_NAME,
      applicantAddress: 'Thôn 5, xã Tân Phú',
      applicantPhone: '0912 345 678',
      handlingUnit: 'Công chức Tư pháp - Hộ tịch',
      receivedAt: RECEIVED,
      dueAt: DUE,
      sentAt: Date.UTC(2026, 2, 2, 1, 45),
      resultReceivedAt: Date.UTC(2026, 2, 4, 10, 0),
      returnedAt: null,
      note: '',
    },
    {
      code: 'H56.22-260303-0002',
      procedureName: 'Đăng ký khai sinh',
      sets: 1,
      applicantName: 'Hoàng Văn Em',
      applicantAddress: 'Thôn 1',
      applicantPhone: '',
      handlingUnit: 'Công chức Tư pháp - Hộ tịch',
      receivedAt: Date.UTC(2026, 2, 3, 1, 0),
      dueAt: Date.UTC(2026, 2, 3, 9, 0),
      sentAt: Date.UTC(2026, 2, 3, 1, 10),
      resultReceivedAt: Date.UTC(2026, 2, 3, 7, 0),
      returnedAt: Date.UTC(2026, 2, 3, 8, 0),
      note: 'Đúng hạn',
    },
  ],
};
