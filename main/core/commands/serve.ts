import type { Config } from '../config';
import type { Logger } from '../db/database';

// Placeholder until the REST listener lands (issue 3).
export async function serveCommand(_config: Config, _logger: Logger): Promise<void> {
  throw new Error('marquee serve is not built yet.');
}
