-- The week's program (issue 20, items 5–8): a screening cancelled with its tickets, and a show
-- moved to another time or screen with its tickets, both kept in every ticket's audit trail.
-- reason: why, for an event that has one — a cancelled screening's reason on each of its
-- tickets' 'cancelled' rows (written by the delete trigger from @marquee_reason, as the actor is
-- from @marquee_actor). starts_at / from_starts_at: the show's start after and before the event,
-- for a 'moved' row written when the show itself moved (/show/reschedule): the show is the same
-- on both sides, so its id alone cannot say from when to when. NULL on every other row,
-- whose times are read from the shows it names.
ALTER TABLE ticket_event
  ADD COLUMN reason VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL,
  ADD COLUMN starts_at DATETIME NULL,
  ADD COLUMN from_starts_at DATETIME NULL;
