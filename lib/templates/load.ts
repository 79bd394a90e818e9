/**
 * Reads template files (YAML or JSON) and validates them. Errors name the file, the item and the
 * field, e.g. `templates/x.yaml: section "security" › item "tls" (sections[0].items[3]) › severity: ...`.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { templateFileSchema, type TemplateFile } from "./schema";
import "@/lib/http/validation-messages";

export const BUILT_IN_TEMPLATES_DIR = path.join(process.cwd(), "templates");

export interface TemplateProblem {
  path: string;
  message: string;
}

export class TemplateValidationError extends Error {
  constructor(
    public readonly source: string,
    public readonly problems: TemplateProblem[],
  ) {
    super(`${source}: invalid template\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n")}`);
    this.name = "TemplateValidationError";
  }
}

/** A readable location for a zod issue path: section and item keys where the data has them. */
function describePath(data: unknown, issuePath: PropertyKey[]): string {
  const parts: string[] = [];
  let node: unknown = data;
  let raw = "";
  for (let i = 0; i < issuePath.length; i++) {
    const seg = issuePath[i];
    raw += typeof seg === "number" ? `[${seg}]` : `${raw ? "." : ""}${String(seg)}`;
    node = node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[seg as PropertyKey] : undefined;
    const prev = issuePath[i - 1];
    if (typeof seg === "number" && (prev === "sections" || prev === "items")) {
      const key = node && typeof node === "object" ? (node as { key?: unknown }).key : undefined;
      const label = prev === "sections" ? "section" : "item";
      parts.push(typeof key === "string" ? `${label} "${key}"` : `${label} #${seg + 1}`);
    }
  }
  const last = issuePath.at(-1);
  const field = typeof last === "string" && last !== "sections" && last !== "items" ? `field "${last}"` : undefined;
  return [...parts, field, `(${raw || "root"})`].filter(Boolean).join(" › ");
}

export function problemsFromZod(data: unknown, error: z.ZodError): TemplateProblem[] {
  return error.issues.map((issue) => ({ path: describePath(data, issue.path), message: issue.message }));
}

/** Parse YAML or JSON text (by file name, or by sniffing) into a validated template. */
export function parseTemplateText(text: string, source: string): TemplateFile {
  let data: unknown;
  try {
    data = /\.json$/i.test(source) || /^\s*[{[]/.test(text) ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    // The parsers' first line says what and where ("… at line 3, column 5:"); the code excerpt after it does not fit a list.
    const reason = (err as Error).message.split("\n")[0]!.trim().replace(/[.:]$/, "");
    throw new TemplateValidationError(source, [{ path: "(file)", message: `The file is not valid YAML or JSON: ${reason}.` }]);
  }
  const result = templateFileSchema.safeParse(data);
  if (!result.success) throw new TemplateValidationError(source, problemsFromZod(data, result.error));
  return result.data;
}

export function loadTemplateFile(file: string): TemplateFile {
  const source = path.relative(process.cwd(), file) || file;
  return parseTemplateText(readFileSync(file, "utf8"), source);
}

/**
 * All template files of a folder, sorted by name; the first invalid file aborts the load. Run by the
 * launcher, the CLI and migrations, never by the server: the ignore comments keep Next's file tracing
 * from copying the whole project into the standalone build for a folder it cannot know.
 */
export function loadTemplateDir(dir = BUILT_IN_TEMPLATES_DIR): TemplateFile[] {
  return readdirSync(/*turbopackIgnore: true*/ dir)
    .filter((f) => /\.(ya?ml|json)$/i.test(f))
    .sort()
    .map((f) => loadTemplateFile(path.join(/*turbopackIgnore: true*/ dir, f)));
}
