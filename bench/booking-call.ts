// `npm run bench:call`: bookings per second of the booking transaction alone
// (CALL marquee_book over mysql2 as the core makes it for a keyed booking, 16 connections,
// no HTTP) on a fresh database, and the same for a counter sale's transaction (CALL
// marquee_sell for two adults paid in cash, as operations/payments.ts sell makes it less the key).
import { loadConfig } from '../main/core/config';
import { Database } from '../main/core/db/database';
import { createOperationContext } from '../main/core/operations/context';
import { FAMILY_OF_FOUR, freshDatabase, managerOn, measureBookingCall, seedPartyTypes, startBenchServer } from './support';

const CONNECTIONS = 16;
const SECONDS = 10;

const server = await startBenchServer();
try {
  const { target } = await freshDatabase(server, 'marquee_bench_call');
  const result = await measureBookingCall(target, CONNECTIONS, CONNECTIONS, SECONDS);
  console.log(
    `CALL marquee_book, ${CONNECTIONS} connections, ${SECONDS} s: ${Math.round(result.perSecond)} bookings/s ` +
      `(p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, ${result.calls} bookings)`,
  );
  const db = new Database(target, { poolSize: 1 });
  const [adult] = await seedPartyTypes(managerOn(createOperationContext(db, loadConfig({ MARQUEE_TIMEZONE: 'UTC' })))).finally(() => db.close());
  const amount = FAMILY_OF_FOUR[0].price * 2;
  const sale = await measureBookingCall(target, CONNECTIONS, CONNECTIONS, SECONDS, [{ ticketTypeId: adult!.ticketTypeId, count: 2 }], { amount, tendered: amount + 100 });
  console.log(
    `CALL marquee_sell (a counter sale: 2 adults, cash), ${CONNECTIONS} connections, ${SECONDS} s: ${Math.round(sale.perSecond)} sales/s ` +
      `(p50 ${sale.p50.toFixed(2)} ms, p99 ${sale.p99.toFixed(2)} ms, ${sale.calls} sales)`,
  );
} finally {
  await server.stop();
}
