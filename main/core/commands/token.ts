import type { Config } from '../config';
import type { Logger } from '../db/database';

// Placeholder until the REST listener lands (issue 3).
export async function tokenCommand(_c: Config, _l: Logger, _sub: string | undefined, _v: Record<string, string | undefined>): Promise<number> {
  throw new Error('marquee token is not built yet.');
}
