import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ActionForm } from "@/components/ui/action-form";

describe("ActionForm in the server's HTML", () => {
  it("renders its submit button disabled, so a click before hydration cannot submit the form natively (a GET with the fields in the URL)", () => {
    const html = renderToString(createElement(ActionForm, { action: async () => ({}), submitLabel: "Save" }));
    expect(html).toMatch(/<button[^>]*type="submit"[^>]*disabled=""[^>]*>Save<\/button>/);
  });
});
