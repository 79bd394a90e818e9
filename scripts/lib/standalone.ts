/**
 * Next's standalone output (next.config.js `output: "standalone"`, decision 0041): the build writes a
 * server with the node_modules it needs to `<distDir>/standalone`, but leaves the browser assets
 * (`<distDir>/static`, `public/`) for the deployment to copy beside it, as Next's docs say.
 */
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";

/** The folder a standalone build runs from (`node server.js` there). */
export function standaloneDir(root = process.cwd(), distDir = ".next"): string {
  return path.join(root, distDir, "standalone");
}

/** The standalone server's entry point. */
export function standaloneServer(root = process.cwd(), distDir = ".next"): string {
  return path.join(standaloneDir(root, distDir), "server.js");
}

/** Copy the static assets (and public/, when there is one) into the standalone folder, replacing older copies. */
export function copyStandaloneAssets(root = process.cwd(), distDir = ".next"): void {
  const out = standaloneDir(root, distDir);
  if (!existsSync(path.join(out, "server.js"))) throw new Error(`${path.relative(root, out)}/server.js is missing: run \`next build\` (with output: "standalone") first.`);
  const copies = [
    [path.join(root, distDir, "static"), path.join(out, distDir, "static")],
    [path.join(root, "public"), path.join(out, "public")],
  ] as const;
  for (const [from, to] of copies) {
    rmSync(to, { recursive: true, force: true });
    if (existsSync(from)) cpSync(from, to, { recursive: true });
  }
}
