"use client";

import { useState } from "react";
import { CheckboxGroup, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { EVENT_TYPE_LABELS } from "@/lib/alerts/describe";
import type { PublicChannel } from "@/lib/alerts/channel-public";
import { CHANNEL_BOUNDS, CHANNEL_DEFAULTS, CHANNEL_TYPE_LABELS, CHANNEL_TYPES } from "@/lib/alerts/channel-schemas";
import { ALERT_EVENT_TYPES } from "@/lib/alerts/types";
import { ROLES } from "@/lib/auth/permissions";
import type { AlertChannelType } from "@/lib/generated/prisma/enums";

const URL_HINTS: Record<Exclude<AlertChannelType, "email">, string> = {
  slack: "The incoming webhook URL Slack gives you (https://hooks.slack.com/services/…).",
  teams: "The incoming webhook URL of the Teams channel (a Workflows or connector URL).",
  webhook: "Preflight POSTs signed JSON here: https, or http to this machine only (localhost).",
};

const TIERS = [
  { value: "", label: "Every tier" },
  { value: "1", label: "Tier 1 only" },
  { value: "2", label: "Tiers 1 and 2" },
  { value: "3", label: "Tiers 1 to 3" },
];

/**
 * The fields of the add and edit forms of a channel. Only the chosen type's fields are shown (and sent):
 * a URL for Slack, Teams and webhooks, addresses and member roles for email. On edit the type is fixed and
 * a blank URL keeps the stored one.
 */
export function ChannelFields({ idPrefix, channel, services }: { idPrefix: string; channel?: PublicChannel; services: { slug: string; name: string }[] }) {
  const [type, setType] = useState<AlertChannelType>(channel?.type ?? "webhook");
  const id = (name: string) => `${idPrefix}-${name}`;
  const events = channel?.events ?? null;
  const chosenServices = channel?.services ?? [];
  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-2">
        {channel ? (
          <p className="text-sm">
            <span className="block font-medium">Type</span>
            <span className="mt-1 block py-1.5">{CHANNEL_TYPE_LABELS[channel.type]}</span>
          </p>
        ) : (
          <SelectField label="Type" id={id("type")} name="type" value={type} onChange={(e) => setType(e.currentTarget.value as AlertChannelType)}>
            {CHANNEL_TYPES.map((t) => (
              <option key={t} value={t}>
                {CHANNEL_TYPE_LABELS[t]}
              </option>
            ))}
          </SelectField>
        )}
        <TextField label="Name" id={id("name")} name="name" required maxLength={80} defaultValue={channel?.name} placeholder="On-call" />
      </div>
      {type === "email" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextAreaField
            label="Email addresses"
            id={id("emails")}
            name="emails"
            rows={3}
            defaultValue={channel?.emails.join("\n")}
            placeholder="oncall@example.com"
            hint="One per line or separated by commas."
          />
          <CheckboxGroup
            legend="Also the team's members with the role"
            id={id("memberRoles-group")}
            name="memberRoles"
            options={ROLES.map((r) => ({ value: r, label: `${r}s`, defaultChecked: channel?.memberRoles.includes(r) }))}
          />
        </div>
      ) : (
        <TextField
          label="URL"
          id={id("url")}
          name="url"
          type="url"
          required={!channel}
          autoComplete="off"
          placeholder={channel?.urlHint ?? "https://"}
          hint={channel?.urlHint ? `Stored: ${channel.urlHint} Leave blank to keep it.` : URL_HINTS[type]}
        />
      )}
      <CheckboxGroup
        legend="Events"
        id={id("events-group")}
        name="events"
        columns
        hint="The events this channel gets. With every box ticked, it also gets events Preflight adds later."
        options={ALERT_EVENT_TYPES.map((t) => ({ value: t, label: EVENT_TYPE_LABELS[t], defaultChecked: events === null || events.includes(t) }))}
      />
      {services.length ? (
        <CheckboxGroup
          legend="Services"
          id={id("services-group")}
          name="services"
          columns
          hint="None ticked: every service of the team, also those added later."
          options={services.map((s) => ({ value: s.slug, label: s.name, defaultChecked: chosenServices.includes(s.slug) }))}
        />
      ) : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label="Tiers" id={id("minTier")} name="minTier" defaultValue={channel?.minTier && channel.minTier < 4 ? String(channel.minTier) : ""} hint="Tier 1 is the most critical.">
          {TIERS.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Reminder every (minutes)"
          id={id("reminderMinutes")}
          name="reminderMinutes"
          type="number"
          min={CHANNEL_BOUNDS.reminderMinutes[0]}
          max={CHANNEL_BOUNDS.reminderMinutes[1]}
          defaultValue={channel?.reminderMinutes ?? undefined}
          hint="Optional: the down alert again while a health check stays down."
        />
        {type === "webhook" ? null : (
          <TextField
            label="Group events for (seconds)"
            id={id("groupSeconds")}
            name="groupSeconds"
            type="number"
            min={CHANNEL_BOUNDS.groupSeconds[0]}
            max={CHANNEL_BOUNDS.groupSeconds[1]}
            defaultValue={channel?.groupSeconds ?? CHANNEL_DEFAULTS.groupSeconds}
            hint="Events of one service within this window make one message; 0 sends each at once."
          />
        )}
      </div>
    </div>
  );
}
