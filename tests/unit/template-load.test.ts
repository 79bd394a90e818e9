import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadTemplateDir, loadTemplateFile, parseTemplateText, TemplateValidationError } from "@/lib/templates/load";

const valid = `
key: demo
name: Demo
description: A demo template.
sections:
  - key: security
    title: Security
    items:
      - key: tls
        title: Enable HTTPS
        guidance: Always use HTTPS in production.
        severity: critical
      - key: headers
        title: Security headers
        guidance: Add HSTS.
        severity: high
        required: false
        autoCheck: hsts
`;

function errorOf(fn: () => unknown): TemplateValidationError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TemplateValidationError);
    return err as TemplateValidationError;
  }
  throw new Error("expected a TemplateValidationError");
}

describe("template files", () => {
  it("every built-in template file validates", () => {
    const templates = loadTemplateDir();
    expect(templates.map((t) => t.key).sort()).toEqual(["baseline", "cryptopulse", "glasswork", "hyperterse", "trailbase"]);
    for (const t of templates) expect(t.sections.flatMap((s) => s.items).length).toBeGreaterThan(5);
  });

  it("parses YAML and JSON with defaults", () => {
    const tpl = parseTemplateText(valid, "demo.yaml");
    expect(tpl.sections[0]!.items[0]!.required).toBe(true);
    const json = parseTemplateText(JSON.stringify(tpl), "demo.json");
    expect(json).toEqual(tpl);
  });

  it("rejects a malformed item with a message naming the file, the item and the field", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "tpl-"));
    const file = path.join(dir, "broken.yaml");
    writeFileSync(file, valid.replace("severity: high", "severity: urgent"));
    const err = errorOf(() => loadTemplateFile(file));
    expect(err.message).toContain("broken.yaml");
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]!.path).toContain('section "security"');
    expect(err.problems[0]!.path).toContain('item "headers"');
    expect(err.problems[0]!.path).toContain('field "severity"');
    expect(err.problems[0]!.path).toContain("sections[0].items[1].severity");
  });

  it("refuses the item key \"bulk\": it would name the checklist's bulk write in URLs", () => {
    const err = errorOf(() => parseTemplateText(valid.replace("key: tls", "key: bulk"), "demo.yaml"));
    expect(err.problems.map((p) => p.message)).toEqual(['"bulk" is reserved for the checklist\'s bulk write: choose another key.']);
  });

  it("reports every problem, including unknown fields, missing fields and duplicate keys", () => {
    const tpl = parseTemplateText(valid, "demo.yaml") as unknown as {
      sections: { items: Record<string, unknown>[] }[];
    };
    delete tpl.sections[0]!.items[0]!.guidance;
    tpl.sections[0]!.items[1]!.key = "tls";
    tpl.sections[0]!.items[1]!.colour = "red";
    const text = JSON.stringify(tpl);
    const err = errorOf(() => parseTemplateText(text, "x.json"));
    const joined = err.problems.map((p) => `${p.path}: ${p.message}`).join("\n");
    expect(joined).toMatch(/item "tls".*field "guidance"/);
    expect(joined).toMatch(/colour/);
    // Cross-item rules run once every item is well-formed.
    const dup = parseTemplateText(valid, "demo.yaml");
    dup.sections[0]!.items[1]!.key = "tls";
    const dupErr = errorOf(() => parseTemplateText(JSON.stringify(dup), "x.json"));
    expect(dupErr.problems[0]!.message).toBe('The item key "tls" is used twice (also in section "security"): give each item its own key.');
    expect(dupErr.problems[0]!.path).toContain("sections[0].items[1].key");
  });

  it("rejects text that is not YAML or JSON", () => {
    const err = errorOf(() => parseTemplateText("{ not json", "x.json"));
    expect(err.problems[0]!.message).toMatch(/^The file is not valid YAML or JSON: .*JSON.*\.$/);
    // The parser's reason with its line and column, without the code excerpt that follows it.
    expect(errorOf(() => parseTemplateText("key: a: b\n", "x.yaml")).problems[0]!.message).toBe(
      "The file is not valid YAML or JSON: Nested mappings are not allowed in compact mappings at line 1, column 6.",
    );
  });

  it("requires a parameter for latency auto-checks", () => {
    const err = errorOf(() => parseTemplateText(valid.replace("autoCheck: hsts", "autoCheck: latency-p95-under"), "x.yaml"));
    expect(err.problems[0]!.path).toContain('field "autoCheckParam"');
  });
});
