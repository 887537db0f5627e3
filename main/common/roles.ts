// Device roles (docs/ARCHITECTURE.md, "The one contract"): kiosk books and looks up its own tickets (proven by the
// ticket code), door checks tickets in and sees today's shows and counts, viewer reads rosters
// with masked phones, counter is box-office staff (sells, takes payments and refunds, finds
// guests; not the program, devices or reports), manager does everything. Runs anywhere.
export const ROLES = ['kiosk', 'door', 'viewer', 'counter', 'manager'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Roles a device may get by redeeming a pairing code: every role but manager, since a code is
 * six digits a passer-by could read off the screen, and a manager token can make more tokens.
 */
export const PAIRABLE_ROLES = ROLES.filter((role): role is Exclude<Role, 'manager'> => role !== 'manager');
export type PairableRole = Exclude<Role, 'manager'>;

/** Roles that may read GET /metrics (a scraper may instead present MARQUEE_METRICS_TOKEN). */
export const METRICS_ROLES: readonly Role[] = ['manager', 'viewer'];
