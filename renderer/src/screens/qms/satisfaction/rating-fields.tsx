// The citizen's rating as form fields, on the scale in force: one level (keys 1, 2… pick it,
// 0 = no rating, so the desk officer never reaches for the mouse) and, optionally, a level per
// criterion. Used on the return dialog and when copying a paper slip.
import { Collapse, Group, Radio, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { RatingScale } from '../../../../../core/qms/rating';
import { api } from '../../../api/client';
import { useLoad } from '../../../components/use-load';

export interface RatingValue {
  readonly level: string | null;
  readonly criteria: Readonly<Record<string, string>>;
  readonly comment: string;
}

export const NO_RATING: RatingValue = { level: null, criteria: {}, comment: '' };

/** The scale in force (loaded once per dialog). */
export function useRatingScale(): RatingScale | null {
  return useLoad(useCallback(() => api.ratings.scale({}), [])).data;
}

/** Digit keys pick a level (1 = first), 0 clears; typing in a text box is left alone. */
export function ratingKeys(
  scale: RatingScale | null,
  value: RatingValue,
  onChange: (v: RatingValue) => void,
) {
  return (e: KeyboardEvent) => {
    if (!scale || !/^[0-9]$/.test(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.target as HTMLElement;
    if (
      target.tagName === 'TEXTAREA' ||
      (target.tagName === 'INPUT' && target.getAttribute('type') !== 'radio')
    )
      return;
    const n = Number(e.key);
    if (n === 0) onChange({ ...value, level: null });
    else if (scale.levels[n - 1]) onChange({ ...value, level: scale.levels[n - 1]?.key ?? null });
    else return;
    e.preventDefault();
  };
}

export function RatingFields({
  scale,
  value,
  onChange,
  allowNone,
  autoFocus = false,
}: {
  readonly scale: RatingScale;
  readonly value: RatingValue;
  readonly onChange: (v: RatingValue) => void;
  /** On the return dialog the citizen may decline (0); from a slip a level is required. */
  readonly allowNone: boolean;
  /** Focus the first level when the dialog opens (digits and arrows then work at once). */
  readonly autoFocus?: boolean;
}) {
  const [details, setDetails] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  // The scale may arrive after the dialog opened and placed its focus: take it then.
  useEffect(() => {
    if (autoFocus) first.current?.focus();
  }, [autoFocus]);
  const levels = scale.levels.map((l, i) => ({ value: l.key, label: `${i + 1}. ${l.label}` }));
  const none = allowNone ? [{ value: '', label: '0. Không đánh giá' }] : [];
  return (
    <Stack gap="xs">
      <Radio.Group
        label="Người dân đánh giá sự hài lòng"
        description="Bấm phím số để chọn nhanh"
        value={value.level ?? ''}
        onChange={(v) => onChange({ ...value, level: v === '' ? null : v })}
        required={!allowNone}
      >
        <Group mt={6} gap="lg">
          {[...levels, ...none].map((o, i) => (
            <Radio
              key={o.value}
              value={o.value}
              label={o.label}
              data-autofocus={autoFocus && i === 0 ? true : undefined}
              ref={i === 0 ? first : undefined}
            />
          ))}
        </Group>
      </Radio.Group>
      {value.level !== null && scale.criteria.length > 0 ? (
        <>
          <Text
            size="sm"
            c="indigo"
            style={{ cursor: 'pointer' }}
            onClick={() => setDetails((d) => !d)}
          >
            {details ? 'Ẩn đánh giá theo tiêu chí' : 'Đánh giá theo tiêu chí (không bắt buộc)'}
          </Text>
          <Collapse expanded={details}>
            <Stack gap={6}>
              {scale.criteria.map((c) => (
                <Group key={c.key} justify="space-between" wrap="nowrap">
                  <Text size="sm">{c.label}</Text>
                  <SegmentedControl
                    size="xs"
                    aria-label={c.label}
                    data={[
                      { value: '', label: '—' },
                      ...scale.levels.map((l) => ({ value: l.key, label: l.label })),
                    ]}
                    value={value.criteria[c.key] ?? ''}
                    onChange={(v) => {
                      const criteria = { ...value.criteria };
                      if (v === '') delete criteria[c.key];
                      else criteria[c.key] = v;
                      onChange({ ...value, criteria });
                    }}
                  />
                </Group>
              ))}
              <Textarea
                label="Ý kiến của người dân"
                autosize
                minRows={1}
                value={value.comment}
                onChange={(e) => onChange({ ...value, comment: e.currentTarget.value })}
              />
            </Stack>
          </Collapse>
        </>
      ) : null}
    </Stack>
  );
}

/** The value as the contract's rating (null when the citizen gave none). */
export function ratingInput(v: RatingValue) {
  return v.level === null
    ? null
    : { level: v.level, criteria: { ...v.criteria }, comment: v.comment };
}
