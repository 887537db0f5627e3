// Device roles (docs/ARCHITECTURE.md, "The one contract"): kiosk books and looks up its own tickets (proven by the
// ticket code), door checks tickets in and sees today's shows and counts, viewer reads rosters
// with masked phones, manager does everything. Runs anywhere.
export const ROLES = ['kiosk', 'door', 'viewer', 'manager'] as const;
export type Role = (typeof ROLES)[number];
