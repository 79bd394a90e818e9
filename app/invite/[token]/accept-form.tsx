"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/field";
import type { FormState } from "@/lib/http/form-state";
import { acceptInvitationAction } from "./actions";

export function AcceptForm({ token, label }: { token: string; label: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(acceptInvitationAction.bind(null, token), {});
  return (
    <form action={action} className="space-y-3">
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Joining…" : label}
      </Button>
    </form>
  );
}
