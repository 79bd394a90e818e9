import { Refusal, YourRoles } from "@/components/ui/refusal";
import { rolesThatCan } from "@/lib/auth/permissions";
import { rolesOfCurrentActor } from "@/lib/pages/refusal";

/** /services/new for someone with no team where they may register services (403). */
export default async function NewServiceForbidden() {
  const roles = await rolesOfCurrentActor();
  return (
    <Refusal title="Registering a service needs the editor role" links={[{ href: "/", label: "Back to the board" }]}>
      <p>Registering a service needs the {rolesThatCan("service:create")} role in its team.</p>
      <YourRoles roles={roles} />
      {roles.length ? <p>Ask an owner of your team to make you an editor, or to register the service for you.</p> : null}
    </Refusal>
  );
}
