import { jsonResponse } from "@/lib/http/json";
import { apiRoute } from "@/lib/http/api";
import { parseJsonBody } from "@/lib/http/body";
import { addItemComment, itemCommentSchema, listItemComments, publicItemComment } from "@/lib/checklists/comments";

/** The item's comments, oldest first (any member). */
export const GET = apiRoute<{ slug: string; itemKey: string }>(async (_req, { actor, params }) => {
  const comments = await listItemComments(actor, params.slug, params.itemKey);
  return jsonResponse({ comments: comments.map(publicItemComment) });
});

/** Comment on the item (owners, editors, reviewers); its state is left alone. */
export const POST = apiRoute<{ slug: string; itemKey: string }>(async (req, { actor, params, audit }) => {
  const body = await parseJsonBody(req, itemCommentSchema);
  const comment = await addItemComment(actor, params.slug, params.itemKey, body, audit);
  return jsonResponse({ comment: publicItemComment(comment) }, { status: 201 });
});
