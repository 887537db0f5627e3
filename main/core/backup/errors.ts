// A backup or restore that cannot go on, said in one sentence for the operator (printed as it is
// by commands/plain-errors.ts, stored as the run's error in marquee_backup).
export class BackupError extends Error {
  override name = 'BackupError';
}
