import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".next-*/**", ".data/**", "lib/generated/**", "node_modules/**", "next-env.d.ts", "bench/results/**"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-empty": ["error", { allowEmptyCatch: true }],
      "no-restricted-properties": [
        "error",
        { object: "NextResponse", property: "json", message: "Answer with jsonResponse() from lib/http/json.ts (cache policy, no gzip for small bodies)." },
        { object: "Response", property: "json", message: "Answer with jsonResponse() from lib/http/json.ts (cache policy, no gzip for small bodies)." },
      ],
    },
  },
]);
