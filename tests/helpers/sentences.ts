/**
 * The shape of every validation message a person or an API client reads: one sentence that starts with a
 * capital letter, a digit, a quoted value or a parenthesis, and ends with a full stop (or ! ?), on one line.
 * A lower-case fragment that only reads after a field path ("must be shorter than …") fails it.
 */
export const SENTENCE = /^[A-Z0-9"“(][^\n]*[.!?]$/;

/** zod's own wording, which the plain messages (lib/http/validation-messages.ts) replace. */
export const ZOD_WORDING = /Too (small|big)|Invalid (input|option|string|UUID|email)|Unrecognized key|expected (string|number|object|array)|received /;

/** The messages that are not sentences (or still speak zod's words), with their paths: [] when all are. */
export function fragments(issues: readonly { path: string; message: string }[]): string[] {
  return issues.filter((i) => !SENTENCE.test(i.message) || ZOD_WORDING.test(i.message)).map((i) => `${i.path}: ${i.message}`);
}
