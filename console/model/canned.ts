// Canned responses: the ones the agent may use (shared and their own, loaded at sign-in for the reply box) and
// managing them on the "Canned responses" page (own ones for everyone; shared ones for admins).
import { computed, signal, type ReadonlySignal } from "@preact/signals";
import type { AgentRole, CannedResponseView } from "../../server/protocol/index.js";
import { isRecord, serverError, type ServerError } from "./http-port.js";
import { createResource } from "./resource.js";
import { choicesFrom, type Choice } from "./selfservice-config.js";
import type { SelfServiceContext } from "./selfservice-context.js";

/** The form: scope, language, shortcut, text. */
export interface CannedDraft {
  scope: "shared" | "personal";
  language: string;
  shortcut: string;
  text: string;
}

export interface CannedPage {
  responses: ReadonlySignal<readonly CannedResponseView[] | null>;
  /** The enabled languages. */
  languages: ReadonlySignal<readonly Choice[]>;
  loading: ReadonlySignal<boolean>;
  error: ReadonlySignal<ServerError | null>;
  /** Whether the agent may manage shared responses (admins). */
  mayShare: ReadonlySignal<boolean>;
  /** The form on screen: "new", a response id, or null. */
  editing: ReadonlySignal<string | null>;
  saveError: ReadonlySignal<ServerError | null>;
}

export interface CannedActions {
  refresh(): Promise<void>;
  /** Loads the responses once (the reply box calls it when the agent first types "/"). */
  ensure(): void;
  edit(id: string | null): void;
  save(draft: CannedDraft): Promise<boolean>;
  remove(id: string): Promise<void>;
  reset(): void;
}

/** The responses and languages of a `{ responses, languages }` reply. */
export function cannedFrom(data: unknown): { responses: CannedResponseView[]; languages: Choice[] } | null {
  if (!isRecord(data) || !Array.isArray(data.responses)) return null;
  const responses = data.responses.filter((r): r is CannedResponseView => isRecord(r) && typeof r.id === "string" && typeof r.shortcut === "string" && typeof r.text === "string");
  return { responses, languages: choicesFrom(data.languages, "code") };
}

export function createCanned(ctx: SelfServiceContext, role: () => AgentRole | undefined): { page: CannedPage; actions: CannedActions } {
  const list = createResource(ctx, cannedFrom);
  const mayShare = computed(() => role() === "admin");
  const editing = signal<string | null>(null);
  const saveError = signal<ServerError | null>(null);
  const refresh = () => list.load("/api/canned");
  const responses = computed(() => list.resource.data.value?.responses ?? null);
  const languages = computed(() => list.resource.data.value?.languages ?? []);
  const path = (id: string) => `/api/canned/${encodeURIComponent(id)}`;

  return {
    page: { responses, languages, loading: list.resource.loading, error: list.resource.error, mayShare, editing, saveError },
    actions: {
      refresh,
      ensure() {
        if (list.resource.data.value === null && !list.resource.loading.value) void refresh();
      },
      edit(id) {
        editing.value = id;
        saveError.value = null;
      },
      async save(draft) {
        const target = editing.value;
        if (target === null) return false;
        const fields = { language: draft.language, shortcut: draft.shortcut.trim(), text: draft.text.trim() };
        const result = await ctx.call(target === "new" ? { method: "POST", path: "/api/canned", json: { scope: draft.scope, ...fields } } : { method: "PATCH", path: path(target), json: fields });
        if (!result.ok) {
          saveError.value = serverError(result);
          return false;
        }
        ctx.notify(`/${fields.shortcut.replace(/^\//, "").toLowerCase()} was saved.`);
        editing.value = null;
        saveError.value = null;
        await refresh();
        return true;
      },
      async remove(id) {
        const shortcut = responses.value?.find((r) => r.id === id)?.shortcut ?? "";
        const result = await ctx.call({ method: "DELETE", path: path(id), json: {} });
        if (result.ok) ctx.notify(`/${shortcut} was removed.`);
        await refresh();
        if (!result.ok) list.fail(serverError(result));
      },
      reset() {
        list.reset();
        editing.value = null;
        saveError.value = null;
      },
    },
  };
}
