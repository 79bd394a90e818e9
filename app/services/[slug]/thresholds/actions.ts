"use server";

import { redirect } from "next/navigation";
import { formNumber, formText } from "@/lib/http/form-data";
import type { FormState } from "@/lib/http/form-state";
import { runFormAction } from "@/lib/http/form-state";
import { CRYPTOPULSE_THRESHOLDS } from "@/lib/thresholds/defaults";
import {
  addRecommendedThresholds,
  createThreshold,
  createThresholdSchema,
  deleteThreshold,
  metricsSourceSchema,
  recommendedSelectionSchema,
  setMetricsSource,
  updateThreshold,
  updateThresholdSchema,
} from "@/lib/thresholds/manage";

const page = (slug: string) => `/services/${slug}/thresholds`;

/** The form's fields as the API takes them ("Sustained for" is entered in minutes). */
function thresholdInput(form: FormData) {
  const text = (k: string) => formText(form, k) ?? "";
  const minutes = formNumber(form, "sustainedMinutes");
  return {
    metric: text("metric"),
    label: text("label") || undefined,
    unit: text("unit"),
    comparator: text("comparator"),
    limit: formNumber(form, "limit"),
    sustainedSeconds: minutes === undefined ? 0 : Math.round(minutes * 60),
    severity: text("severity"),
    action: text("action"),
    source: text("source"),
    scrapeSeries: text("scrapeSeries") || null,
  };
}

export async function createThresholdAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return runFormAction(page(slug), async ({ actor, audit }) => {
    const t = await createThreshold(actor, slug, createThresholdSchema.parse(thresholdInput(form)), audit);
    return `Added "${t.label}".`;
  });
}

export async function updateThresholdAction(slug: string, id: string, _prev: FormState, form: FormData): Promise<FormState> {
  const state = await runFormAction(page(slug), async ({ actor, audit }) => {
    const t = await updateThreshold(actor, slug, id, updateThresholdSchema.parse({ ...thresholdInput(form), label: String(form.get("label") ?? "").trim() || String(form.get("metric") ?? "").trim() }), audit);
    return `Saved "${t.label}".`;
  });
  if (state.ok) redirect(page(slug));
  return state;
}

export async function deleteThresholdAction(slug: string, id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return runFormAction(page(slug), async ({ actor, audit }) => {
    await deleteThreshold(actor, slug, id, audit);
    return "Threshold deleted.";
  });
}

export async function addRecommendedAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return runFormAction(page(slug), async ({ actor, audit }) => {
    const { metrics } = recommendedSelectionSchema.parse({ metrics: form.getAll("metrics").map(String) });
    const { added } = await addRecommendedThresholds(actor, slug, audit, metrics);
    if (!added.length) return "Every recommended threshold is there already.";
    // Named as the page names them (their labels), not by metric.
    const labels = added.map((metric) => CRYPTOPULSE_THRESHOLDS.find((t) => t.metric === metric)?.label ?? metric);
    return `Added ${added.length === 1 ? "1 recommended threshold" : `${added.length} recommended thresholds`}: ${labels.join(", ")}.`;
  });
}

export async function setMetricsSourceAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return runFormAction(page(slug), async ({ actor, audit }) => {
    const { url } = await setMetricsSource(actor, slug, metricsSourceSchema.parse({ url: String(form.get("url") ?? "") }), audit);
    return url ? `Preflight will scrape ${url} in its next round.` : "Scraping is off for this service.";
  });
}
