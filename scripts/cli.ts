/**
 * `npm run preflight -- <command>`: operator commands that work without the UI, on the same database
 * as the app (DATABASE_URL, or the embedded development database whether or not `npm run dev` runs).
 *
 *   token create --email <email> --team <slug> [--role <role>] [--name <name>] [--expires-days <n>]
 *   token revoke --prefix <pf_…>
 *   gate <service-slug> --url <base-url> --token <token>
 */
import { parseArgs } from "node:util";
import { EmbeddedPostgresError } from "../lib/db/embedded";
import { resolveDevDatabase, type ResolvedDatabase } from "./lib/dev-database";

const USAGE = `usage:
  npm run preflight -- token create --email <email> --team <team-slug> [--role owner|editor|reviewer|viewer] [--name <name>] [--expires-days <n>]
  npm run preflight -- token revoke --prefix <token prefix or whole token>
  npm run preflight -- gate <service-slug> --url <preflight-url> --token <api-token>`;

const say = (m: string) => console.error(`[preflight] ${m}`);

class CliError extends Error {}

async function withDatabase<T>(fn: () => Promise<T>): Promise<T> {
  let database: ResolvedDatabase;
  try {
    database = await resolveDevDatabase(say);
  } catch (err) {
    if (err instanceof EmbeddedPostgresError) throw new CliError(err.message);
    throw err;
  }
  const { configureDatabase } = await import("../lib/db");
  configureDatabase(database.url);
  try {
    const { migrate } = await import("../lib/db/migrate");
    await migrate(database.url);
    return await fn();
  } finally {
    const { disconnectDb } = await import("../lib/db");
    await disconnectDb();
    // Leave a database that `npm run dev` runs (or adopted) alone; stop one we started just for this.
    if (database.embedded?.owned) await database.embedded.stop();
  }
}

async function tokenCreate(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { email: { type: "string" }, team: { type: "string" }, role: { type: "string" }, name: { type: "string" }, "expires-days": { type: "string" } },
  });
  if (!values.email || !values.team) throw new CliError(`--email and --team are required\n${USAGE}`);
  const email = values.email.trim().toLowerCase();
  return withDatabase(async () => {
    const { db } = await import("../lib/db");
    const { createApiToken } = await import("../lib/teams/api-tokens");
    const user = await db.user.findUnique({ where: { email } });
    const team = await db.team.findUnique({ where: { slug: values.team } });
    if (!team) throw new CliError(`No team "${values.team}".`);
    const membership = user && (await db.membership.findUnique({ where: { teamId_userId: { teamId: team.id, userId: user.id } } }));
    if (!user || !membership) throw new CliError(`${email} is not a member of team "${team.slug}".`);
    const actor = { userId: user.id, email: user.email, name: user.name, via: "cli" as const, roles: new Map([[team.id, membership.role]]) };
    const { token, secret } = await createApiToken(
      actor,
      team.id,
      {
        name: values.name ?? `CLI token ${new Date().toISOString().slice(0, 10)}`,
        role: values.role as "viewer" | undefined,
        expiresInDays: values["expires-days"] ? Number(values["expires-days"]) : undefined,
      },
      {},
    );
    console.log(`Created token "${token.name}" (${token.role}) for ${email} in team ${team.slug}. It is shown once; store it now:`);
    console.log(secret);
  });
}

async function tokenRevoke(args: string[]) {
  const { values } = parseArgs({ args, options: { prefix: { type: "string" } } });
  if (!values.prefix) throw new CliError(`--prefix is required\n${USAGE}`);
  return withDatabase(async () => {
    const { db } = await import("../lib/db");
    const { hashSecret } = await import("../lib/auth/tokens");
    const { recordAudit } = await import("../lib/audit/record");
    const p = values.prefix!;
    const matches = await db.apiToken.findMany({
      where: { revokedAt: null, OR: [{ tokenHash: hashSecret(p) }, { prefix: p.slice(0, 9) }] },
      include: { user: true },
    });
    if (matches.length !== 1) throw new CliError(matches.length ? "Several tokens match; give the whole token." : "No active token matches.");
    const t = matches[0]!;
    await db.$transaction(async (tx) => {
      await tx.apiToken.update({ where: { id: t.id }, data: { revokedAt: new Date() } });
      await recordAudit(tx, { actor: { system: "cli" } }, { teamId: t.teamId, action: "token.revoke", targetType: "api_token", targetId: t.id, after: { prefix: t.prefix, status: "revoked" } });
    });
    console.log(`Revoked token "${t.name}" (${t.prefix}…) of ${t.user.email}.`);
  });
}

async function gate(args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { url: { type: "string" }, token: { type: "string" } } });
  const slug = positionals[0];
  const token = values.token ?? process.env.PREFLIGHT_TOKEN;
  if (!slug || !values.url || !token) throw new CliError(`a service slug, --url and --token (or PREFLIGHT_TOKEN) are required\n${USAGE}`);
  const res = await fetch(`${values.url.replace(/\/$/, "")}/api/v1/services/${encodeURIComponent(slug)}/readiness`, {
    headers: { authorization: `Bearer ${token}` },
  }).catch((err: Error) => {
    throw new CliError(`Could not reach ${values.url}: ${err.message}`);
  });
  const body = (await res.json().catch(() => ({}))) as {
    score?: number;
    level?: string;
    ready?: boolean;
    blockers?: { kind: string; message: string }[];
    error?: { message: string };
  };
  if (!res.ok) throw new CliError(`Preflight answered ${res.status}: ${body.error?.message ?? "unexpected response"}`);
  if (body.ready) {
    console.log(`✓ ${slug} is ready for production (score ${body.score}).`);
    return 0;
  }
  console.log(`✗ ${slug} is not ready (${body.level}, score ${body.score}). Blockers:`);
  for (const b of body.blockers ?? []) console.log(`  - [${b.kind}] ${b.message}`);
  return 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (command === "token" && sub === "create") return (await tokenCreate(rest), 0);
  if (command === "token" && sub === "revoke") return (await tokenRevoke(rest), 0);
  if (command === "gate") return gate(argv.slice(1));
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof CliError || (err instanceof Error && err.name === "ApiError") ? `error: ${err.message}` : err);
    process.exit(err instanceof CliError ? 2 : 1);
  },
);
