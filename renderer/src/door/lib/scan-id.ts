// One id per scan, sent again with its retries and its journal entry, so the server answers a
// scan once however often it reaches it (sql/020_door_scans.sql).
export function newScanId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
