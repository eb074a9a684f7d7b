// The Search page: past conversations and tickets by text and dates, and a past conversation opened read-only
// (#/search/<id>). Every agent may search; the server decides what each one sees.
import { computed, signal, type ReadonlySignal } from "@preact/signals";
import type { ConversationHitView, MessageView, SearchResultsView } from "../../server/protocol/index.js";
import { isRecord, type ServerError } from "./http-port.js";
import { createResource } from "./resource.js";
import type { SelfServiceContext } from "./selfservice-context.js";

export interface SearchQuery {
  text: string;
  /** YYYY-MM-DD or "". */
  from: string;
  to: string;
}

export interface PastConversation {
  conversation: ConversationHitView;
  messages: MessageView[];
}

export interface SearchPage {
  query: ReadonlySignal<SearchQuery>;
  results: ReadonlySignal<SearchResultsView | null>;
  loading: ReadonlySignal<boolean>;
  error: ReadonlySignal<ServerError | null>;
  /** The conversation opened read-only, and its load state. */
  opened: ReadonlySignal<PastConversation | null>;
  openedId: ReadonlySignal<string | null>;
  openError: ReadonlySignal<ServerError | null>;
}

export function resultsFrom(data: unknown): SearchResultsView | null {
  return isRecord(data) && Array.isArray(data.conversations) && Array.isArray(data.tickets) ? (data as unknown as SearchResultsView) : null;
}

export function pastFrom(data: unknown): PastConversation | null {
  return isRecord(data) && isRecord(data.conversation) && Array.isArray(data.messages) ? (data as unknown as PastConversation) : null;
}

/** The query string of a search. */
export function searchPath(q: SearchQuery): string {
  const params = new URLSearchParams();
  if (q.text.trim() !== "") params.set("q", q.text.trim());
  if (q.from !== "") params.set("from", q.from);
  if (q.to !== "") params.set("to", q.to);
  const query = params.toString();
  return `/api/search${query === "" ? "" : `?${query}`}`;
}

export function createSearch(ctx: SelfServiceContext) {
  const query = signal<SearchQuery>({ text: "", from: "", to: "" });
  const results = createResource(ctx, resultsFrom);
  const past = createResource(ctx, pastFrom);
  const openedId = signal<string | null>(null);
  const opened = computed(() => (past.resource.data.value?.conversation.id === openedId.value ? past.resource.data.value : null));
  const page: SearchPage = { query, results: results.resource.data, loading: results.resource.loading, error: results.resource.error, opened, openedId, openError: past.resource.error };
  return {
    page,
    actions: {
      /** Runs the search (also with no text: the period's conversations and tickets). */
      async search(next: SearchQuery) {
        query.value = next;
        await results.load(searchPath(next));
      },
      refresh: async () => {
        if (results.resource.data.value === null) await results.load(searchPath(query.value));
      },
      async open(id: string | null) {
        openedId.value = id;
        if (id !== null) await past.load(`/api/search/conversations/${encodeURIComponent(id)}`);
      },
      reset() {
        results.reset();
        past.reset();
        openedId.value = null;
        query.value = { text: "", from: "", to: "" };
      },
    },
  };
}
