/**
 * Loads Prisma's WebAssembly schema engine (@prisma/schema-engine-wasm) by hand: Node 20 cannot
 * import .wasm modules, and the Prisma CLI's native engine cannot be downloaded here.
 * See docs/decisions/0002-migrations-without-the-native-engine.md.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);

type DiffTarget =
  | { tag: "empty" }
  | { tag: "schemaDatamodel"; files: { path: string; content: string }[] };


export interface SchemaEngineLike {
  diff(params: {
    from: DiffTarget;
    to: DiffTarget;
    script: boolean;
    exitCode: boolean | null;
    filters: { externalTables: string[]; externalEnums: string[] };
  }): Promise<{ exitCode: number; stdout: string | null }>;
}

export async function loadSchemaEngine(opts: { connectionString?: string } = {}): Promise<SchemaEngineLike> {
  const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  const bg = (await import(path.join(pkgDir, "schema_engine_bg.js"))) as Record<string, unknown> & {
    __wbg_set_wasm(instance: WebAssembly.Exports): void;
    SchemaEngine: { new: (options: unknown, callback: unknown, adapter: unknown) => Promise<SchemaEngineLike> };
  };
  // The engine reports panics through this global; without it a panic hides the real message.
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
  g.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message: string) {
      throw new Error(`schema engine panic: ${message}`);
    },
  };
  const bytes = readFileSync(path.join(pkgDir, "schema_engine_bg.wasm"));
  const wasmModule = await WebAssembly.compile(bytes);
  // Every import of the wasm module is a function exported by schema_engine_bg.js.
  const imports: Record<string, Record<string, unknown>> = {};
  for (const imp of WebAssembly.Module.imports(wasmModule)) {
    imports[imp.module] ??= {};
    imports[imp.module]![imp.name] = bg[imp.name];
  }
  const instance = await WebAssembly.instantiate(wasmModule, imports as WebAssembly.Imports);
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();

  // The engine wants a driver-adapter factory even for diffs that never touch a database.
  // The engine expects the Result-wrapping adapter the Prisma CLI builds with this helper.
  const adapter = bindMigrationAwareSqlAdapterFactory(
    new PrismaPg({ connectionString: opts.connectionString ?? "postgresql://unused@127.0.0.1:1/unused" }),
  );
  return bg.SchemaEngine.new({ datamodels: undefined }, () => {}, adapter);
}

/**
 * SQL that takes schema `from` (null: an empty database) to schema `to` ("" when they agree).
 * The engine needs a live connection even for this offline diff, hence `url` (any scratch database).
 */
export async function diffSchemas(url: string, from: string | null, to: string): Promise<string> {
  const engine = await loadSchemaEngine({ connectionString: url });
  const result = await engine.diff({
    from: from === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: from }] },
    to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: to }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = (result.stdout ?? "").trim();
  return sql === "-- This is an empty migration." ? "" : sql;
}
