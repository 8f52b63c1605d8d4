// The demo office's management of its quality system over the months, through the same
// operations as the screens: the conformity announcement drafted by the ISO secretary and
// signed by the chairman, the year's quality objectives with a measurement at the end of each
// month the history covers (and one hand-entered objective still unmeasured), a management
// review planned, annotated and held with its decisions turned into actions, a satisfaction
// survey whose paper forms the desk types in over the last weeks, and the year's report to the
// province generated as a draft with part of its texts typed in.
import { addCivilDays, civilDateOf, instantOf } from '../../../core/calendar/civil-time';
import type { OpInput } from '../../../core/contract';
import type { Agenda } from './agenda';
import type { DemoDesk } from './desk-as';

type Day = (n: number, time: string) => number;
type NewObjective = Omit<OpInput<'objectives.create'>, 'year' | 'plan'> & {
  readonly plan: Omit<OpInput<'objectives.create'>['plan'], 'resources'>;
};

const OBJECTIVES: readonly NewObjective[] = [
  {
    statement: 'Giải quyết đúng hạn và trước hạn ít nhất 98% hồ sơ thủ tục hành chính',
    indicator: 'on_time_rate',
    field: '',
    procedureId: null,
    unit: '%',
    target: 98,
    atMost: false,
    frequency: 'monthly',
    plan: {
      what: 'Theo dõi hồ sơ sắp đến hạn hằng ngày trên phần mềm; nhắc công chức xử lý',
      who: 'Công chức Một cửa, Văn phòng - Thống kê',
      when: 'Cả năm',
      evaluation: 'Thư ký ISO đo lường hằng tháng, báo cáo tại cuộc họp giao ban',
    },
  },
  {
    statement: 'Ít nhất 95% người dân được hỏi hài lòng khi nhận kết quả',
    indicator: 'satisfaction_rate',
    field: '',
    procedureId: null,
    unit: '%',
    target: 95,
    atMost: false,
    frequency: 'monthly',
    plan: {
      what: 'Lấy ý kiến người dân khi trả kết quả; xử lý ngay ý kiến chưa hài lòng',
      who: 'Bộ phận Một cửa',
      when: 'Cả năm',
      evaluation: 'Tổng hợp phiếu đánh giá hằng tháng',
    },
  },
  {
    statement: 'Chỉ số hài lòng theo Quyết định 766/QĐ-TTg đạt ít nhất 90%',
    indicator: 'qd766_ratio',
    field: '',
    procedureId: null,
    unit: '%',
    target: 90,
    atMost: false,
    frequency: 'monthly',
    plan: {
      what: 'Giảm hồ sơ trễ hạn và phản ánh, kiến nghị',
      who: 'Chủ tịch UBND xã chỉ đạo; các bộ phận thực hiện',
      when: 'Cả năm',
      evaluation: 'Thư ký ISO tính hằng tháng từ dữ liệu một cửa',
    },
  },
  {
    statement: 'Tổ chức 02 lớp tập huấn nghiệp vụ ISO cho cán bộ, công chức',
    indicator: 'manual',
    field: '',
    procedureId: null,
    unit: 'lớp',
    target: 2,
    atMost: false,
    frequency: 'yearly',
    plan: {
      what: 'Mời giảng viên của Sở Khoa học và Công nghệ',
      who: 'Văn phòng - Thống kê',
      when: 'Quý IV',
      evaluation: 'Đếm số lớp đã tổ chức cuối năm',
    },
  },
];

const YEARLY_TEXTS = {
  assessment:
    'Hệ thống quản lý chất lượng được duy trì; các quy trình được cập nhật khi thủ tục thay đổi.',
  difficulties: 'Máy quét tại Bộ phận Một cửa hay hỏng; đường truyền Internet chập chờn.',
};

export function scheduleManagement(desk: DemoDesk, agenda: Agenda, day: Day, start: number): void {
  const iso = () => desk.as('thuky');
  const year = Number(civilDateOf(agenda.end).slice(0, 4));
  const firstDay = civilDateOf(start);

  // The announcement: drafted from the catalog in the first week, signed by the chairman.
  agenda.add(day(1, '09:00'), async () => {
    const draft = await iso()('announcements.draft', {
      notApplicable: [
        {
          clause: '8.3',
          reason:
            'UBND xã giải quyết thủ tục hành chính theo quy định, không thiết kế sản phẩm, dịch vụ.',
        },
      ],
    });
    agenda.add(day(3, '15:00'), async () => {
      const rev = (await desk.as('chutich')('qms.get', { id: draft.id })).rev;
      await desk.as('chutich')('qms.transition', {
        id: draft.id,
        rev,
        transition: 'approve',
        date: civilDateOf(desk.at),
        fields: { decisionNo: `${String(12 + (year % 7))}/QĐ-UBND` },
      });
    });
  });

  // The year's objectives, measured after each month the history covers whole.
  agenda.add(day(2, '10:00'), async () => {
    for (const o of OBJECTIVES)
      await iso()('objectives.create', {
        ...o,
        year,
        plan: { ...o.plan, resources: 'Phần mềm ISO Xã; kinh phí thường xuyên' },
      });
    const rows = (await iso()('objectives.list', { year })).rows;
    for (const row of rows) {
      if (row.record.data['indicator'] === 'manual') continue;
      for (const p of row.periods.filter((q) => q.from >= firstDay))
        agenda.add(instantOf(addCivilDays(p.to, 1), '08:30'), async () => {
          await iso()('objectives.measure', {
            objectiveId: row.record.id,
            from: p.from,
            to: p.to,
            label: p.label,
          });
        });
    }
  });

  // The management review: planned, its inputs annotated, held with two decisions.
  agenda.add(day(-12, '14:00'), async () => {
    const planned = await iso()('reviews.plan', {
      date: civilDateOf(day(-10, '08:00')),
      chairId: desk.id('chutich'),
      secretaryId: desk.id('thuky'),
      participantIds: [desk.id('phochutich'), desk.id('motcua'), desk.id('tuphap')],
      guests: 'Đại diện Đảng ủy xã',
    });
    agenda.add(day(-10, '09:30'), async () => {
      const note = (key: OpInput<'reviews.note'>['key'], text: string) =>
        iso()('reviews.note', { id: planned.id, key, text });
      await note('resources', 'Bộ phận Một cửa cần thêm 01 máy quét; đường truyền cần nâng cấp.');
      await note(
        'decisions',
        'Duy trì hệ thống quản lý chất lượng; trang bị máy quét cho Bộ phận Một cửa; rà soát lại quy trình chứng thực.',
      );
      for (const [title, owner, due] of [
        ['Trang bị 01 máy quét cho Bộ phận Một cửa', 'motcua', 20],
        ['Rà soát quy trình chứng thực bản sao từ bản chính', 'tuphap', 30],
      ] as const)
        await desk.as('chutich')('actions.create', {
          title,
          description: 'Theo kết luận họp xem xét của lãnh đạo',
          ownerId: desk.id(owner),
          dueDate: addCivilDays(civilDateOf(desk.at), due),
          sourceKind: 'review',
          sourceId: planned.id,
        });
      const rev = (await desk.as('chutich')('reviews.get', { id: planned.id })).record.rev;
      await desk.as('chutich')('qms.transition', { id: planned.id, transition: 'hold', rev });
    });
  });

  // A satisfaction survey on the default question set: opened four weeks ago, its paper forms
  // typed in a few at a time by the desk, mostly satisfied, a few not.
  agenda.add(day(-20, '08:15'), async () => {
    const set = (await iso()('surveys.sets', {}))[0];
    if (!set) return;
    const survey = await iso()('surveys.create', {
      title: `Khảo sát sự hài lòng của người dân quý IV/${year}`,
      setKey: set.key,
      from: civilDateOf(desk.at),
      to: `${year}-12-31`,
    });
    await iso()('qms.transition', { id: survey.id, transition: 'open', rev: survey.rev });
    let form = 0;
    for (const n of [-18, -15, -12, -9, -6, -3])
      agenda.add(day(n, '16:30'), async () => {
        for (let i = 0; i < 4; i++, form++) {
          const answers: Record<string, string> = {};
          set.questions.forEach((q, qi) => {
            const k = q.options.length;
            // Mostly the top two levels; every seventh form one step lower on some questions.
            const pick =
              k === 5
                ? 4 - ((form + qi) % 2) - (form % 7 === 3 && qi % 3 === 0 ? 2 : 0)
                : (form + qi) % k;
            const option = q.options[pick];
            if (option) answers[q.key] = option.key;
          });
          await desk.as('motcua')('surveys.answer', { surveyId: survey.id, answers });
        }
      });
  });

  // The year's report, generated as a draft with part of its texts.
  agenda.add(day(-2, '16:00'), async () => {
    const draft = await iso()('yearly.generate', { year });
    await iso()('yearly.saveTexts', { id: draft.id, rev: draft.rev, texts: YEARLY_TEXTS });
  });
}
