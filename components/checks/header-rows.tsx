"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { HEADER_ENV_PREFIX } from "@/lib/checks/header-names";
import type { PublicHeader } from "@/lib/checks/headers";

interface Row {
  key: number;
  stored?: PublicHeader;
}

/**
 * Request header rows of a check form: a name, then either a secret value or the name of an environment
 * variable. A stored secret is never sent to the browser: its field stays empty, shows "•••• (stored)",
 * and an empty field keeps it.
 */
export function HeaderRows({ idPrefix, stored }: { idPrefix: string; stored: PublicHeader[] }) {
  const [rows, setRows] = useState<Row[]>(() => stored.map((h, key) => ({ key, stored: h })));
  const [nextKey, setNextKey] = useState(stored.length);
  return (
    <fieldset className="space-y-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <legend className="px-1 text-sm font-medium">Request headers (optional)</legend>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        For a protected health endpoint. Give a secret value (stored encrypted, never shown again) or the name of an
        environment variable of the Preflight server starting with <code>{HEADER_ENV_PREFIX}</code>.
      </p>
      {rows.map((row, i) => {
        const id = `${idPrefix}-header-${row.key}`;
        const sealed = row.stored?.source === "sealed";
        return (
          <div key={row.key} className="grid gap-2 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-start">
            <TextField label={`Header ${i + 1} name`} id={`${id}-name`} name="header.name" defaultValue={row.stored?.name} placeholder="Authorization" autoComplete="off" />
            <TextField
              label={`Header ${i + 1} secret value`}
              id={`${id}-value`}
              name="header.value"
              type="password"
              autoComplete="new-password"
              placeholder={sealed ? "•••• (stored)" : ""}
              hint={sealed ? "•••• (stored): leave empty to keep it, or type a new value" : undefined}
            />
            <TextField
              label={`Header ${i + 1} environment variable`}
              id={`${id}-env`}
              name="header.env"
              defaultValue={row.stored?.source === "env" ? row.stored.env : undefined}
              placeholder={`${HEADER_ENV_PREFIX}…`}
              autoComplete="off"
            />
            <input type="hidden" name="header.stored" value={sealed ? "1" : ""} />
            <Button variant="secondary" className="sm:mt-6" onClick={() => setRows(rows.filter((r) => r.key !== row.key))} aria-label={`Remove header ${i + 1}`}>
              Remove
            </Button>
          </div>
        );
      })}
      <Button
        variant="secondary"
        onClick={() => {
          setRows([...rows, { key: nextKey }]);
          setNextKey(nextKey + 1);
        }}>
        Add a header
      </Button>
    </fieldset>
  );
}
