// Every table of the provincial server's PostgreSQL database.
export * from './audit';
export * from './devices';
export * from './feed';
export * from './files';
export * from './offices';
export * from './ops';
export * from './releases';
export * from './escrow';
export * from './qms-status';
export * from './office-figures';
