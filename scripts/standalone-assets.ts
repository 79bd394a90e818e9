/** `npm run build`'s second step: the standalone server gets the static assets beside it (scripts/lib/standalone.ts). */
import path from "node:path";
import { copyStandaloneAssets, standaloneServer } from "./lib/standalone";

const distDir = process.env.PREFLIGHT_NEXT_DIST_DIR || ".next";
copyStandaloneAssets(process.cwd(), distDir);
console.log(`[preflight] Standalone server ready: node ${path.relative(process.cwd(), standaloneServer(process.cwd(), distDir))} (docs/deployment.md)`);
