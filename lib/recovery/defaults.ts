export interface RtoDefault {
  component: string;
  rtoSeconds: number;
  procedure: string;
}

/** The CryptoPulse guide's "Recovery Time Objectives" table (seed 001) with its recovery procedures. */
export const CRYPTOPULSE_RTO_TARGETS: RtoDefault[] = [
  { component: "API", rtoSeconds: 5 * 60, procedure: "Restart container or roll back image." },
  {
    component: "Database",
    rtoSeconds: 15 * 60,
    procedure: [
      "Restore from latest backup:",
      "",
      "```sh",
      "docker compose -f docker-compose.multi.yml stop api1 api2",
      "gunzip -c backup.sql.gz | docker compose -f docker-compose.multi.yml exec -T postgres psql -U postgres crypto_pulse",
      "docker compose -f docker-compose.multi.yml start api1 api2",
      "```",
    ].join("\n"),
  },
  {
    component: "Redis",
    rtoSeconds: 2 * 60,
    procedure: "Restart with persistence enabled; Redis auto-loads `appendonly.aof`:\n\n```sh\ndocker compose -f docker-compose.multi.yml restart redis\n```",
  },
  {
    component: "Full system",
    rtoSeconds: 30 * 60,
    procedure: "Redeploy from backup and restore DB:\n\n1. Restore the `.env` file from its secure location.\n2. Restore the database backup (see Database).\n3. `docker compose -f docker-compose.multi.yml up --build -d`",
  },
];
