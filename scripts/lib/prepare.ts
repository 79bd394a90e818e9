/** What every start does to a database before the app uses it: migrate, then load built-in templates. */
import { configureDatabase } from "../../lib/db";
import { migrate } from "../../lib/db/migrate";
import { loadTemplateDir } from "../../lib/templates/load";
import { syncTemplates } from "../../lib/templates/sync";
import { resyncServicesUsing } from "../../lib/checklists/apply";

export async function prepareDatabase(url: string, say: (m: string) => void): Promise<void> {
  const applied = await migrate(url);
  if (applied.length) say(`Applied migrations: ${applied.join(", ")}`);
  configureDatabase(url);
  const results = await syncTemplates(loadTemplateDir(), { builtIn: true });
  const changed = results.filter((r) => r.itemsAdded || r.itemsUpdated || r.itemsArchived);
  if (changed.length) {
    say(`Templates updated: ${changed.map((r) => `${r.key} (+${r.itemsAdded} ~${r.itemsUpdated} -${r.itemsArchived})`).join(", ")}`);
    await resyncServicesUsing(changed.filter((r) => !r.created).map((r) => r.templateId));
  }
}
