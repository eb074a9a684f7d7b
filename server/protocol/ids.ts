/** A visitor (customer) identity, issued by the server. */
export type VisitorId = string;
/** An agent account id, issued by `parley agent add`. */
export type AgentId = string;
/** A conversation between one visitor and (eventually) one agent. */
export type ConversationId = string;
/** A client-chosen message id (UUID); a retry with the same id is stored once. */
export type ClientMessageId = string;
/** Per-conversation sequence number, assigned by the server, strictly increasing from 1. */
export type Seq = number;
/** A configured language code such as "en" or "de" (lower-case BCP 47 primary tag). */
export type LanguageCode = string;
/** Milliseconds since the Unix epoch. */
export type Timestamp = number;
