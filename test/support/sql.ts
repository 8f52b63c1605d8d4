// Raw reads of a test office's database, for assertions on what the services wrote.
import type { TestApp } from './backend';

export function sqlOf(app: () => TestApp) {
  return {
    all: <T>(sql: string, ...params: unknown[]) =>
      app()
        .backend.database()
        .prepare(sql)
        .all(...params) as T[],
    one: <T>(sql: string, ...params: unknown[]) =>
      app()
        .backend.database()
        .prepare(sql)
        .pluck()
        .get(...params) as T,
  };
}
