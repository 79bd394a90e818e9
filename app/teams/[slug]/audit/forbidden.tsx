import { Refusal, YourRoles } from "@/components/ui/refusal";
import { rolesThatCan } from "@/lib/auth/permissions";
import { rolesOfCurrentActor } from "@/lib/pages/refusal";

/** A team's audit log for a member who is not an owner (403; a non-member gets the 404 first). */
export default async function AuditForbidden() {
  const roles = await rolesOfCurrentActor();
  return (
    <Refusal title="The audit log is for the team's owners" links={[{ href: "/teams", label: "Your teams" }, { href: "/", label: "Back to the board" }]}>
      <p>Reading a team&apos;s audit log needs the {rolesThatCan("audit:read")} role in that team.</p>
      <YourRoles roles={roles} />
    </Refusal>
  );
}
