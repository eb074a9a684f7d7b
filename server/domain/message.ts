// Rules for message text. Pure.
import type { ErrorCode } from "../protocol/ack.js";

/** Length as a person counts it: code points, so an emoji is one character and a pair is never split. */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Normalises line endings and trims the ends; the text is otherwise stored exactly as typed. */
export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, "\n").trim();
}

/**
 * Why this (normalised) text cannot be stored, or null when it can. Longer text is refused, never cut. Empty text is
 * fine only when the message carries files (`withFiles`).
 */
export function checkText(text: string, maxLength: number, withFiles = false): { error: ErrorCode; message: string } | null {
  if (text.length === 0 && !withFiles) return { error: "empty_message", message: "The message is empty" };
  const length = textLength(text);
  if (length > maxLength) {
    return { error: "message_too_long", message: `The message has ${length} characters; the limit is ${maxLength}` };
  }
  return null;
}

/** A stable, friendly name for a visitor who gave none ("Visitor 4821"). */
export function generatedVisitorName(visitorId: string): string {
  let hash = 0;
  for (const ch of visitorId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `Visitor ${1000 + (hash % 9000)}`;
}
