-- Wheelchair spaces (issue 26, item 6). `is_accessible` (ACCESSIBLE is a reserved word): the type is a space for a guest with a
-- disability (a wheelchair space); the kiosk offers such types first, with the symbol of access.
-- `held_for_counter`: of the type's quota per show, this many are sold only by staff (a counter
-- or manager token), never by a kiosk, so a guest who arrives at the box office still finds one.
-- Enforced where the quota is: marquee_count_party, in the ticket's own statement, reading the
-- booking's channel from @marquee_channel (set by marquee_book and marquee_move for that one
-- statement). A hold needs a quota to hold back from, and is never more than it.
ALTER TABLE ticket_type
  ADD COLUMN is_accessible TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN held_for_counter SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  ADD CONSTRAINT chk_ticket_type_held CHECK (held_for_counter = 0 OR (quota_per_show IS NOT NULL AND held_for_counter <= quota_per_show));
