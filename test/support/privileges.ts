// The privileges the README tells an operator to grant, in one place for the tests that use them.
/** The admin (migrating) account: DDL for tables, routines and triggers, plus the DML they need. */
export const ADMIN_PRIVILEGES =
  'SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES, CREATE ROUTINE, ALTER ROUTINE, EXECUTE, TRIGGER';
/** The runtime account: data and the stored routines, nothing else. */
export const RUNTIME_PRIVILEGES = 'SELECT, INSERT, UPDATE, DELETE, EXECUTE';
