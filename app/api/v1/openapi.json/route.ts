import { jsonResponse } from "@/lib/http/json";
import { openApiDocument } from "@/lib/api/openapi";
import { publicUrl } from "@/lib/env";

// Public: the document describes the API, it reveals no data.
export function GET() {
  return jsonResponse(openApiDocument(publicUrl()));
}
