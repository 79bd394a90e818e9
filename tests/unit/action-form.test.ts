import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ActionForm } from "@/components/ui/action-form";
import { EmailSignInForm } from "@/components/auth/email-sign-in-form";
import { NewServiceForm } from "@/app/services/new/form";

describe("ActionForm in the server's HTML", () => {
  it("renders its submit button disabled, so a click before hydration cannot submit the form natively (a GET with the fields in the URL)", () => {
    const html = renderToString(createElement(ActionForm, { action: async () => ({}), submitLabel: "Save" }));
    expect(html).toMatch(/<button[^>]*type="submit"[^>]*disabled=""[^>]*>Save<\/button>/);
  });

  it("so do the forms that submit through their own handler: a new service, and the sign-in form with an address filled in", () => {
    const service = renderToString(createElement(NewServiceForm, { teams: [{ slug: "platform", name: "Platform" }], templates: [{ key: "baseline", name: "Baseline", items: 12, practices: 12 }] }));
    expect(service).toMatch(/<button[^>]*type="submit"[^>]*disabled=""[^>]*>Create service<\/button>/);
    const signIn = renderToString(createElement(EmailSignInForm, { callbackUrl: "/", defaultEmail: "owner@example.com" }));
    expect(signIn).toMatch(/<button[^>]*type="submit"[^>]*disabled=""[^>]*>Email me a sign-in link<\/button>/);
  });
});
