"use server";

import { redirect } from "next/navigation";
import { channelBodyFromForm, channelFieldErrors } from "@/lib/alerts/channel-form";
import { createChannelSchema, patchChannelSchema } from "@/lib/alerts/channel-schemas";
import { createChannel, deleteChannel, rotateSigningSecret, updateChannel } from "@/lib/alerts/channels";
import { describeTestOutcome } from "@/lib/alerts/channel-status";
import { sendTestMessage } from "@/lib/alerts/test-message";
import type { AlertChannelType } from "@/lib/generated/prisma/enums";
import { runFormAction, type FormContext, type FormOutcome, type FormState } from "@/lib/http/form-state";
import { requireVisibleTeam } from "@/lib/teams/members";

const page = (slug: string) => `/teams/${slug}/notifications`;

/** In the frame of every action, with the team (404 unless a member); list items' issues under their field. */
async function run(slug: string, fn: (ctx: FormContext & { teamId: string }) => Promise<FormOutcome>): Promise<FormState> {
  const state = await runFormAction(page(slug), async (ctx) => fn({ ...ctx, teamId: (await requireVisibleTeam(ctx.actor, slug)).id }));
  return state.fieldErrors ? { ...state, fieldErrors: channelFieldErrors(state.fieldErrors) } : state;
}

export async function createChannelAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, teamId, audit }) => {
    const { channel, signingSecret } = await createChannel(actor, teamId, createChannelSchema.parse(channelBodyFromForm(form, "create")), audit);
    if (!signingSecret) return `Added “${channel.name}”. Send a test to check that it arrives.`;
    return { message: `Added “${channel.name}”. Copy its signing secret now: it is not shown again.`, secret: signingSecret };
  });
}

export async function updateChannelAction(slug: string, id: string, type: AlertChannelType, _prev: FormState, form: FormData): Promise<FormState> {
  const state = await run(slug, async ({ actor, teamId, audit }) => {
    const channel = await updateChannel(actor, teamId, id, patchChannelSchema.parse(channelBodyFromForm(form, "edit", type)), audit);
    return `Saved “${channel.name}”.`;
  });
  if (state.ok) redirect(page(slug));
  return state;
}

export async function setChannelEnabledAction(slug: string, id: string, enabled: boolean, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, teamId, audit }) => {
    const channel = await updateChannel(actor, teamId, id, { enabled }, audit);
    return enabled ? `Enabled “${channel.name}”.` : `Disabled “${channel.name}”: it gets no alerts until you enable it (a test still goes out).`;
  });
}

/** The test is sent at once; a test that did not arrive is answered as an error, with the target's. */
export async function sendTestAction(slug: string, id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  let delivered = false;
  const state = await run(slug, async ({ actor, teamId, audit }) => {
    const delivery = await sendTestMessage(actor, teamId, id, audit);
    delivered = delivery.status === "delivered";
    return describeTestOutcome(delivery);
  });
  return state.ok && !delivered ? { error: state.message } : state;
}

export async function rotateSecretAction(slug: string, id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, teamId, audit }) => {
    const { channel, signingSecret } = await rotateSigningSecret(actor, teamId, id, audit);
    return { message: `New signing secret for “${channel.name}”; the old one no longer signs. Copy it now: it is not shown again.`, secret: signingSecret };
  });
}

export async function deleteChannelAction(slug: string, id: string, _prev: FormState, _form: FormData): Promise<FormState> {
  return run(slug, async ({ actor, teamId, audit }) => {
    await deleteChannel(actor, teamId, id, audit);
    return "Channel deleted.";
  });
}
