import type { Config } from '../config';
import type { Database } from '../db/database';

/** What every operation needs: the pool and the rules' settings (capacity, expiry, zone). */
export interface OperationContext {
  db: Database;
  config: Pick<Config, 'capacity' | 'expireHours' | 'timeZone'>;
}
