// The demo office's risk register over the months, through the same operations as the screens:
// the ISO secretary takes on the typical risks seeded at setup (owners given), treats the high
// ones with actions (one done and re-assessed to a lower residual score, one still running),
// accepts a low one whose review date has now come (in her inbox), identifies a new risk of her
// own and pursues an opportunity with an action still open.
import { addCivilDays, civilDateOf } from '../../../core/calendar/civil-time';
import type { Agenda } from './agenda';
import type { DemoDesk } from './desk-as';

type Day = (n: number, time: string) => number;

export function scheduleRisks(desk: DemoDesk, agenda: Agenda, day: Day): void {
  const iso = () => desk.as('thuky');
  const date = (n: number) => civilDateOf(day(n, '08:00'));
  const find = async (query: string) => {
    const row = (await iso()('risks.list', { query, state: 'all' })).rows[0];
    if (!row) throw new Error(`Demo office has no risk "${query}"`);
    return row.id;
  };
  const move = async (who: string, id: string, transition: string, extra: object = {}) => {
    const r = await desk.as(who)('qms.get', { id });
    return desk.as(who)('qms.transition', { id, transition, rev: r.rev, ...extra });
  };
  const act = (id: string, owner: string, title: string, description: string, due: number) =>
    iso()('actions.create', {
      title,
      description,
      ownerId: desk.id(owner),
      dueDate: date(due),
      sourceKind: 'risk',
      sourceId: id,
    });

  // Owners for the seeded risks of the fields the office works most.
  agenda.add(day(2, '10:00'), async () => {
    for (const [query, who] of [
      ['bản chính giả mạo', 'tuphap'],
      ['Giấy khai sinh, Sổ đăng ký khai sinh', 'tuphap'],
      ['mất dữ liệu phần mềm', 'thuky'],
      ['trao Giấy chứng nhận kết hôn', 'thuky'],
      ['trực tuyến qua Cổng', 'motcua'],
      ['thiếu thành phần', 'motcua'],
    ] as const)
      await move('thuky', await find(query), 'assign', { fields: { ownerId: desk.id(who) } });
  });

  // A high risk treated: the desk gets a UV lamp, the risk re-assessed lower.
  agenda.add(day(5, '09:30'), async () => {
    const id = await find('bản chính giả mạo');
    const a = await act(
      id,
      'tuphap',
      'Trang bị đèn soi UV và kính lúp cho bộ phận chứng thực',
      'Đề xuất mua, hướng dẫn cách kiểm tra dấu, hình nền của giấy tờ',
      20,
    );
    await move('thuky', id, 'treat', {
      fields: { treatment: 'reduce', plan: 'Trang bị thiết bị, tập huấn nhận biết giấy tờ giả' },
    });
    agenda.add(day(18, '15:10'), async () => {
      await move('tuphap', a.id, 'complete', {
        comment: 'Đã trang bị 01 đèn UV, 01 kính lúp; tập huấn cho 2 công chức',
      });
      agenda.add(day(22, '09:00'), async () => {
        await move('thuky', id, 'evaluate', {
          comment: 'Đã phát hiện 1 trường hợp giấy tờ tẩy xóa, từ chối chứng thực',
          date: addCivilDays(date(22), 180),
          fields: { likelihood: 1, impact: 5 },
        });
      });
    });
  });

  // Another high risk under treatment: backups, the action still running.
  agenda.add(day(6, '14:00'), async () => {
    const id = await find('mất dữ liệu phần mềm');
    await act(
      id,
      'thuky',
      'Sao lưu dữ liệu hằng tuần ra USB, cất tại tủ của Văn phòng',
      'Lập sổ theo dõi sao lưu; kiểm tra khôi phục thử mỗi quý',
      -1,
    );
    await move('thuky', id, 'treat', { fields: { treatment: 'reduce', plan: 'Sao lưu định kỳ' } });
  });

  // A low risk accepted; its review date has come by now (the secretary's inbox).
  agenda.add(day(10, '11:00'), async () => {
    await move('thuky', await find('trao Giấy chứng nhận kết hôn'), 'accept', {
      comment: 'Mức thấp: theo dõi, bố trí người ký thay khi lãnh đạo vắng',
      date: date(-3),
    });
  });

  // A risk of the office's own, treated and re-assessed.
  agenda.add(day(30, '10:20'), async () => {
    const created = await iso()('risks.create', {
      type: 'risk',
      processType: 'internal',
      processName: 'Quản lý nhân sự, đào tạo',
      title: 'Công chức Tư pháp - Hộ tịch nghỉ thai sản 6 tháng',
      description: 'Không có người nắm nghiệp vụ hộ tịch thay trong thời gian nghỉ',
      cause: 'Mỗi lĩnh vực chỉ một công chức',
      consequence: 'Hồ sơ hộ tịch tồn đọng, trễ hạn',
      likelihood: 4,
      impact: 4,
      identifiedOn: date(30),
      reviewOn: date(60),
      ownerId: null,
    });
    const a = await act(
      created.id,
      'chutich',
      'Phân công công chức Văn hóa - Xã hội kiêm nhiệm, kèm cặp trước 1 tháng',
      'Quyết định phân công; cấp tài khoản phần mềm hộ tịch',
      45,
    );
    await move('thuky', created.id, 'treat', {
      fields: { treatment: 'reduce', plan: 'Phân công kiêm nhiệm và kèm cặp' },
    });
    agenda.add(day(41, '16:00'), async () => {
      await move('chutich', a.id, 'complete', { comment: 'Đã ký Quyết định phân công' });
      agenda.add(day(43, '08:40'), () =>
        move('phochutich', created.id, 'evaluate', {
          comment: 'Người kiêm nhiệm đã giải quyết được hồ sơ khai sinh, khai tử',
          date: addCivilDays(date(43), 90),
          fields: { likelihood: 2, impact: 3 },
        }).then(() => undefined),
      );
    });
  });

  // An opportunity pursued: online applications, the action still open.
  agenda.add(day(12, '09:15'), async () => {
    const id = await find('trực tuyến qua Cổng');
    await act(
      id,
      'motcua',
      'Hướng dẫn người dân nộp hồ sơ trực tuyến ngay tại quầy',
      'Bố trí 01 máy tính tại Bộ phận Một cửa, in hướng dẫn dán tại quầy',
      -5,
    );
    await move('thuky', id, 'treat', { fields: { treatment: 'pursue', plan: 'Hỗ trợ tại quầy' } });
  });
}
