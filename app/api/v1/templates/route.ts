import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { readBodyText } from "@/lib/http/body";
import { importTemplate, listTemplates, publicTemplateSummary } from "@/lib/templates/manage";

export const GET = apiRoute(async () => {
  const templates = await listTemplates();
  return jsonResponse({
    templates: templates.map(publicTemplateSummary),
  });
});

/** Import a template file (YAML or JSON body, as in templates/*.yaml). Owners only. */
export const POST = apiRoute(async (req, { actor, audit }) => {
  const text = await readBodyText(req, 1_000_000, "The template file is too large (1 MB at most).");
  const type = req.headers.get("content-type") ?? "";
  const result = await importTemplate(actor, text, type.includes("json") ? "upload.json" : "upload.yaml", audit);
  return jsonResponse({ template: result }, { status: result.created ? 201 : 200 });
});
