// Database keeps a duplicate key recognisable (tickets.ts asks again when two copies of one
// idempotent booking race), while a client still sees only INTERNAL.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DuplicateKeyError, isDuplicateKey } from '../../../../main/core/db/errors';
import { createTestDatabase, type TestDatabase } from '../../../support/db';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

test('a second row with the same key rejects with a DuplicateKeyError that answers INTERNAL', async () => {
  const { db } = database;
  await db.exec('CREATE TABLE dup_probe (id INT PRIMARY KEY)');
  await db.exec('INSERT INTO dup_probe (id) VALUES (?)', [1]);
  const err = await db.exec('INSERT INTO dup_probe (id) VALUES (?)', [1]).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DuplicateKeyError);
  expect(isDuplicateKey(err)).toBe(true);
  expect(err).toMatchObject({ code: 'INTERNAL', status: 500 });
  expect((err as Error).message).not.toMatch(/Duplicate|dup_probe/);
});

test('other failures are not mistaken for a duplicate key', async () => {
  const err = await database.db.exec('INSERT INTO no_such_table (id) VALUES (1)').catch((e: unknown) => e);
  expect(isDuplicateKey(err)).toBe(false);
  expect(err).toMatchObject({ code: 'INTERNAL' });
});
