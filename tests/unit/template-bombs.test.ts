import { describe, expect, it } from "vitest";
import { parseTemplateText, TemplateValidationError } from "@/lib/templates/load";

describe("template files that try to exhaust the server", () => {
  it("a billion-laughs YAML (aliases of aliases) is refused quickly, not expanded", () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    }
    const started = performance.now();
    expect(() => parseTemplateText(`${levels.join("\n")}\nkey: *i\n`, "bomb.yaml")).toThrow(TemplateValidationError);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("deeply nested YAML and JSON are refused with a validation error, not a stack overflow", () => {
    expect(() => parseTemplateText(`key: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`, "deep.yaml")).toThrow(TemplateValidationError);
    expect(() => parseTemplateText(`{"key": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`, "deep.json")).toThrow(TemplateValidationError);
  });
});
