/**
 * Emails about reviews: the people who may decide hear that a review was asked for, and whoever asked
 * hears the decision. Sent after the response (lib/server/after-response.ts), so a slow mail server
 * never holds up the click; a failed email is logged and never undoes the review.
 */
import type { Role } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";
import { sendLinkEmail } from "@/lib/email/send";
import { publicUrl } from "@/lib/env";
import { log } from "@/lib/log";
import { serviceReadiness } from "@/lib/readiness/service";
import { approvedNotReady, openBlockersText } from "./blockers";

interface Person {
  userId: string;
  email: string;
  role: Role;
}

/** Who hears of a new request: every owner and reviewer of the team except the person who asked. */
export function reviewRequestRecipients(members: Person[], requesterId: string): string[] {
  return members.filter((m) => (m.role === "owner" || m.role === "reviewer") && m.userId !== requesterId).map((m) => m.email);
}

const reviewUrl = (slug: string) => `${publicUrl()}/services/${slug}#review`;
const nameOf = (u: { email: string; name: string | null }) => u.name ?? u.email;

async function sendAll(mails: Parameters<typeof sendLinkEmail>[0][]) {
  const results = await Promise.allSettled(mails.map((m) => sendLinkEmail(m)));
  results.forEach((r, i) => {
    if (r.status === "rejected") log.warn({ err: r.reason, to: mails[i]!.to, emailKind: "review" }, "review email not sent");
  });
}

export async function notifyReviewRequested(service: { id: string; teamId: string; slug: string; name: string }, requester: { userId: string; email: string; name: string | null }) {
  try {
    const [members, { score }] = await Promise.all([
      db.membership.findMany({ where: { teamId: service.teamId }, select: { userId: true, role: true, user: { select: { email: true } } } }),
      serviceReadiness(service.id),
    ]);
    const to = reviewRequestRecipients(
      members.map((m) => ({ userId: m.userId, role: m.role, email: m.user.email })),
      requester.userId,
    );
    await sendAll(
      to.map((email) => ({
        kind: "review" as const,
        to: email,
        url: reviewUrl(service.slug),
        subject: `Review requested: ${service.name}`,
        intro: `${nameOf(requester)} asks for a production-readiness review of ${service.name} (readiness score ${score}). Approve it or request changes on the service page.`,
      })),
    );
  } catch (err) {
    log.warn({ err, serviceId: service.id }, "review request emails not sent");
  }
}

export async function notifyReviewDecided(
  service: { slug: string; name: string },
  review: {
    status: "approved" | "changes_requested";
    comment: string | null;
    levelAtDecision: string | null;
    openBlockersAtDecision: number | null;
    requestedBy: { email: string; name: string | null } | null;
  },
  reviewer: { email: string; name: string | null },
) {
  // A former member has no address to write to; a decider who is also the requester cannot happen (four eyes).
  if (!review.requestedBy) return;
  const notReady = approvedNotReady(review);
  const verdict = review.status === "approved" ? "approved" : "requested changes to";
  const withBlockers = notReady ? (notReady.openBlockers ? ` with ${openBlockersText(notReady.openBlockers)}` : " although it is not ready") : "";
  await sendAll([
    {
      kind: "review",
      to: review.requestedBy.email,
      url: reviewUrl(service.slug),
      subject: `${service.name}: ${review.status === "approved" ? "review approved" : "changes requested"}`,
      intro: `${nameOf(reviewer)} ${verdict} ${service.name}${withBlockers}.${review.comment ? ` Comment: ${review.comment}` : ""}`,
    },
  ]);
}
