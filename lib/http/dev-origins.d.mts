/** See dev-origins.mjs: the hostnames `next dev` serves its dev resources to. */
export function allowedDevOrigins(nextAuthUrl: string | undefined): string[];
