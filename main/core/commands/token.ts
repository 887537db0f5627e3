// `marquee token create|list|revoke`: device tokens for the LAN API. A new token is printed
// once, as the last line of stdout, so scripts can take it with `tail -n 1`.
import { z } from 'zod';
import { openDatabase, prepareSchema } from '../app';
import { tokenLabel, tokenRole } from '../../common/schemas';
import { createToken, listTokens, revokeToken } from '../auth/tokens';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { Logger } from '../log';
import { CLI, tokenCreateHint, tokenCreateHints } from './hint';
import { databaseLine, noServeWarning } from './database-line';

const USAGE = `Usage:
${tokenCreateHints().map((hint) => `  ${hint}`).join('\n')}
  ${CLI} token list
  ${CLI} token revoke --id N`;

function usage(message: string): number {
  console.error(`marquee token: ${message}\n\n${USAGE}`);
  return 2;
}

async function withDatabase<T>(config: Config, logger: Logger, work: (db: Database) => Promise<T>): Promise<T> {
  const { db, embedded } = await openDatabase(config, logger);
  console.log(databaseLine(config, embedded));
  const warning = noServeWarning(config, embedded);
  if (warning) console.error(warning);
  try {
    await prepareSchema(db, config, logger);
    return await work(db);
  } finally {
    await db.close();
    await embedded?.stop();
  }
}

const iso = (d: Date | null) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : '-');

export async function tokenCommand(
  config: Config, logger: Logger, sub: string | undefined, values: Record<string, string | undefined>,
): Promise<number> {
  switch (sub) {
    case 'create': {
      const role = tokenRole.safeParse(values.role);
      if (!role.success) return usage('--role must be kiosk, viewer or manager.');
      const label = tokenLabel.safeParse(values.label ?? '');
      if (!label.success) return usage('--label must be 1 to 100 characters naming the device, e.g. "Lobby kiosk".');
      const { id, token } = await withDatabase(config, logger, (db) => createToken(db, role.data, label.data));
      console.log(`Token #${id} for "${label.data}" (role ${role.data}). It is shown only now; put it on the device:`);
      console.log(token);
      return 0;
    }
    case 'list': {
      const tokens = await withDatabase(config, logger, listTokens);
      if (tokens.length === 0) {
        console.log(`No device tokens yet. Make one with: ${tokenCreateHint('kiosk')}`);
        return 0;
      }
      const rows = [['id', 'role', 'label', 'created', 'revoked'], ...tokens.map((t) => [String(t.id), t.role, t.label, iso(t.createdAt), iso(t.revokedAt)])];
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
      for (const r of rows) console.log(r.map((cell, i) => cell + ' '.repeat(widths[i]! - [...cell].length)).join('  ').trimEnd());
      return 0;
    }
    case 'revoke': {
      const id = z.coerce.number().int().positive().safeParse(values.id);
      if (!id.success) return usage(`--id must be the number shown by \`${CLI} token list\`.`);
      const outcome = await withDatabase(config, logger, (db) => revokeToken(db, id.data));
      if (outcome === 'not-found') {
        console.error(`marquee token: there is no token #${id.data}.`);
        return 1;
      }
      console.log(outcome === 'revoked' ? `Token #${id.data} is revoked; it is refused from the next request on.` : `Token #${id.data} was already revoked.`);
      return 0;
    }
    default:
      return usage(sub ? `unknown subcommand "${sub}".` : 'which one: create, list or revoke?');
  }
}
