-- Unpaid reservations released before their show (issue 22): the sweep gives back the seats of a
-- party with a price on which nothing was paid (not comped, nobody admitted) once its show starts
-- within MARQUEE_RESERVATION_HOLD_MINUTES (sql/routines/marquee_release_unpaid.sql).
-- The ticket is deleted, like a cancellation, and its audit row keeps its code (sql/010) under a
-- kind of its own, 'unpaid_released': 'released' already means some seats of a party given back
-- while the ticket stays (sql/017), and 'cancelled' would tell the guest "cancelled" when the
-- truth is "released: not paid in time". The same row is what marquee_pay finds to refuse a
-- payment that arrives after the release.
ALTER TABLE ticket_event
  MODIFY COLUMN kind ENUM('booked', 'moved', 'cancelled', 'removed', 'expired', 'checked_in', 'checkin_undone', 'released', 'unpaid_released') NOT NULL;
