// `npm run bench:call`: bookings per second of the booking transaction alone
// (CALL marquee_book over mysql2 as the core makes it for a keyed booking, 16 connections,
// no HTTP) on a fresh database.
import { freshDatabase, measureBookingCall, startBenchServer } from './support';

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
} finally {
  await server.stop();
}
