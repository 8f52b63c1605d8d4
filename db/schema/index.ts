// Every table of the office database, for drizzle's typed queries.
export * from './office';
export * from './users';
export * from './audit';
export * from './catalog';
export * from './calendar';
export * from './dossiers';
export * from './attachments';
export * from './sync';
export * from './qms-records';
export * from './qms-acknowledgements';
export * from './audit-packs';
