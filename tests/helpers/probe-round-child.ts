/** Runs one probe round against DATABASE_URL in its own process, so a test can kill it mid-round. */
import { runProbeRound } from "@/lib/probes/round";
import { createTargetPolicy } from "@/lib/probes/target-policy";

const summary = await runProbeRound({ concurrency: 4, batchSize: 4, probeOptions: { policy: createTargetPolicy() } });
console.log(JSON.stringify(summary));
process.exit(0);
