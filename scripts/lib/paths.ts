import path from "node:path";

/** Where local state lives (.data/ by default; tests point PREFLIGHT_DATA_DIR elsewhere). */
export function dataDir(): string {
  return path.resolve(process.env.PREFLIGHT_DATA_DIR || path.join(process.cwd(), ".data"));
}
