-- The expiry sweep's lease (main/core/sweep.ts, main/core/db/lease.ts): one sweeper at a time
-- across every instance and cluster node. The marquee_lease table is the migrator's own (it
-- holds the migration lease too, so it exists before any migration runs).
INSERT IGNORE INTO marquee_lease (name, holder, expires_at) VALUES ('sweep', NULL, '2000-01-01 00:00:00');
