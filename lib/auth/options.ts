/** next-auth configuration: email magic links, optional OpenID Connect and GitHub, sessions in PostgreSQL. */
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import type { NextAuthOptions } from "next-auth";
import EmailProvider from "next-auth/providers/email";
import GitHubProvider from "next-auth/providers/github";
import type { Provider } from "next-auth/providers/index";
import { db } from "@/lib/db";
import { env, publicUrl } from "@/lib/env";
import { sendLinkEmail } from "@/lib/email/send";
import { ApiError } from "@/lib/http/errors";
import { log } from "@/lib/log";
import { limitSignInEmail } from "@/lib/security/sign-in-attempt";
import { hashedSessionTokens } from "./session-adapter";
import { maySignIn } from "./sign-in-policy";

export interface EnabledMethod {
  id: string;
  name: string;
}

/** Sign-in methods in use: email always, OIDC and GitHub when their variables are set. */
export function enabledSignInMethods(): EnabledMethod[] {
  const e = env();
  const methods: EnabledMethod[] = [{ id: "email", name: "Email link" }];
  if (e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET) methods.push({ id: "oidc", name: e.OIDC_NAME });
  if (e.GITHUB_ID && e.GITHUB_SECRET) methods.push({ id: "github", name: "GitHub" });
  return methods;
}

function providers(): Provider[] {
  const e = env();
  const list: Provider[] = [
    EmailProvider({
      // Never used to connect: sendVerificationRequest below does the sending (or logging).
      server: e.SMTP_URL ?? "smtp://localhost:25",
      from: e.EMAIL_FROM,
      maxAge: 15 * 60,
      async sendVerificationRequest({ identifier, url }) {
        // `identifier` is the address after next-auth's normalisation, the one the email goes to.
        await limitSignInEmail(identifier);
        await sendLinkEmail({
          kind: "sign-in",
          to: identifier,
          url,
          subject: "Sign in to Preflight",
          intro: "Use this link to sign in to Preflight. It works once, for 15 minutes.",
        });
      },
    }),
  ];
  if (e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET) {
    list.push({
      id: "oidc",
      name: e.OIDC_NAME,
      type: "oauth",
      wellKnown: `${e.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      // The issuer is configured by the operator and verifies emails; invitations are by email.
      allowDangerousEmailAccountLinking: true,
      profile(p: { sub: string; email: string; name?: string }) {
        return { id: p.sub, email: p.email.toLowerCase(), name: p.name ?? null };
      },
    });
  }
  if (e.GITHUB_ID && e.GITHUB_SECRET) {
    list.push(GitHubProvider({ clientId: e.GITHUB_ID, clientSecret: e.GITHUB_SECRET, allowDangerousEmailAccountLinking: true }));
  }
  return list;
}

/** Where next-auth sends the browser after it sent a sign-in link (pages.verifyRequest, via its own route). */
function emailSignInAnswerUrl(): string {
  return `${publicUrl()}/api/auth/verify-request?${new URLSearchParams({ provider: "email", type: "email" })}`;
}

let options: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  options ??= {
    adapter: hashedSessionTokens(PrismaAdapter(db as unknown as Parameters<typeof PrismaAdapter>[0])),
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "database", maxAge: 30 * 24 * 3600, updateAge: 24 * 3600 },
    providers: providers(),
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin/error" },
    logger: {
      error: (code, metadata) => {
        // A sign-in email refused by the per-email limit (lib/security/sign-in-attempt.ts) is a 429, not a fault.
        if (!(metadata instanceof Error) && metadata.error instanceof ApiError && metadata.error.code === "rate_limited") {
          log.info({ code }, "sign-in email refused: too many for this address");
          return;
        }
        log.error({ code, metadata: metadata instanceof Error ? metadata.message : undefined }, "next-auth error");
      },
      warn: (code) => log.warn({ code }, "next-auth warning"),
      debug: () => {},
    },
    callbacks: {
      async signIn({ user, email }) {
        if (user.email && (await maySignIn(user.email))) return true;
        if (email?.verificationRequest && user.email) {
          // Asking for a sign-in link: answer a stranger exactly as a member (the same "check your email"
          // redirect) and send nothing, so the form cannot be used to learn who is a member. The operator
          // sees the refusal in the log. The per-email limit counts here too, or a 429 would tell them apart.
          await limitSignInEmail(user.email);
          log.info({ event: "sign-in.refused", to: user.email, reason: "no membership, invitation or admin entry" }, "sign-in link refused; no email sent");
          return emailSignInAnswerUrl();
        }
        // After GitHub or OIDC (or a link whose access was revoked since): the person proved the address, so
        // saying that it has no access tells them nothing about anyone else.
        return "/signin/refused";
      },
      async session({ session, user }) {
        return { ...session, user: { ...session.user, id: user.id } };
      },
    },
  };
  return options;
}
