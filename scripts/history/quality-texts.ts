// What the generated quality records say: citizens' feedback and the answers, root causes and
// corrective actions, the yearly objectives (Vietnamese, as a commune office writes them).
import type { IndicatorKey } from '../../core/qms/indicators';

export const FEEDBACK = [
  'Đề nghị niêm yết rõ hơn thời gian trả kết quả tại Bộ phận Một cửa.',
  'Phản ánh phải chờ lâu khi nộp hồ sơ vào sáng thứ Hai.',
  'Hồ sơ của gia đình tôi bị trả chậm so với giấy hẹn mà không được báo trước.',
  'Đề nghị bố trí thêm ghế chờ và nước uống cho người dân.',
  'Công chức hướng dẫn chưa rõ thành phần hồ sơ cần bổ sung.',
  'Đề nghị cho nộp hồ sơ qua dịch vụ công trực tuyến đối với thủ tục chứng thực.',
  'Kiến nghị thu phí đúng mức niêm yết và có biên lai.',
  'Phản ánh giấy tờ trả về có sai sót thông tin, phải đi lại nhiều lần.',
];
export const ANSWERS = [
  'UBND xã đã tiếp thu, chấn chỉnh và thông báo cho người phản ánh.',
  'Đã kiểm tra, giải thích quy định cho công dân; công dân đồng ý.',
  'Đã xin lỗi công dân và điều chỉnh lịch trực của Bộ phận Một cửa.',
  'Đã sửa sai sót và trả lại giấy tờ đúng thông tin cho công dân.',
];
export const ROOT_CAUSES = [
  ['Hồ sơ nằm ở bước ký duyệt quá thời hạn', 'Lãnh đạo vắng, chưa có người ký thay', 'method'],
  ['Công chức chuyên môn kiêm nhiệm nhiều việc', 'Khối lượng hồ sơ tăng vào cuối năm', 'people'],
  [
    'Biểu mẫu cũ chưa cập nhật theo quy định mới',
    'Chưa rà soát biểu mẫu khi văn bản thay đổi',
    'documents',
  ],
  ['Phần mềm một cửa gián đoạn', 'Đường truyền mạng không ổn định', 'equipment'],
  ['Văn bản hướng dẫn của cấp trên ban hành chậm', 'Chưa có cách xử lý khi chờ hướng dẫn', 'legal'],
] as const;
export const ACTIONS = [
  ['Ban hành quy định ký thay', 'Trình Chủ tịch quyết định ủy quyền ký thay khi vắng mặt'],
  ['Phân công lại công việc', 'Điều chỉnh phân công để cân đối khối lượng hồ sơ'],
  ['Cập nhật biểu mẫu', 'Rà soát và thay biểu mẫu cũ tại Bộ phận Một cửa'],
  ['Tập huấn công chức', 'Tổ chức tập huấn quy trình cho công chức liên quan'],
  ['Nhắc việc hồ sơ sắp đến hạn', 'Hằng ngày rà soát hồ sơ sắp đến hạn trên phần mềm'],
] as const;
export const OBJECTIVES: readonly { indicator: IndicatorKey; statement: string; target: number }[] =
  [
    {
      indicator: 'on_time_rate',
      statement: 'Giải quyết đúng hạn và trước hạn ít nhất 95 % hồ sơ',
      target: 95,
    },
    {
      indicator: 'satisfaction_rate',
      statement: 'Ít nhất 90 % người dân hài lòng khi nhận kết quả',
      target: 90,
    },
    {
      indicator: 'qd766_ratio',
      statement: 'Chỉ số hài lòng theo QĐ 766 đạt ít nhất 85 %',
      target: 85,
    },
    {
      indicator: 'online_share',
      statement: 'Tỷ lệ hồ sơ nộp trực tuyến đạt ít nhất 10 %',
      target: 10,
    },
    {
      indicator: 'feedback_on_time',
      statement: 'Trả lời đúng hạn 100 % phản ánh, kiến nghị',
      target: 100,
    },
    {
      indicator: 'nc_closed_on_time',
      statement: 'Khắc phục đúng hạn ít nhất 80 % sự không phù hợp',
      target: 80,
    },
  ];
