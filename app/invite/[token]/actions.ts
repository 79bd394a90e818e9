"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { createSession, sessionCookie } from "@/lib/auth/sessions";
import { runSignedOutFormAction, type FormState } from "@/lib/http/form-state";
import { acceptInvitation } from "@/lib/teams/invitations";

/** Accepting proves the email (the link went to it), so it also signs the person in. */
export async function acceptInvitationAction(token: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return runSignedOutFormAction(`/invite/${token}`, async ({ audit }) => {
    const result = await acceptInvitation(token, audit);
    const { sessionToken, expires } = await createSession(result.userId);
    const { name, secure } = sessionCookie();
    (await cookies()).set(name, sessionToken, { httpOnly: true, sameSite: "lax", secure, path: "/", expires });
    redirect(`/?team=${encodeURIComponent(result.team.slug)}`);
  });
}
