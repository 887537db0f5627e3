// The log file is written a batch at a time: lines that arrive while a write is in flight go out
// together in the next write, in order, none lost, no batch longer than the limit (the log
// rotates after the write that takes it past its size).
import { expect, test } from 'vitest';
import { inBatches } from '../../../../main/core/commands/console-log';

test('lines given while a write is in flight go out together in the next write, in order and within the limit', () => {
  const writes: string[] = [];
  const finish: (() => void)[] = [];
  const log = inBatches((chunk, done) => {
    writes.push(chunk);
    finish.push(done);
  }, 40);
  log.write('first\n');
  expect(writes).toEqual(['first\n']); // nothing in flight: written at once
  const lines = Array.from({ length: 12 }, (_, i) => `line ${String(i).padStart(2, '0')}\n`); // 8 characters each
  for (const line of lines) log.write(line);
  expect(writes).toHaveLength(1); // held while the first write is in flight
  while (finish.length > 0) finish.shift()!();
  expect(writes.slice(1)).toEqual([lines.slice(0, 5).join(''), lines.slice(5, 10).join(''), lines.slice(10).join('')]);
  expect(writes.join('')).toBe(['first\n', ...lines].join(''));
});

test('a line longer than the limit is written alone, whole', () => {
  const writes: string[] = [];
  const log = inBatches((chunk, done) => {
    writes.push(chunk);
    done();
  }, 10);
  log.write(`${'x'.repeat(25)}\n`);
  log.write('short\n');
  expect(writes).toEqual([`${'x'.repeat(25)}\n`, 'short\n']);
});
