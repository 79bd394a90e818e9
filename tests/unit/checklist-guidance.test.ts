import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Guidance } from "@/components/checklist/guidance";
import { guidanceMarkdown } from "@/lib/checklists/guidance";
import { loadTemplateDir } from "@/lib/templates/load";

const render = (text: string) => renderToStaticMarkup(createElement(Guidance, { text }));

describe("checklist guidance", () => {
  it("shows inline code, fenced blocks and the guides' indented snippets as code", () => {
    const html = render(
      [
        "Generate signing secrets randomly (`openssl rand -base64 48`) and set `JWT_SECRET` in .env:",
        "  openssl rand -base64 48",
        "  JWT_SECRET=your-generated-secret-here",
        "Then restart:",
        "```sh",
        "docker compose restart api",
        "```",
      ].join("\n"),
    );
    expect(html).toContain("<code>openssl rand -base64 48</code>");
    expect(html).toContain("<code>JWT_SECRET</code>");
    expect(html).toContain("<pre><code>openssl rand -base64 48\nJWT_SECRET=your-generated-secret-here\n</code></pre>");
    expect(html).toContain('<pre><code class="language-sh">docker compose restart api\n</code></pre>');
  });

  it("reads everything else exactly as written: no HTML, emphasis or headings out of punctuation, line breaks kept", () => {
    const html = render("Check _REQ_.<user_id> == _USER_.id on writes;\n# not a heading, *not* emphasis\n<script>alert(1)</script> [x](javascript:alert(2))");
    expect(html).toContain("Check _REQ_.&lt;user_id&gt; == _USER_.id on writes;<br/>");
    expect(html).toContain("# not a heading, *not* emphasis<br/>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(2))");
    expect(html).not.toMatch(/<em>|<h1>|<script|<a /);
  });

  it("keeps code inside code as it is, and a lone backtick as text", () => {
    expect(guidanceMarkdown("Use `a_b*c` and ``x ` y``, not ` alone")).toBe("Use `a_b*c` and ``x ` y``\\, not \\` alone");
    // Backticks inside an indented snippet cannot close its block early.
    expect(guidanceMarkdown("Run:\n  echo ```")).toBe("Run\\:\n\n````\necho ```\n````");
    // An unclosed fence runs to the end, as in Markdown.
    expect(render("```\nleft open")).toContain("<pre><code>left open\n</code></pre>");
  });

  it("renders an indented run of numbered lines as a numbered list", () => {
    const html = render('"Store backups in multiple locations":\n  1. Local disk: fast recovery\n  2. Cloud storage: S3, GCS, or Azure Blob');
    expect(html).toContain("<ol>\n<li>Local disk: fast recovery</li>\n<li>Cloud storage: S3, GCS, or Azure Blob</li>\n</ol>");
  });

  it("the built-in templates' code reaches the page as code", () => {
    const items = loadTemplateDir().flatMap((t) => t.sections.flatMap((s) => s.items));
    const guidance = (key: string) => render(items.find((i) => i.key === key)!.guidance);
    expect(guidance("strong-unique-credentials")).toContain("<code>openssl rand -base64 48</code>");
    expect(guidance("production-mode")).toContain("<code>NODE_ENV=production</code>");
    expect(guidance("strong-jwt-secret")).toContain("<pre><code>openssl rand -base64 48\n</code></pre>");
    expect(guidance("database-recovery-procedure")).toMatch(/<pre><code[^>]*># Stop API instances\ndocker compose/);
    // Every template item's guidance renders, and none leaves Markdown syntax or a tag behind.
    for (const item of items) expect(render(item.guidance), item.key).not.toMatch(/<(h\d|em|strong|hr|blockquote|img|a)\b/);
  });
});
