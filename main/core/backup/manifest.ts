// What a backup says about itself (archive.ts keeps it beside the dump as manifest.json). A
// restore checks it before touching the database: the format, that this Marquee knows every
// migration the backup's database had, and the dump's SHA-256; after loading, that every table
// holds the rows counted here.
import { z } from 'zod';

export const MANIFEST_FORMAT = 'marquee-backup/1';

export const backupManifest = z.object({
  format: z.literal(MANIFEST_FORMAT),
  marqueeVersion: z.string(),
  /** By the database clock, just before the dump's snapshot began (ISO 8601, UTC): about the moment the backup restores to. */
  createdAt: z.string(),
  database: z.object({ name: z.string(), server: z.string() }),
  /** The program that made the dump, as its --version says. */
  dumpTool: z.string(),
  /** The versioned migrations recorded in the dumped database, in order (routines are re-created by the restore). */
  migrations: z.array(z.string()),
  /** Every table of the database, with the rows the dump holds for it. */
  tables: z.record(z.string(), z.number().int().nonnegative()),
  dump: z.object({ file: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
});

export type BackupManifest = z.infer<typeof backupManifest>;
