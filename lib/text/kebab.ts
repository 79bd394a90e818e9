import slugify from "@sindresorhus/slugify";

/**
 * Text as lower-case words joined by "-" (slugs, item keys), at most `maxLength` characters. Letters are
 * transliterated rather than dropped ("Crème brûlée" → "creme-brulee", "Straße" → "strasse"); text with
 * nothing to keep gives `fallback`.
 */
export function kebab(text: string, maxLength: number, fallback: string): string {
  return slugify(text, { decamelize: false }).slice(0, maxLength).replace(/-+$/, "") || fallback;
}
