// A qms_record row as an office pushes it, for the province's quality-system tests.
import { v7 as uuidv7 } from 'uuid';

export const qmsRow = (
  kind: string,
  state: string,
  data: Record<string, unknown>,
  over: Record<string, unknown> = {},
) => ({
  id: uuidv7(),
  kind,
  state,
  updatedAt: Date.now(),
  dueDate: null,
  sourceKind: null,
  sourceId: null,
  data,
  ...over,
});
