// Registering an official account (admin API and `parley official add`): checks, the record and its key.
import { DEFAULT_CHANNELS } from "../../config.js";
import type { OfficialAccountRecord } from "../../store/port.js";
import { randomId } from "../ids.js";
import type { OfficialEntry } from "./judge.js";
import { accountKey, parseAccount, type AccountRef } from "./parse.js";

export const MAX_HANDLE_LENGTH = 200;
export const MAX_NOTE_LENGTH = 500;
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** A channel's display name ("Telegram"; extra channels by their id, capitalised). */
export const channelName = (id: string): string => DEFAULT_CHANNELS[id] ?? id.charAt(0).toUpperCase() + id.slice(1);

/** The account `handle` names on `channel`, or why it cannot be registered there. */
export function registrableAccount(channel: string, handle: string, channels: string[]): AccountRef | string {
  if (!channels.includes(channel)) return `unknown channel "${channel}" (known: ${channels.join(", ")})`;
  if (handle.trim() === "" || Array.from(handle).length > MAX_HANDLE_LENGTH || CONTROL.test(handle.trim())) {
    return `the handle must be 1 to ${MAX_HANDLE_LENGTH} characters without control characters`;
  }
  const ref = parseAccount(handle);
  if (!ref) return `"${handle}" names no account`;
  if (!ref.plain) return `the handle must be written in plain characters, as the channel shows it (not full-width or styled letters)`;
  if (ref.channel !== null && ref.channel !== channel) return `"${handle}" is a ${channelName(ref.channel)} address, not ${channelName(channel)}`;
  if (channel === "email" && ref.channel !== "email") return `"${handle}" is not an email address`;
  return { ...ref, channel };
}

/** A note: trimmed, one line, at most 500 characters; "" is no note. */
export function registrableNote(note: string | undefined): string | null | Error {
  const text = note?.trim() ?? "";
  if (text === "") return null;
  if (Array.from(text).length > MAX_NOTE_LENGTH || CONTROL.test(text)) return new Error(`the note must be one line of at most ${MAX_NOTE_LENGTH} characters`);
  return text;
}

/** A new registry record. */
export function officialRecord(channel: string, handle: string, ref: AccountRef, note: string | null, now: number): OfficialAccountRecord {
  return { id: randomId("o"), channel, handle: handle.trim(), key: accountKey(channel, ref), note, createdAt: now };
}

/** Registry records as judge entries; records that no longer parse (edited by hand) are left out. */
export function officialEntries(records: OfficialAccountRecord[]): OfficialEntry[] {
  return records.flatMap((r) => {
    const ref = parseAccount(r.handle);
    return ref ? [{ channel: r.channel, handle: r.handle, ref: { ...ref, channel: r.channel } }] : [];
  });
}
