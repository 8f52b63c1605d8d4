// An objective's chart shows its measurements against the target, not a flat line at the top.
import { describe, expect, it } from 'vitest';
import { valueAxis } from '../../renderer/src/screens/qms/objectives/unit';

describe('valueAxis', () => {
  it('runs a percentage from a round ten below the lowest value or target to 100', () => {
    expect(valueAxis('%', [94.7, 95.7, 92.3], 98)).toEqual([80, 100]);
    expect(valueAxis('%', [85.3, 91.4], 90)).toEqual([80, 100]);
    expect(valueAxis('%', [41], 60)).toEqual([30, 100]);
    expect(valueAxis('%', [2], 10)).toEqual([0, 100]);
    expect(valueAxis('%', [], 98)).toEqual([90, 100]);
  });

  it('lets the chart choose for any other unit', () => {
    expect(valueAxis('lớp', [1, 2], 2)).toEqual([0, 'auto']);
  });
});
