import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { updateChecklistItem } from "@/lib/checklists/items";
import { createService } from "@/lib/services/manage";
import { addCustomItem, applyTemplateToService, exportTemplate, importTemplate, listTemplates, publicTemplateSummary, resyncService, templateToText } from "@/lib/templates/manage";
import { makeMember, makeTeam } from "../helpers/actors";
import { fragments } from "../helpers/sentences";

const ctx = { ip: "192.0.2.10" };

const yamlTemplate = (extra = "") => `
key: team-runbook
name: Team runbook
description: Our own readiness items.
sections:
  - key: ops
    title: Operations
    items:
      - key: on-call
        title: On-call rotation staffed
        guidance: A pager rota with two people per week.
        severity: high
      - key: runbook
        title: Runbook linked from the alert
        guidance: Every alert links its runbook.
        severity: medium
${extra}`;

describe("templates as code", () => {
  it("exports the built-in templates to YAML and JSON that import back unchanged", async () => {
    const tpl = await exportTemplate("cryptopulse");
    expect(tpl.sections.flatMap((s) => s.items).length).toBeGreaterThan(50);
    const yaml = templateToText(tpl, "yaml");
    expect(parse(yaml)).toEqual(tpl);
    expect(JSON.parse(templateToText(tpl, "json"))).toEqual(tpl);
  });

  it("exports name the seed guide, never its file; older exports that carry the file name import with the guide's title", async () => {
    const trailbase = await exportTemplate("trailbase");
    expect(trailbase.source).toBe("TrailBase — Productionize");
    expect(templateToText(trailbase, "yaml")).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
    expect((await exportTemplate("baseline")).source).toBe(
      "Hyperterse — Production hardening; CryptoPulse — Production deployment guide; TrailBase — Productionize; Glasswork — Production Readiness",
    );
    // A row stored before (built-in sync or an import of that time) still exports and lists by title.
    await db.checklistTemplate.update({ where: { key: "trailbase" }, data: { source: "002_1374269f4630c388.txt" } });
    expect((await exportTemplate("trailbase")).source).toBe("TrailBase — Productionize");
    expect(publicTemplateSummary((await listTemplates()).find((t) => t.key === "trailbase")!).source).toBe("TrailBase — Productionize");

    const owner = await makeMember((await makeTeam()).id, "owner");
    const older = yamlTemplate().replace("key: team-runbook", "key: older-export").replace("description: Our own readiness items.", "description: Our own readiness items.\nsource: 002_1374269f4630c388.txt, https://example.com/runbook");
    await importTemplate(owner, older, "old-export.yaml", ctx);
    expect((await db.checklistTemplate.findUniqueOrThrow({ where: { key: "older-export" } })).source).toBe("TrailBase — Productionize, https://example.com/runbook");
  });

  it("owners import a template; an invalid file is refused with the exact path of each problem and nothing is written", async () => {
    const team = await makeTeam();
    const owner = await makeMember(team.id, "owner");
    const editor = await makeMember(team.id, "editor");
    await expect(importTemplate(editor, yamlTemplate(), "t.yaml", ctx)).rejects.toMatchObject({ code: "forbidden" });

    const broken = yamlTemplate().replace("severity: medium", "severity: urgent").replace("        guidance: A pager rota with two people per week.\n", "");
    const err = await importTemplate(owner, broken, "t.yaml", ctx).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "unprocessable" });
    const paths = (err as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual([
      'section "ops" › item "on-call" › field "guidance" › (sections[0].items[0].guidance)',
      'section "ops" › item "runbook" › field "severity" › (sections[0].items[1].severity)',
    ]);
    expect(fragments((err as { issues: { path: string; message: string }[] }).issues)).toEqual([]);
    expect(await db.checklistTemplate.findUnique({ where: { key: "team-runbook" } })).toBeNull();

    const created = await importTemplate(owner, yamlTemplate(), "t.yaml", ctx);
    expect(created).toMatchObject({ created: true, itemsAdded: 2 });
    await expect(importTemplate(owner, yamlTemplate().replace("key: team-runbook", "key: cryptopulse"), "t.yaml", ctx)).rejects.toMatchObject({ code: "conflict" });
  });

  it("apply, custom items and re-sync keep ticked state; removed template items are archived", async () => {
    const team = await makeTeam();
    const owner = await makeMember(team.id, "owner");
    await importTemplate(owner, yamlTemplate().replace(/team-runbook/g, `rb-${team.slug}`), "t.yaml", ctx);
    const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${team.slug}`, name: "Svc" } });
    expect(await applyTemplateToService(owner, service.slug, `rb-${team.slug}`, ctx)).toEqual({ itemsAdded: 2 });
    // An unknown template key is named in a sentence, when applied and when a new service asks for it.
    await expect(applyTemplateToService(owner, service.slug, "no-such-template", ctx)).rejects.toMatchObject({
      code: "unprocessable",
      issues: [{ path: "template", message: 'There is no template with the key "no-such-template".' }],
    });
    await expect(createService(owner, { name: "Svc two", team: team.slug, templates: [`rb-${team.slug}`, "nope", "nada"] }, ctx)).rejects.toMatchObject({
      code: "unprocessable",
      issues: [
        { path: "templates", message: 'There is no template with the key "nope".' },
        { path: "templates", message: 'There is no template with the key "nada".' },
      ],
    });
    const custom = await addCustomItem(owner, service.slug, { title: "Chaos drill done", severity: "low", required: false }, ctx);
    expect(custom.key).toBe("custom-chaos-drill-done");
    // the same title again is refused; a different title with the same key gets a suffix
    await expect(addCustomItem(owner, service.slug, { title: "chaos drill DONE" }, ctx)).rejects.toMatchObject({ code: "conflict", issues: [{ path: "title" }] });
    const second = await addCustomItem(owner, service.slug, { title: "Chaos drill: done" }, ctx);
    expect(second.key).toBe("custom-chaos-drill-done-2");

    const onCall = await db.serviceChecklistItem.findFirstOrThrow({ where: { serviceId: service.id, key: "on-call" } });
    await updateChecklistItem(owner, service.slug, "on-call", { state: "done", version: onCall.version }, ctx);

    // The template loses "runbook" and gains "postmortems"; re-import, then re-sync the service.
    const next = yamlTemplate(`      - key: postmortems
        title: Blameless postmortems
        guidance: Written within a week.
        severity: medium`)
      .replace(/team-runbook/g, `rb-${team.slug}`)
      .replace(/      - key: runbook\n        title: Runbook linked from the alert\n        guidance: Every alert links its runbook.\n        severity: medium\n/, "");
    const imported = await importTemplate(owner, next, "t.yaml", ctx);
    expect(imported).toMatchObject({ itemsAdded: 1, itemsArchived: 1, servicesResynced: 1 });
    expect(await resyncService(owner, service.slug, ctx)).toEqual({ added: 0, updated: 0, archived: 0 });

    const items = await db.serviceChecklistItem.findMany({ where: { serviceId: service.id }, orderBy: { position: "asc" } });
    expect(items.map((i) => [i.key, i.state, Boolean(i.archivedAt)])).toEqual([
      ["on-call", "done", false],
      ["runbook", "open", true],
      ["custom-chaos-drill-done", "open", false],
      ["custom-chaos-drill-done-2", "open", false],
      ["postmortems", "open", false],
    ]);
    const actions = (await db.auditEvent.findMany({ where: { serviceId: service.id }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["service.template.apply", "checklist.add", "checklist.add", "checklist.update", "service.template.resync"]);
  });
});
