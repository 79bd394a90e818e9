import { Refusal } from "@/components/ui/refusal";

/** /teams/new for someone who is not an instance admin (403). It does not say who the admins are. */
export default function NewTeamForbidden() {
  return (
    <Refusal
      title="Creating a team needs an instance admin"
      links={[
        { href: "/teams", label: "Your teams" },
        { href: "/", label: "Back to the board" },
      ]}
    >
      <p>Teams are created by this Preflight&apos;s instance admins, named by whoever runs it. A role in a team, even owner, does not create teams.</p>
      <p>Ask whoever runs Preflight for a new team, or ask a team owner to invite you to theirs.</p>
    </Refusal>
  );
}
