// A separate booking process for the concurrency tests: opens its own pool, waits for "go"
// on stdin so both processes fire together, books `count` tickets at once, prints a tally.
import { createInterface } from 'node:readline';
import { loadConfig } from '../../main/core/config';
import { Database } from '../../main/core/db/database';
import { parseDbUrl } from '../../main/core/db/target';
import { runOperation } from '../../main/core/operations';
import { createOperationContext } from '../../main/core/operations/context';

const [url, showTime, countText, label] = process.argv.slice(2);
const count = Number(countText);
const db = new Database(parseDbUrl(url!), { poolSize: 50 });
const ctx = createOperationContext(db, loadConfig({ MARQUEE_TIMEZONE: 'UTC' }));
await db.ping(); // warm one connection so "ready" means ready
console.log('ready');

const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === 'go') break;

const tally: Record<string, number> = {};
await Promise.all(
  Array.from({ length: count }, (_, i) =>
    runOperation(ctx, 'book', { userName: `Guest ${label}-${i}`, phoneNo: `+4915${String(i).padStart(7, '0')}`, showTime }, { role: 'kiosk', label: `proc-${label}` })
      .then(() => 'OK')
      .catch((err: { code?: string }) => err.code ?? 'UNKNOWN')
      .then((outcome) => {
        tally[outcome] = (tally[outcome] ?? 0) + 1;
      }),
  ),
);
console.log(JSON.stringify(tally));
await db.close();
