/**
 * The production-readiness guides the built-in templates come from. Their files (../shared/seeds/) are named
 * by a hash; people know them by system and title, so that is what templates carry and show. An older
 * export or import that still names a file is read with the file name replaced by the guide's title.
 */
export const SEED_GUIDES: Record<string, string> = {
  "000_6489880ebff31306.txt": "Hyperterse — Production hardening",
  "001_5d9bb4209a8b55ef.txt": "CryptoPulse — Production deployment guide",
  "002_1374269f4630c388.txt": "TrailBase — Productionize",
  "003_51aecf67099b6b6e.txt": "Glasswork — Production Readiness",
};

/** A template's `source` as people should read it: every seed guide file name replaced by its title. */
export function sourceLabel(source: string): string {
  return source.replace(/\b\d{3}_[0-9a-f]{16}\.txt\b/g, (file) => SEED_GUIDES[file] ?? file);
}
