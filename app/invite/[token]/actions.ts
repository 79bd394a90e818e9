"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { requestIp } from "@/lib/auth/request";
import { createSession, sessionCookie } from "@/lib/auth/sessions";
import { ApiError } from "@/lib/http/errors";
import { acceptInvitation } from "@/lib/teams/invitations";

export interface AcceptState {
  error?: string;
}

/** Accepting proves the email (the link went to it), so it also signs the person in. */
export async function acceptInvitationAction(token: string, _prev: AcceptState, _form: FormData): Promise<AcceptState> {
  let team: { slug: string };
  try {
    const result = await acceptInvitation(token, { ip: await requestIp() });
    team = result.team;
    const { sessionToken, expires } = await createSession(result.userId);
    const { name, secure } = sessionCookie();
    (await cookies()).set(name, sessionToken, { httpOnly: true, sameSite: "lax", secure, path: "/", expires });
  } catch (err) {
    if (err instanceof ApiError) return { error: err.message };
    throw err;
  }
  redirect(`/?team=${encodeURIComponent(team.slug)}`);
}
