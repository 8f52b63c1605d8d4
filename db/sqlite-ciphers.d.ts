// better-sqlite3-multiple-ciphers has better-sqlite3's API (its own typings are not reachable
// through its package exports): the same types, so drizzle's driver takes it as is.
declare module 'better-sqlite3-multiple-ciphers' {
  import Database from 'better-sqlite3';
  // eslint-disable-next-line no-restricted-syntax -- the package's own shape: a default export
  export default Database;
}
