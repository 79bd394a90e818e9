/** Entry of the single-file gate `dist/preflight-gate.mjs` (`npm run build:gate`; see scripts/gate/gate.ts). */
import { runGate } from "./gate";

runGate(process.argv.slice(2), { env: process.env, out: (l) => console.log(l), err: (l) => console.error(l) }).then((code) => {
  process.exitCode = code;
});
