import { NextResponse } from "next/server";
import { z } from "zod";
import { apiRoute } from "@/lib/http/api";
import { parseQuery } from "@/lib/http/api-query";
import { exportTemplate, templateToText } from "@/lib/templates/manage";

const exportQuerySchema = z.object({ format: z.enum(["yaml", "json"]).default("yaml") });

/** Export as a file: ?format=yaml (default) or ?format=json. */
export const GET = apiRoute<{ key: string }>(async (req, { params }) => {
  const { format } = parseQuery(req.nextUrl.searchParams, exportQuerySchema);
  const tpl = await exportTemplate(params.key);
  return new NextResponse(templateToText(tpl, format), {
    headers: {
      "content-type": format === "json" ? "application/json" : "application/yaml; charset=utf-8",
      "content-disposition": `attachment; filename="${tpl.key}.${format === "json" ? "json" : "yaml"}"`,
    },
  });
});
