/**
 * `npm run preflight -- <command>`: operator commands that work without the UI, on the same database
 * as the app (DATABASE_URL, or the embedded development database whether or not `npm run dev` runs).
 *
 *   team create --name <name> [--slug <slug>] --owner <email>
 *   team list
 *   token create --email <email> --team <slug> [--role <role>] [--name <name>] [--expires-days <n>]
 *   token revoke --prefix <pf_…>
 *   agent-token create --team <slug> --location <name> [--name <name>]
 *   gate <service-slug> --url <base-url> --token <token>   (scripts/gate/gate.ts; exit 0 ready, 1 not ready, 2 error)
 *   history backfill [--team <slug>] [--days <n>]
 */
import { parseArgs } from "node:util";
import { EmbeddedPostgresError } from "../lib/db/embedded";
import { resolveDevDatabase, type ResolvedDatabase } from "./lib/dev-database";
import { runGate } from "./gate/gate";

const USAGE = `usage:
  npm run preflight -- team create --name <name> [--slug <slug>] --owner <email>
  npm run preflight -- team list
  npm run preflight -- token create --email <email> --team <team-slug> [--role owner|editor|reviewer|viewer] [--name <name>] [--expires-days <n>]
  npm run preflight -- token revoke --prefix <token prefix or whole token>
  npm run preflight -- agent-token create --team <team-slug> --location <name> [--name <name>]
  npm run preflight -- gate <service-slug> --url <preflight-url> --token <api-token>
  npm run preflight -- history backfill [--team <team-slug>] [--days <1-400, default 90>]`;

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

/** A parse that refuses unknown options and stray arguments with a one-line reason (not a stack trace). */
function strictly<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new CliError(`${(err as Error).message.split("\n")[0]} (run \`npm run preflight\` for the usage)`);
  }
}

/** Creates a team with an existing user as its owner (the CLI acts as an instance admin); prints the slug last. */
async function teamCreate(args: string[]) {
  const { values } = strictly(() => parseArgs({ args, options: { name: { type: "string" }, slug: { type: "string" }, owner: { type: "string" } } }));
  const name = values.name;
  const owner = values.owner?.trim().toLowerCase();
  if (!name?.trim() || !owner) throw new CliError("--name and --owner are required: team create --name <name> [--slug <slug>] --owner <email>");
  return withDatabase(async () => {
    const { db } = await import("../lib/db");
    const { createTeam, createTeamSchema } = await import("../lib/teams/manage");
    const parsed = createTeamSchema.safeParse({ name, ...(values.slug !== undefined ? { slug: values.slug } : {}) });
    if (!parsed.success) {
      throw new CliError(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
    }
    // An unknown owner is refused, not created: a typo must not make a team nobody can sign in to.
    const user = await db.user.findUnique({ where: { email: owner } });
    if (!user) throw new CliError(`No user ${owner}: the owner must have signed in once (or be invited to a team) first.`);
    const team = await createTeam({ system: "cli" }, parsed.data, {}, user.id);
    console.error(`[preflight] Created team "${team.name}" with ${user.email} as owner.`);
    console.log(team.slug);
  });
}

async function teamList(args: string[]) {
  strictly(() => parseArgs({ args, options: {} }));
  return withDatabase(async () => {
    const { db } = await import("../lib/db");
    const teams = await db.team.findMany({
      where: { archivedAt: null },
      orderBy: { slug: "asc" },
      select: { slug: true, name: true, _count: { select: { services: true, memberships: true } } },
    });
    if (!teams.length) console.error("[preflight] No teams yet: create one with `team create`.");
    for (const t of teams) console.log(`${t.slug}\t${t.name}\t${t._count.memberships} members\t${t._count.services} services`);
  });
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

/** Rebuilds the daily readiness points from the audit log (lib/history/backfill.ts, docs/decisions/0043). */
async function historyBackfill(args: string[]) {
  const { values } = strictly(() => parseArgs({ args, options: { team: { type: "string" }, days: { type: "string" } } }));
  const days = values.days === undefined ? 90 : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 400) throw new CliError("--days is a whole number from 1 to 400");
  return withDatabase(async () => {
    const { db } = await import("../lib/db");
    const { backfillHistory } = await import("../lib/history/backfill");
    let teamId: string | undefined;
    if (values.team !== undefined) {
      const team = await db.team.findUnique({ where: { slug: values.team }, select: { id: true } });
      if (!team) throw new CliError(`No team "${values.team}".`);
      teamId = team.id;
    }
    const r = await backfillHistory({ teamId, days });
    console.log(`Rebuilt ${r.points} daily points of ${r.services} service${r.services === 1 ? "" : "s"} over ${days} days (${r.written} written; observed points are kept).`);
  });
}

/** A probe agent's token for one team and location (the CLI acts as an instance admin); prints the token last. */
async function agentTokenCreate(args: string[]) {
  const { values } = strictly(() => parseArgs({ args, options: { team: { type: "string" }, location: { type: "string" }, name: { type: "string" } } }));
  if (!values.team || !values.location) throw new CliError(`--team and --location are required\n${USAGE}`);
  return withDatabase(async () => {
    const { db } = await import("../lib/db");
    const { createAgentToken, createAgentTokenSchema } = await import("../lib/agents/tokens");
    const team = await db.team.findFirst({ where: { slug: values.team, archivedAt: null } });
    if (!team) throw new CliError(`No team "${values.team}".`);
    const parsed = createAgentTokenSchema.safeParse({ location: values.location, ...(values.name !== undefined ? { name: values.name } : {}) });
    if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
    const { token, secret } = await createAgentToken({ system: "cli" }, team.id, parsed.data);
    console.error(`[preflight] Created agent token "${token.name}" for location ${token.location} in team ${team.slug}. It is shown once; store it now:`);
    console.log(secret);
  });
}

async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (command === "team" && sub === "create") return (await teamCreate(rest), 0);
  if (command === "team" && sub === "list") return (await teamList(rest), 0);
  if (command === "token" && sub === "create") return (await tokenCreate(rest), 0);
  if (command === "token" && sub === "revoke") return (await tokenRevoke(rest), 0);
  if (command === "agent-token" && sub === "create") return (await agentTokenCreate(rest), 0);
  // The same gate as the single-file dist/preflight-gate.mjs (docs/ci-gate.md): exit 0 ready, 1 not, 2 error.
  if (command === "gate") return runGate(argv.slice(1), { env: process.env, out: (l) => console.log(l), err: (l) => console.error(l), program: "npm run preflight -- gate" });
  if (command === "history" && sub === "backfill") return (await historyBackfill(rest), 0);
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
