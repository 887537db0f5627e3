// Each pooled connection keeps a bounded cache of prepared statements (issue 14: mysql2's default
// of 16,000 slots is allocated up front, 512 KB per connection). Past the bound the oldest
// statement is closed on the server and prepared again when next used, with the same answers.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PREPARED_STATEMENTS_PER_CONNECTION } from '../../../../main/core/db/database';
import { createTestDatabase, type TestDatabase } from '../../../support/db';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

interface StatementCache {
  size: number;
  max: number;
}

test('a connection keeps at most PREPARED_STATEMENTS_PER_CONNECTION statements, and one pushed out still answers', async () => {
  const { db } = database;
  await db.withConnection(async (conn) => {
    // One connection, so every statement below lands in the same cache.
    const cache = (conn.connection as unknown as { _statements: StatementCache })._statements;
    expect(cache.max).toBe(PREPARED_STATEMENTS_PER_CONNECTION);
    const distinct = PREPARED_STATEMENTS_PER_CONNECTION + 20;
    for (let i = 0; i < distinct; i++) {
      const [rows] = await conn.execute(`SELECT ? + ${i} AS n`, [1]);
      expect(rows).toEqual([{ n: 1 + i }]);
    }
    expect(cache.size).toBe(PREPARED_STATEMENTS_PER_CONNECTION);
    // The first statement was pushed out (and closed on the server); used again, it is prepared again.
    const [again] = await conn.execute('SELECT ? + 0 AS n', [41]);
    expect(again).toEqual([{ n: 41 }]);
  });
});
