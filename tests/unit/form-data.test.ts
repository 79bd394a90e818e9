import { describe, expect, it } from "vitest";
import { formInstant, formNumber, formText, parseFormNumber } from "@/lib/http/form-data";

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

describe("the form-data reader", () => {
  it("reads a decimal comma as a decimal point, in every form", () => {
    expect(parseFormNumber("1,5")).toBe(1.5);
    expect(parseFormNumber("1.5")).toBe(1.5);
    expect(parseFormNumber(" 12 ")).toBe(12);
    expect(parseFormNumber("-0,25")).toBe(-0.25);
    expect(parseFormNumber(",5")).toBe(0.5);
    expect(parseFormNumber("3.")).toBe(3);
    expect(parseFormNumber("1,000")).toBe(1);
  });

  it("blank is not given; anything but one number is NaN, so validation names the field", () => {
    expect(parseFormNumber("")).toBeUndefined();
    expect(parseFormNumber("   ")).toBeUndefined();
    for (const text of ["1,000.5", "1.000,5", "1 000", "1e3", "0x10", "12 min", "Infinity", "1,2,3", ",", "-"]) expect([text, parseFormNumber(text)]).toEqual([text, Number.NaN]);
  });

  it("reads fields by name: text trimmed, numbers, datetime-local as UTC", () => {
    const f = form({ name: "  Ledger ", blank: "  ", rto: "1,5", when: "2026-11-20T10:30" });
    expect(formText(f, "name")).toBe("Ledger");
    expect(formText(f, "blank")).toBeUndefined();
    expect(formText(f, "missing")).toBeUndefined();
    expect(formNumber(f, "rto")).toBe(1.5);
    expect(formNumber(f, "blank")).toBeUndefined();
    expect(formInstant(f, "when")).toBe("2026-11-20T10:30:00Z");
    expect(formInstant(form({ when: "yesterday" }), "when")).toBe("yesterday");
  });
});
