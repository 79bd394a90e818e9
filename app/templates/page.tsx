import type { Metadata } from "next";
import { Table } from "@/components/ui/table";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { canInSomeTeam } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page";
import { rolesThatCan } from "@/lib/auth/permissions";
import { listTemplates } from "@/lib/templates/manage";
import { importTemplateAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const actor = await requirePageActor("/templates");
  const templates = await listTemplates();
  const isOwner = canInSomeTeam(actor, "template:import");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Checklist templates</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Readiness as code: each template is a YAML or JSON file. The built-in ones come from the seed production guides.
        </p>
      </div>
      <Table caption="Checklist templates and the services that use them" columns={["Template", "Items", "Services", "Export"]}>
        {templates.map((t) => (
          <tr key={t.key}>
            <td className="py-2 pr-3">
              <span className="font-medium">{t.name}</span> <code className="text-xs text-zinc-500 dark:text-zinc-400">{t.key}</code>{" "}
              {t.builtIn ? <Badge>built-in</Badge> : null}
              <p className="text-xs text-zinc-600 dark:text-zinc-400">{t.description}</p>
            </td>
            <td className="py-2 pr-3">{t._count.items}</td>
            <td className="py-2 pr-3">{t._count.services}</td>
            <td className="py-2 whitespace-nowrap">
              <a href={`/api/v1/templates/${t.key}?format=yaml`} className="text-sky-700 underline dark:text-sky-400" aria-label={`Export ${t.name} as YAML`}>
                YAML
              </a>{" "}
              ·{" "}
              <a href={`/api/v1/templates/${t.key}?format=json`} className="text-sky-700 underline dark:text-sky-400" aria-label={`Export ${t.name} as JSON`}>
                JSON
              </a>
            </td>
          </tr>
        ))}
      </Table>
      {isOwner ? (
        <section aria-labelledby="import-heading" className="max-w-2xl space-y-2">
          <h2 id="import-heading" className="text-lg font-semibold">Import a template</h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Same format as an export. Importing an existing key updates it: services using it gain new items, and items it no
            longer has are archived (ticks are kept).
          </p>
          <ActionForm action={importTemplateAction} submitLabel="Import">
            <div>
              <label htmlFor="template-file" className="block text-sm font-medium">File (.yaml, .yml or .json)</label>
              <input id="template-file" name="file" type="file" accept=".yaml,.yml,.json,application/json,application/yaml" className="mt-1 block text-sm" />
            </div>
            <div>
              <label htmlFor="template-text" className="block text-sm font-medium">…or paste it</label>
              <textarea id="template-text" name="text" rows={8} className="mt-1 block w-full rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900" />
            </div>
          </ActionForm>
        </section>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Importing a template needs the {rolesThatCan("template:import")} role in a team.</p>
      )}
    </div>
  );
}
