import { describe, expect, it } from "vitest";
import { baseUrl, signedInBrowser } from "../helpers/app";

const editor = signedInBrowser("editor@example.com");

describe("managing a service's checklist (Chromium)", () => {
  it("a refused form keeps what was typed; a custom item shows up at once and counts in readiness", async () => {
    const page = await editor().newPage();
    await page.goto(`${baseUrl()}/services/glasswork`);
    const summary = page.getByText(/applicable items done/);
    await summary.waitFor();
    const before = await summary.textContent();
    await page.getByText("Manage this checklist").click();

    // A section name over the server's limit: refused, and what was typed stays in the fields.
    await page.getByLabel("Title", { exact: true }).fill("Game day rehearsed with the on-call team");
    await page.getByLabel("Section", { exact: true }).fill("x".repeat(130));
    await page.getByRole("button", { name: "Add item" }).click();
    await page.getByText("Please correct the form.").waitFor();
    expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe("Game day rehearsed with the on-call team");
    expect(await page.getByLabel("Section", { exact: true }).inputValue()).toHaveLength(130);
    await page.getByLabel("Section", { exact: true }).fill("Operations");

    await page.getByRole("button", { name: "Add item" }).click();
    await page.getByText('Added "Game day rehearsed with the on-call team" to the checklist.').waitFor();
    // No reload: the new item is a checkbox of the checklist and the readiness figures moved.
    await page.getByRole("checkbox", { name: "Game day rehearsed with the on-call team", exact: true }).waitFor();
    await expect.poll(() => summary.textContent()).not.toBe(before);
  });
});
