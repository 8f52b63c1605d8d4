// The generated office's quality records over the years, each through its life as the users
// would have lived it: citizens' feedback answered (a few late, a few cancelled), nonconformities
// (from late dossiers, complaints, audits, missed objectives, inspections) analysed, their
// corrective actions planned, done and checked, then closed; the year's objectives measured
// each quarter from the desk's data and concluded; two internal audits a year with a dossier
// sample, the checklist answered and findings; the yearly management review with its decided
// actions. Recent records are still on their way: the timeline stops at `now`.
import { addCivilDays } from '../../core/calendar/civil-time';
import { periodsOf } from '../../core/qms/objective';
import type { NcSource } from '../../core/qms/nonconformity';
import { officeTime, type Quality } from './quality';
import { ACTIONS, ANSWERS, FEEDBACK, OBJECTIVES, ROOT_CAUSES } from './quality-texts';

export function planRecords(q: Quality): void {
  const { rng } = q;
  const staff = q.withRole('specialist', 'desk_officer', 'records_clerk');
  const desk = q.withRole('desk_officer');

  // -- corrective actions ------------------------------------------------------------------
  /** Actions for a record: created now, done by their owners before (mostly) their due date. */
  const plan = async (sourceKind: string, sourceId: string, n: number, checkBy: string | null) => {
    const made: string[] = [];
    for (let i = 0; i < n; i++) {
      const [title, description] = rng.pick(ACTIONS);
      const owner = rng.pick(staff);
      const days = rng.int(5, 25);
      const a = await q.as('thuky')('actions.create', {
        title,
        description,
        ownerId: q.id(owner),
        dueDate: addCivilDays(q.today(), days),
        sourceKind,
        sourceId,
      });
      made.push(a.id);
      const late = rng.chance(0.1);
      q.add(
        q.workday(
          q.today(),
          late ? days + rng.int(1, 10) : rng.int(1, Math.max(1, days - 5)),
          officeTime(rng),
        ),
        async () => {
          await q.move(owner, a.id, 'complete', {
            comment: 'Đã thực hiện xong, có hồ sơ minh chứng kèm theo',
          });
          if (checkBy)
            q.add(q.workday(q.today(), rng.int(2, 15), officeTime(rng)), async () => {
              await q.move(checkBy, a.id, 'verify', {
                comment: 'Đã kiểm tra, hành động có hiệu lực',
              });
            });
        },
      );
    }
    return made;
  };

  // -- nonconformities ---------------------------------------------------------------------
  const nonconformityLife = (id: string) => {
    q.add(q.workday(q.today(), rng.int(1, 5), officeTime(rng)), async () => {
      if (rng.chance(0.04)) {
        await q.move('thuky', id, 'cancel', {
          comment: 'Xác minh lại: không phải sự không phù hợp',
        });
        return;
      }
      const [why1, why2, category] = rng.pick(ROOT_CAUSES);
      await q.move('thuky', id, 'analyse', {
        fields: {
          correction: 'Đã khắc phục ngay hồ sơ liên quan',
          whys: [why1, why2],
          rootCause: why2,
          category,
        },
      });
      await plan('nonconformity', id, rng.int(1, 3), null);
      // Two to three weeks on, within the deadline (the check may not fall after it).
      const nc = await q.as('thuky')('qms.get', { id });
      const deadline = String(nc.data['deadline']);
      const wanted = addCivilDays(q.today(), rng.int(15, 22));
      const verifyOn = wanted < deadline ? wanted : deadline;
      await q.move('thuky', id, 'plan', { date: verifyOn });
      q.add(q.workday(verifyOn, rng.int(0, 5), officeTime(rng)), () => verify(id, 0));
    });
  };
  const verify = async (id: string, round: number): Promise<void> => {
    const nc = await q.as('chutich')('qms.get', { id });
    if (nc.state === 'planned') {
      // Still waiting for an action: look again in a week.
      if (round < 8) q.add(q.workday(q.today(), 5, officeTime(rng)), () => verify(id, round + 1));
      return;
    }
    if (nc.state !== 'implemented') return;
    await q.move('chutich', id, 'verify', { comment: 'Không còn lặp lại trong kỳ kiểm tra' });
    q.add(q.workday(q.today(), rng.int(0, 3), officeTime(rng)), async () => {
      await q.move('thuky', id, 'close');
    });
  };
  const openNc = async (
    source: NcSource,
    title: string,
    description: string,
    link: { kind: 'dossier' | 'feedback' | 'objective'; id: string } | null,
  ) => {
    const today = q.today();
    const nc = await q.as('thuky')('nonconformities.create', {
      source,
      sourceKind: link?.kind ?? null,
      sourceId: link?.id ?? null,
      title,
      description,
      detectedOn: today,
      deadline: addCivilDays(today, 30),
      correction: '',
      ownerId: q.id('thuky'),
    });
    nonconformityLife(nc.id);
  };

  // -- feedback ----------------------------------------------------------------------------
  const feedbackIds: string[] = [];
  const receiveFeedback = async () => {
    const owner = rng.chance(0.6) ? 'thuky' : rng.pick(staff);
    const dossier = rng.chance(0.5) ? q.returnedBefore(q.at()) : null;
    const fb = await q.as(rng.pick(desk))('feedback.create', {
      type: rng.chance(0.7) ? 'feedback' : 'petition',
      channel: rng.pick(['direct', 'phone', 'letter', 'portal', 'hotline', 'box'] as const),
      receivedOn: q.today(),
      senderName: '',
      senderContact: '',
      content: rng.pick(FEEDBACK),
      dossierCode: dossier?.code ?? '',
      ownerId: q.id(owner),
      handlingDays: 10,
    });
    feedbackIds.push(fb.id);
    if (rng.chance(0.02)) {
      q.add(q.workday(q.today(), 1, officeTime(rng)), async () => {
        await q.move('thuky', fb.id, 'cancel', { comment: 'Trùng với phản ánh đã tiếp nhận' });
      });
      return;
    }
    const late = rng.chance(0.06);
    q.add(
      q.workday(q.today(), late ? rng.int(11, 16) : rng.int(1, 9), officeTime(rng)),
      async () => {
        await q.move(owner, fb.id, 'answer', { comment: rng.pick(ANSWERS), date: q.today() });
      },
    );
  };

  // -- the daily flow ----------------------------------------------------------------------
  for (const day of q.workingDays) {
    const nFeedback = Math.floor(rng.range(0, 9.4));
    for (let i = 0; i < nFeedback; i++) q.add(q.workday(day, 0, officeTime(rng)), receiveFeedback);
    const nNc = rng.chance(0.95) ? Math.floor(rng.range(0, 3.6)) : 0;
    for (let i = 0; i < nNc; i++)
      q.add(q.workday(day, 0, officeTime(rng)), async () => {
        const r = rng.next();
        const late = r < 0.5 ? q.lateBefore(q.at()) : null;
        if (late) {
          await openNc(
            'late_dossier',
            `Hồ sơ ${late.code} giải quyết quá hạn`,
            `Hồ sơ ${late.code} trả kết quả sau ngày hẹn.`,
            { kind: 'dossier', id: late.id },
          );
          return;
        }
        const fb =
          r < 0.7 && feedbackIds.length
            ? feedbackIds[feedbackIds.length - 1 - rng.int(0, Math.min(30, feedbackIds.length - 1))]
            : undefined;
        if (fb) {
          await openNc(
            'complaint',
            'Phản ánh của người dân về chất lượng phục vụ',
            'Phản ánh được xác minh là đúng.',
            { kind: 'feedback', id: fb },
          );
          return;
        }
        const source = rng.pick(['unsatisfied_citizen', 'external_inspection', 'other'] as const);
        await openNc(
          source,
          'Sai sót phát hiện trong quá trình giải quyết hồ sơ',
          'Hồ sơ lưu thiếu thành phần theo quy định.',
          null,
        );
      });
  }

  // -- objectives, audits, reviews, year by year -------------------------------------------
  for (const year of q.years) {
    if (`${year}-01-06` < q.start) continue;
    q.add(q.workday(`${year}-01-06`, 0, '09:00'), async () => {
      for (const o of OBJECTIVES) {
        const made = await q.as('thuky')('objectives.create', {
          year,
          statement: o.statement,
          indicator: o.indicator,
          field: '',
          procedureId: null,
          unit: '%',
          target: o.target,
          atMost: false,
          plan: {
            what: 'Theo dõi hằng quý',
            resources: 'Phần mềm ISO Xã',
            who: 'Thư ký ISO',
            when: 'Hằng quý',
            evaluation: 'Tính từ dữ liệu một cửa',
          },
          frequency: 'quarterly',
        });
        const periods = periodsOf(year, 'quarterly');
        for (const [i, p] of periods.entries())
          q.add(q.workday(addCivilDays(p.to, 1), rng.int(2, 6), '10:00'), async () => {
            const m = await q.as('thuky')('objectives.measure', {
              objectiveId: made.id,
              from: p.from,
              to: p.to,
              label: p.label,
              value: null,
              note: '',
            });
            if (i < periods.length - 1 || m.met === null) return;
            const missed = !m.met;
            await q.move('thuky', made.id, missed ? 'conclude_missed' : 'conclude_met', {
              comment: 'Kết luận cuối năm theo kết quả đo lường quý IV',
            });
            if (missed)
              await openNc(
                'missed_objective',
                `Mục tiêu ${made.code} không đạt`,
                `${o.statement}: không đạt chỉ tiêu năm ${year}.`,
                { kind: 'objective', id: made.id },
              );
          });
      }
    });
    for (const month of [5, 10])
      q.add(q.workday(`${year}-${String(month - 1).padStart(2, '0')}-10`, 0, '10:30'), () =>
        audit(year, month),
      );
    q.add(q.workday(`${year}-12-01`, 0, '09:00'), () => review(year));
  }

  const audit = async (year: number, month: number) => {
    const options = await q.as('thuky')('audits.options', {});
    const procedures = options.documents.filter(
      (d) =>
        d.title.startsWith('Quy trình') && !d.code.startsWith('QT-NB') && !/^QT-0/.test(d.code),
    );
    if (!procedures.length) return;
    const doc = rng.pick(procedures);
    const date = `${year}-${String(month).padStart(2, '0')}-${String(rng.int(10, 25))}`;
    const made = await q.as('thuky')('audits.create', {
      year,
      month,
      area: `Quy trình ${doc.code}`,
      scope: `Tiếp nhận, giải quyết và trả kết quả: ${doc.title}`,
      criteria: `TCVN ISO 9001:2015; quy trình ${doc.code}`,
      date,
      leadAuditorId: q.id('danhgia'),
      auditorIds: [],
      auditeeIds: [q.id('tuphap'), q.id('motcua')],
      documentIds: [doc.id],
      clauses: ['7.5', '8.5', '9.1'],
    });
    q.add(q.workday(q.today(), 3, '15:00'), async () => {
      await q.move('chutich', made.id, 'approve');
      q.add(q.workday(date, 0, '08:30'), async () => {
        const a = await q.as('danhgia')('audits.get', { id: made.id });
        try {
          await q.as('danhgia')('audits.drawSample', {
            id: made.id,
            rev: a.record.rev,
            size: 10,
            from: addCivilDays(date, -180),
            to: addCivilDays(date, -1),
          });
        } catch {
          // No dossier of that procedure in the period: the audit goes on without a sample.
        }
        const items = (await q.as('danhgia')('audits.get', { id: made.id })).record.data[
          'checklist'
        ] as { id: string; clause: string }[];
        for (const [i, item] of items.entries())
          await q.as('danhgia')('audits.answer', {
            id: made.id,
            itemId: item.id,
            result: i % 7 === 3 ? 'nc' : i % 5 === 1 ? 'observation' : 'conform',
            note: '',
          });
        await q.as('danhgia')('audits.addFinding', {
          auditId: made.id,
          type: 'observation',
          clause: '7.5',
          description: 'Sổ theo dõi hồ sơ chưa có chữ ký xác nhận của người lập',
          evidence: 'Sổ theo dõi tháng hiện tại',
        });
        const finding = await q.as('danhgia')('audits.addFinding', {
          auditId: made.id,
          type: 'minor_nc',
          clause: '8.5',
          description: 'Phiếu kiểm soát quá trình thiếu chữ ký người nhận ở bước chuyển hồ sơ',
          evidence: 'Hồ sơ trong mẫu kiểm tra',
          ownerId: q.id('thuky'),
          deadline: addCivilDays(date, 30),
        });
        if (finding.nonconformityId) nonconformityLife(finding.nonconformityId);
        q.add(q.workday(q.today(), 2, '16:00'), async () => {
          await q.move('danhgia', made.id, 'report', {
            comment: 'Hệ thống được duy trì phù hợp; một điểm không phù hợp nhẹ cần khắc phục.',
          });
        });
      });
    });
  };

  const review = async (year: number) => {
    const date = `${year}-12-${String(rng.int(15, 26))}`;
    const made = await q.as('thuky')('reviews.plan', {
      date,
      chairId: q.id('chutich'),
      secretaryId: q.id('thuky'),
      participantIds: q.withRole('leader', 'specialist').map(q.id),
      guests: '',
    });
    q.add(q.workday(date, 0, '14:00'), async () => {
      await q.as('thuky')('reviews.note', {
        id: made.id,
        key: 'decisions',
        text: 'Duy trì hệ thống; giao các hành động cải tiến cho năm tới.',
      });
      await plan('review', made.id, rng.int(2, 4), 'thuky');
      await q.move('thuky', made.id, 'hold');
    });
  };
}
