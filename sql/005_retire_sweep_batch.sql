-- The expiry sweep no longer runs as a procedure: it reads expired tickets without locks and
-- writes them by primary key under a lease (main/core/sweep.ts), which a Galera cluster does not
-- keep aborting. Databases made before that still carry the procedure; nothing calls it.
DROP PROCEDURE IF EXISTS marquee_sweep_batch;
