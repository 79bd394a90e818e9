import type { AutoCheckKind as DbAutoCheckKind } from "@/lib/generated/prisma/enums";
import type { AutoCheckKind } from "./schema";

/** Template files spell auto-checks in kebab-case; the database enum uses snake_case. */
export function toDbAutoCheck(kind: AutoCheckKind | undefined): DbAutoCheckKind | null {
  return kind ? (kind.replace(/-/g, "_") as DbAutoCheckKind) : null;
}

export function fromDbAutoCheck(kind: DbAutoCheckKind | null): AutoCheckKind | undefined {
  return kind ? (kind.replace(/_/g, "-") as AutoCheckKind) : undefined;
}
