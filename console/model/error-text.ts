// What the console says when something fails. Server `message` texts are not shown for socket errors:
// these are short, consistent and written for agents.
import type { RequestError } from "./ports.js";

const SEND_ERRORS: Partial<Record<RequestError, string>> = {
  message_too_long: "Too long to send. Shorten it and try again.",
  empty_message: "Empty messages are not sent.",
  not_assigned: "Not sent: this chat is no longer assigned to you.",
  conversation_closed: "Not sent: the conversation is closed.",
  rate_limited: "Not sent yet: you are sending too fast.",
  storage_unavailable: "Not sent: the server could not save it.",
  timeout: "Not sent: the server did not answer.",
  disconnected: "Not sent: no connection.",
};

/** Why an outgoing message failed, for the agent. */
export function sendErrorText(error: RequestError): string {
  return SEND_ERRORS[error] ?? "Not sent.";
}

const REQUEST_ERRORS: Partial<Record<RequestError, string>> = {
  not_assigned: "this chat is no longer assigned to you",
  not_found: "this chat is no longer available",
  conversation_closed: "the conversation is already closed",
  rate_limited: "too many requests, try again in a moment",
  storage_unavailable: "the server could not save the change",
  timeout: "the server did not answer",
  disconnected: "there is no connection",
  agent_unavailable: "that colleague cannot take it now (offline, away, off shift, full or not speaking its language)",
  stale_epoch: "the chat changed meanwhile, try again",
  not_queued: "the customer is no longer waiting (another agent has the chat now)",
  unknown_language: "that language is not offered",
  forbidden: "your role may not do that",
};

/** The reason part of "Could not …: <reason>." notices. */
export function requestErrorText(error: RequestError): string {
  return REQUEST_ERRORS[error] ?? "something went wrong";
}
