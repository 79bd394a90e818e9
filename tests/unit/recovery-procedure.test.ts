import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Procedure } from "@/components/recovery/procedure";

const render = (markdown: string) => renderToStaticMarkup(createElement(Procedure, { markdown }));

describe("recovery procedures in Markdown", () => {
  it("renders Markdown: lists, code blocks, links", () => {
    const html = render("1. Stop `api1`\n2. Restore:\n\n```sh\ngunzip -c backup.sql.gz | psql\n```\n\nSee [the runbook](https://runbooks.example.com/db).");
    expect(html).toContain("<ol>");
    expect(html).toContain("<code>api1</code>");
    expect(html).toContain("gunzip -c backup.sql.gz | psql");
    expect(html).toContain('<a href="https://runbooks.example.com/db" rel="nofollow noopener noreferrer">the runbook</a>');
  });

  it("never renders raw HTML or script links", () => {
    const html = render('Hello <script>alert(1)</script> <img src=x onerror="alert(2)">\n\n<div onclick="x()">block</div>\n\n[click](javascript:alert(3))');
    expect(html).not.toMatch(/<script|<img|<div onclick|onerror|javascript:/i);
    expect(html).toContain("Hello");
    expect(html).toContain(">click</a>");
  });

  it("says so when there is no procedure", () => {
    expect(render("  ")).toContain("No procedure written yet.");
  });
});
