// The manager app's sections and who sees which. A counter token (box-office staff) gets the
// counter's three: Sell, Find, Cash-up; a manager everything, Sell and Cash-up too. A section a
// role may not see is never opened, so its reads (devices, reports, the program) are never sent
// for a role the box office would refuse them to.
import type { Role } from '../../../../main/common/roles';

/**
 * schedule: the list; week: the timeline per screen; catalog: screens and films; ticketTypes:
 * kinds of ticket and prices; sell, find, cashup: the counter's sale, a guest's ticket, the day's money.
 */
export type ManagerView = 'schedule' | 'week' | 'catalog' | 'ticketTypes' | 'sell' | 'find' | 'cashup' | 'reports' | 'devices';

const COUNTER_VIEWS: readonly ManagerView[] = ['sell', 'find', 'cashup'];
const MANAGER_VIEWS: readonly ManagerView[] = ['schedule', 'week', 'catalog', 'ticketTypes', 'sell', 'cashup', 'reports', 'devices'];

/** The sections a device of `role` sees, in the header's order; a role not known yet sees none. */
export function viewsFor(role: Role | null): readonly ManagerView[] {
  if (role === 'manager') return MANAGER_VIEWS;
  if (role === 'counter') return COUNTER_VIEWS;
  return [];
}

/** Where a device of `role` starts: the counter sells, the manager sees the schedule. */
export function homeViewOf(role: Role | null): ManagerView {
  return role === 'counter' ? 'sell' : 'schedule';
}
