// SHOW GRANTS lines as MariaDB and MySQL print them → what the account may do in our database.
import { expect, test } from 'vitest';
import { MIGRATE_PRIVILEGES, SERVE_PRIVILEGES, databasePatternMatches, missing, parseGrants } from '../../../../main/core/commands/grants';
import { humanLine } from '../../../../main/core/commands/console-log';

test('an admin with ALL PRIVILEGES on *.* may serve, migrate and has SUPER', () => {
  const g = parseGrants(['GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION', "GRANT PROXY ON ''@'%' TO 'root'@'localhost' WITH GRANT OPTION"], 'marquee');
  expect(missing(g, SERVE_PRIVILEGES)).toEqual([]);
  expect(missing(g, MIGRATE_PRIVILEGES)).toEqual([]);
  expect(g.global.has('SUPER')).toBe(true);
});

test('a runtime account: DML on a matching pattern, EXECUTE per procedure, nothing to migrate with', () => {
  const lines = [
    "GRANT USAGE ON *.* TO `rt`@`%` IDENTIFIED BY PASSWORD '*AB'",
    'GRANT SELECT, INSERT, UPDATE, DELETE ON `marq\\_%`.* TO `rt`@`%`',
    'GRANT EXECUTE ON PROCEDURE `marq_box`.`marquee_book` TO `rt`@`%`',
    'GRANT SELECT (phone_no) ON `marq_box`.`user_record` TO `rt`@`%`',
    'GRANT `box_reader` TO `rt`@`%`',
  ];
  const g = parseGrants(lines, 'marq_box');
  expect(missing(g, SERVE_PRIVILEGES)).toEqual(['EXECUTE']);
  expect(missing(g, SERVE_PRIVILEGES, ['marquee_book'])).toEqual([]);
  expect(missing(g, SERVE_PRIVILEGES, ['marquee_book', 'marquee_move'])).toEqual(['EXECUTE']);
  expect(missing(g, MIGRATE_PRIVILEGES)).toEqual([...MIGRATE_PRIVILEGES]);
  expect(g.perTable).toBe(true);
  expect(g.roles).toEqual(['box_reader']);
  // `\_` is a literal underscore: marqXbox is not covered.
  expect(missing(parseGrants(lines, 'marqXbox'), SERVE_PRIVILEGES)).toEqual([...SERVE_PRIVILEGES]);
});

test('database patterns follow LIKE: _ and % are wildcards unless escaped', () => {
  expect(databasePatternMatches('marquee', 'marquee')).toBe(true);
  expect(databasePatternMatches('marquee', 'marquee2')).toBe(false);
  expect(databasePatternMatches('marq_ee', 'marquee')).toBe(true);
  expect(databasePatternMatches('marq\\_ee', 'marquee')).toBe(false);
  expect(databasePatternMatches('%', 'anything')).toBe(true);
});

test('console log lines for a terminal: time, level, message, details; bad JSON passes through', () => {
  const line = humanLine(JSON.stringify({ level: 50, time: Date.UTC(2026, 0, 1, 12, 0, 0), app: 'marquee', msg: 'embedded database server exited unexpectedly; restarting it', signal: 'SIGKILL', restartInMs: 1000 }));
  expect(line).toMatch(/^\d\d:\d\d:\d\d ERROR embedded database server exited unexpectedly; restarting it signal=SIGKILL restartInMs=1000$/);
  expect(humanLine('not json\n')).toBe('not json');
});
