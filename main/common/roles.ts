// Device roles (docs/ARCHITECTURE.md, "The one contract"): kiosk books and looks up its own tickets, viewer reads rosters
// with masked phones, manager does everything. Runs anywhere.
export const ROLES = ['kiosk', 'viewer', 'manager'] as const;
export type Role = (typeof ROLES)[number];
