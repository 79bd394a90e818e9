/** `npm run build:agent`: the agent as one file, dist/preflight-agent.mjs, that runs on plain Node 20 without node_modules. */
import { build } from "esbuild";

await build({
  entryPoints: ["scripts/agent/main.ts"],
  outfile: "dist/preflight-agent.mjs",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  minify: false,
  legalComments: "none",
  logLevel: "warning",
});
console.error("[build:agent] wrote dist/preflight-agent.mjs");
