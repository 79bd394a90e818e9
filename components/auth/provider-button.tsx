"use client";

import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";

export function ProviderButton({ id, name, callbackUrl }: { id: string; name: string; callbackUrl: string }) {
  return (
    <Button variant="secondary" className="w-full" onClick={() => void signIn(id, { callbackUrl })}>
      Continue with {name}
    </Button>
  );
}
