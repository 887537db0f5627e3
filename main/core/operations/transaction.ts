import type { PoolConnection } from 'mysql2/promise';
import type { OperationContext } from './context';

/** Runs `work` in a transaction on one connection; any throw rolls it back. */
export async function inTransaction<T>(ctx: OperationContext, work: (conn: PoolConnection) => Promise<T>): Promise<T> {
  return ctx.db.withConnection(async (conn) => {
    await conn.beginTransaction();
    try {
      const result = await work(conn);
      await conn.commit();
      return result;
    } catch (err) {
      await conn.rollback().catch(() => undefined);
      throw err;
    }
  });
}
