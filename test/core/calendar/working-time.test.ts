import { describe, it, expect } from 'vitest';
import data2026 from '../../../resources/calendar/2026.json';
import {
  DEFAULT_OFFICE_HOURS,
  addCivilDays,
  addWorkingDays,
  addWorkingHours,
  buildCalendar,
  civilDateOf,
  classifyReturn,
  classifyStep,
  classifyTiming,
  endOfWorkingDay,
  instantOf,
  nextWorkingDay,
  workingDaysBetween,
  workingMsBetween,
} from '../../../core/calendar';
import type { WorkCalendar } from '../../../core/calendar';

const HOUR = 3_600_000;
const cal = buildCalendar(DEFAULT_OFFICE_HOURS, [data2026]);
const at = instantOf;

/** Small seeded PRNG (mulberry32) so the property tests are reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('addWorkingDays', () => {
  it('falls due at the end of the n-th working day after receipt', () => {
    expect(addWorkingDays(at('2026-03-09', '10:00'), 3, cal)).toBe(at('2026-03-12', '17:00'));
    expect(addWorkingDays(at('2026-03-09', '10:00'), 5, cal)).toBe(at('2026-03-16', '17:00'));
    expect(addWorkingDays(at('2026-03-09', '06:00'), 1, cal)).toBe(at('2026-03-10', '17:00'));
    expect(addWorkingDays(at('2026-03-09', '12:00'), 0, cal)).toBe(at('2026-03-09', '17:00'));
  });

  it('applies the same-day cut-off: 14:59 today, 15:00 and 15:01 the next working day', () => {
    const cutoff = { cutoff: '15:00' };
    expect(addWorkingDays(at('2026-03-10', '14:59'), 0, cal, cutoff)).toBe(
      at('2026-03-10', '17:00'),
    );
    expect(addWorkingDays(at('2026-03-10', '15:00'), 0, cal, cutoff)).toBe(
      at('2026-03-11', '17:00'),
    );
    expect(addWorkingDays(at('2026-03-10', '15:01'), 0, cal, cutoff)).toBe(
      at('2026-03-11', '17:00'),
    );
    expect(addWorkingDays(at('2026-03-10', '15:01'), 0, cal)).toBe(at('2026-03-10', '17:00'));
    // Friday after the cut-off: Monday.
    expect(addWorkingDays(at('2026-03-13', '15:01'), 0, cal, cutoff)).toBe(
      at('2026-03-16', '17:00'),
    );
    // With n ≥ 1 the count starts from the next working day too.
    expect(addWorkingDays(at('2026-03-10', '15:01'), 3, cal, cutoff)).toBe(
      at('2026-03-16', '17:00'),
    );
    expect(addWorkingDays(at('2026-03-10', '14:59'), 3, cal, cutoff)).toBe(
      at('2026-03-13', '17:00'),
    );
  });

  it('moves receipts after closing or on days off to the next working day', () => {
    expect(addWorkingDays(at('2026-03-10', '16:59'), 0, cal)).toBe(at('2026-03-10', '17:00'));
    expect(addWorkingDays(at('2026-03-10', '17:00'), 0, cal)).toBe(at('2026-03-11', '17:00'));
    expect(addWorkingDays(at('2026-03-14', '09:00'), 0, cal)).toBe(at('2026-03-16', '17:00'));
    expect(addWorkingDays(at('2026-03-14', '09:00'), 1, cal)).toBe(at('2026-03-17', '17:00'));
    expect(addWorkingDays(at('2026-02-18', '09:00'), 0, cal)).toBe(at('2026-02-23', '17:00'));
  });

  it('crosses Tết 2026: 3 working days from Thu 12 Feb 10:00 fall due Tue 24 Feb 17:00', () => {
    expect(addWorkingDays(at('2026-02-12', '10:00'), 3, cal)).toBe(at('2026-02-24', '17:00'));
    const lawOnly = buildCalendar(DEFAULT_OFFICE_HOURS);
    expect(addWorkingDays(at('2026-02-12', '10:00'), 3, lawOnly)).toBe(at('2026-02-24', '17:00'));
    const noHolidays = buildCalendar(DEFAULT_OFFICE_HOURS, [{ year: 2026, replaceDefaults: true }]);
    expect(addWorkingDays(at('2026-02-12', '10:00'), 3, noHolidays)).toBe(
      at('2026-02-17', '17:00'),
    );
  });

  it('skips Giỗ Tổ with its substitute day and 30 Apr – 1 May 2026', () => {
    expect(addWorkingDays(at('2026-04-24', '10:00'), 1, cal)).toBe(at('2026-04-28', '17:00'));
    expect(addWorkingDays(at('2026-04-29', '10:00'), 1, cal)).toBe(at('2026-05-04', '17:00'));
    expect(addWorkingDays(at('2026-11-23', '10:00'), 1, cal)).toBe(at('2026-11-25', '17:00'));
  });

  it('counts a swapped working Saturday', () => {
    const swapped = buildCalendar(DEFAULT_OFFICE_HOURS, [
      { year: 2026, workingDays: [{ date: '2026-03-14', name: 'Làm bù' }] },
    ]);
    expect(addWorkingDays(at('2026-03-13', '10:00'), 1, swapped)).toBe(at('2026-03-14', '17:00'));
    expect(addWorkingDays(at('2026-03-13', '10:00'), 1, cal)).toBe(at('2026-03-16', '17:00'));
    expect(addWorkingDays(at('2026-03-14', '10:00'), 0, swapped)).toBe(at('2026-03-14', '17:00'));
  });

  it('uses the office closing time', () => {
    const late = buildCalendar({
      workdays: [1, 2, 3, 4, 5],
      sessions: [{ start: '08:00', end: '17:30' }],
    });
    expect(addWorkingDays(at('2026-03-09', '17:15'), 0, late)).toBe(at('2026-03-09', '17:30'));
  });

  it('rejects a bad day count or cut-off', () => {
    expect(() => addWorkingDays(at('2026-03-09', '10:00'), -1, cal)).toThrow(RangeError);
    expect(() => addWorkingDays(at('2026-03-09', '10:00'), 1.5, cal)).toThrow(RangeError);
    expect(() => addWorkingDays(Number.NaN, 1, cal)).toThrow(RangeError);
    expect(() => addWorkingDays(at('2026-03-09', '10:00'), 0, cal, { cutoff: '3pm' })).toThrow(
      /Giờ không hợp lệ/,
    );
  });

  it('agrees with workingDaysBetween for random receipts', () => {
    const random = prng(7);
    const start = at('2025-12-01', '00:00');
    for (let i = 0; i < 500; i += 1) {
      const received = start + Math.floor(random() * 500 * 24 * HOUR);
      const n = Math.floor(random() * 20);
      const due = addWorkingDays(received, n, cal);
      expect(civilDateOf(due + 1)).toBe(civilDateOf(due)); // 17:00, not midnight
      expect(cal.isWorkingDay(civilDateOf(due))).toBe(true);
      const receiptDay = civilDateOf(addWorkingDays(received, 0, cal));
      expect(workingDaysBetween(receiptDay, civilDateOf(due), cal)).toBe(n);
    }
  });

  it('is fast enough for the receive hot path', () => {
    const fresh = buildCalendar(DEFAULT_OFFICE_HOURS, [data2026]);
    const t0 = performance.now();
    addWorkingDays(at('2026-12-28', '10:00'), 15, fresh); // resolves 2026 and 2027 on first use
    const cold = performance.now() - t0;
    const t1 = performance.now();
    for (let i = 0; i < 1000; i += 1)
      addWorkingDays(at('2026-02-12', '10:00') + i * HOUR, 15, fresh);
    const warm = (performance.now() - t1) / 1000;
    expect(cold).toBeLessThan(50);
    expect(warm).toBeLessThan(1);
  });
});

describe('addWorkingHours', () => {
  it('walks through the lunch break and nights', () => {
    expect(addWorkingHours(at('2026-03-09', '10:00'), 2, cal)).toBe(at('2026-03-09', '14:00'));
    expect(addWorkingHours(at('2026-03-09', '10:00'), 1.5, cal)).toBe(at('2026-03-09', '11:30'));
    expect(addWorkingHours(at('2026-03-09', '10:00'), 8, cal)).toBe(at('2026-03-10', '10:30'));
    expect(addWorkingHours(at('2026-03-09', '16:00'), 1, cal)).toBe(at('2026-03-09', '17:00'));
    expect(addWorkingHours(at('2026-03-09', '16:00'), 1.25, cal)).toBe(at('2026-03-10', '07:45'));
  });

  it('starts at opening when before it, and after lunch when during it', () => {
    expect(addWorkingHours(at('2026-03-09', '06:00'), 1, cal)).toBe(at('2026-03-09', '08:30'));
    expect(addWorkingHours(at('2026-03-09', '12:00'), 1, cal)).toBe(at('2026-03-09', '14:30'));
    expect(addWorkingHours(at('2026-03-09', '20:00'), 1, cal)).toBe(at('2026-03-10', '08:30'));
  });

  it('skips weekends and holidays', () => {
    expect(addWorkingHours(at('2026-03-13', '16:00'), 2, cal)).toBe(at('2026-03-16', '08:30'));
    expect(addWorkingHours(at('2026-02-13', '16:00'), 2, cal)).toBe(at('2026-02-23', '08:30'));
    expect(addWorkingHours(at('2026-02-17', '09:00'), 0.5, cal)).toBe(at('2026-02-23', '08:00'));
  });

  it('returns the start for zero hours and rejects negative hours', () => {
    const from = at('2026-03-14', '09:00');
    expect(addWorkingHours(from, 0, cal)).toBe(from);
    expect(() => addWorkingHours(from, -1, cal)).toThrow(RangeError);
    expect(() => addWorkingHours(from, Number.POSITIVE_INFINITY, cal)).toThrow(RangeError);
  });
});

describe('workingMsBetween', () => {
  it('counts working time only, in [a, b)', () => {
    expect(workingMsBetween(at('2026-03-09', '00:00'), at('2026-03-10', '00:00'), cal)).toBe(
      7.5 * HOUR,
    );
    expect(workingMsBetween(at('2026-03-09', '00:00'), at('2026-03-16', '00:00'), cal)).toBe(
      37.5 * HOUR,
    );
    expect(workingMsBetween(at('2026-03-09', '11:00'), at('2026-03-09', '14:00'), cal)).toBe(HOUR);
    expect(workingMsBetween(at('2026-02-14', '00:00'), at('2026-02-23', '07:30'), cal)).toBe(0);
    expect(workingMsBetween(at('2026-03-10', '10:00'), at('2026-03-09', '10:00'), cal)).toBe(0);
    expect(workingMsBetween(at('2026-03-10', '10:00'), at('2026-03-10', '10:00'), cal)).toBe(0);
  });

  it('is the inverse of addWorkingHours and additive (seeded random instants)', () => {
    const random = prng(20_260_217);
    const calendars: WorkCalendar[] = [
      cal,
      buildCalendar({
        workdays: [1, 2, 3, 4, 5, 6],
        sessions: [
          { start: '07:00', end: '11:00' },
          { start: '13:00', end: '16:30' },
          { start: '18:00', end: '20:00' },
        ],
      }),
    ];
    const start = at('2025-06-01', '00:00');
    for (let i = 0; i < 2000; i += 1) {
      const c = calendars[i % calendars.length];
      const from = start + Math.floor(random() * 900 * 24 * HOUR);
      const hours = Math.floor(random() * 120 * 60) / 60; // whole minutes up to 120 h
      const to = addWorkingHours(from, hours, c);
      expect(to).toBeGreaterThanOrEqual(from);
      expect(workingMsBetween(from, to, c)).toBe(Math.round(hours * HOUR));
      if (hours > 0) {
        // It lands inside a session (or on its end) of a working day.
        const msOfDay = to - at(civilDateOf(to - 1), '00:00');
        expect(c.isWorkingDay(civilDateOf(to - 1))).toBe(true);
        expect(c.sessions.some((s) => msOfDay > s.startMs && msOfDay <= s.endMs)).toBe(true);
      }
      const mid = from + Math.floor(random() * (to - from + 1));
      expect(workingMsBetween(from, mid, c) + workingMsBetween(mid, to, c)).toBe(
        workingMsBetween(from, to, c),
      );
    }
  });
});

describe('classifyReturn', () => {
  const due = at('2026-03-12', '17:00');
  it('is on time on the due day, early before it, late after the due instant', () => {
    expect(classifyReturn(at('2026-03-12', '07:30'), due)).toBe('on_time');
    expect(classifyReturn(due, due)).toBe('on_time');
    expect(classifyReturn(due + 1, due)).toBe('late');
    expect(classifyReturn(at('2026-03-13', '08:00'), due)).toBe('late');
    expect(classifyReturn(at('2026-03-11', '16:59'), due)).toBe('early');
    expect(classifyReturn(at('2026-03-12', '00:00'), due)).toBe('on_time');
    expect(classifyReturn(at('2026-03-12', '00:00') - 1, due)).toBe('early');
  });
});

describe('classifyStep / classifyTiming (limits in working hours)', () => {
  // A 4-hour step started Thu 12/03/2026 09:00 falls due 15:00 (the lunch break does not count).
  const start = at('2026-03-12', '09:00');
  const due = addWorkingHours(start, 4, cal);
  it('is early with more than one working hour left, on time in the last hour, late after', () => {
    expect(due).toBe(at('2026-03-12', '15:00'));
    expect(classifyStep(at('2026-03-12', '10:00'), due, cal)).toBe('early');
    // 11:00: 30 min before lunch + 1 h after it = 1.5 working hours left.
    expect(classifyStep(at('2026-03-12', '11:00'), due, cal)).toBe('early');
    // During lunch 13:30-15:00 is left (1.5 h); at 13:59, 61 minutes; at 14:00, exactly one hour.
    expect(classifyStep(at('2026-03-12', '13:29'), due, cal)).toBe('early');
    expect(classifyStep(at('2026-03-12', '13:59'), due, cal)).toBe('early');
    expect(classifyStep(at('2026-03-12', '14:00'), due, cal)).toBe('on_time');
    expect(classifyStep(at('2026-03-12', '14:30'), due, cal)).toBe('on_time');
    expect(classifyStep(due, due, cal)).toBe('on_time');
    expect(classifyStep(due + 1, due, cal)).toBe('late');
  });
  it('counts the hour left in working time: done at 16:30 for a step due 08:00 next day is on time', () => {
    const nextMorning = at('2026-03-13', '08:00');
    // 16:30-17:00 and 07:30-08:00: one working hour left.
    expect(classifyStep(at('2026-03-12', '16:30'), nextMorning, cal)).toBe('on_time');
    expect(classifyStep(at('2026-03-12', '16:29'), nextMorning, cal)).toBe('early');
  });
  it('keeps the due-day rule for limits in working days', () => {
    const dayDue = at('2026-03-12', '17:00');
    expect(classifyTiming(at('2026-03-12', '08:00'), dayDue, 'working_days', cal)).toBe('on_time');
    expect(classifyTiming(at('2026-03-11', '16:00'), dayDue, 'working_days', cal)).toBe('early');
    expect(classifyTiming(at('2026-03-12', '08:00'), dayDue, 'working_hours', cal)).toBe('early');
  });
});

describe('day helpers', () => {
  it('finds the next working day and the end of a working day', () => {
    expect(nextWorkingDay('2026-02-13', cal)).toBe('2026-02-23');
    expect(nextWorkingDay('2026-03-09', cal)).toBe('2026-03-10');
    expect(nextWorkingDay('2026-04-24', cal)).toBe('2026-04-28');
    expect(endOfWorkingDay('2026-03-09', cal)).toBe(at('2026-03-09', '17:00'));
  });

  it('counts working days in (from, to]', () => {
    expect(workingDaysBetween('2026-02-12', '2026-02-24', cal)).toBe(3);
    expect(workingDaysBetween('2026-02-24', '2026-02-12', cal)).toBe(-3);
    expect(workingDaysBetween('2026-03-09', '2026-03-09', cal)).toBe(0);
    let days = 0;
    for (let d = '2026-01-01'; d <= '2026-12-31'; d = addCivilDays(d, 1)) {
      if (cal.isWorkingDay(d)) days += 1;
    }
    // 261 weekdays minus 12 weekday holidays (1 Jan, 5 Tết, 27 Apr, 30 Apr, 1 May, 2–3 Sep, 24 Nov).
    expect(days).toBe(249);
    expect(workingDaysBetween('2025-12-31', '2026-12-31', cal)).toBe(249);
  });
});
