import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/api";
import { exportTemplate, templateToText } from "@/lib/templates/manage";

/** Export as a file: ?format=yaml (default) or ?format=json. */
export const GET = apiRoute<{ key: string }>(async (req, { params }) => {
  const format = req.nextUrl.searchParams.get("format") === "json" ? "json" : "yaml";
  const tpl = await exportTemplate(params.key);
  return new NextResponse(templateToText(tpl, format), {
    headers: {
      "content-type": format === "json" ? "application/json" : "application/yaml; charset=utf-8",
      "content-disposition": `attachment; filename="${tpl.key}.${format === "json" ? "json" : "yaml"}"`,
    },
  });
});
