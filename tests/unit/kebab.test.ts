import { describe, expect, it } from "vitest";
import { kebab } from "@/lib/text/kebab";

describe("kebab (slugs and item keys from names)", () => {
  it("transliterates letters instead of dropping them", () => {
    expect(kebab("Crème brûlée API", 60, "service")).toBe("creme-brulee-api");
    expect(kebab("Straße Service", 60, "service")).toBe("strasse-service");
    expect(kebab("Ærø Ødegaard", 60, "service")).toBe("aero-odegaard");
    expect(kebab("Платёжный шлюз", 60, "service")).toBe("platyozhniy-shlyuz");
  });

  it("keeps camel-cased names as one word and collapses punctuation", () => {
    expect(kebab("CryptoPulse", 60, "service")).toBe("cryptopulse");
    expect(kebab("  --Hello__World v2--  ", 60, "service")).toBe("hello-world-v2");
  });

  it("cuts at the limit without a trailing dash, and falls back when nothing is left", () => {
    const cut = kebab("a".repeat(9) + " " + "b".repeat(20), 10, "x");
    expect(cut).toBe("aaaaaaaaa");
    expect(kebab("東京", 60, "service")).toBe("service");
    expect(kebab("!!!", 60, "item")).toBe("item");
  });
});
