// The Agents page (admins only): the list, a form to add or edit an agent, disabling and enabling, and resetting a
// password. For other roles nothing is fetched and every action does nothing.
import { computed, signal, type ReadonlySignal } from "@preact/signals";
import type { AdminAgentView, AgentRole } from "../../server/protocol/index.js";
import { isRecord, localError, serverError, type ServerError } from "./http-port.js";
import { createResource } from "./resource.js";
import { mayUse } from "./route.js";
import { choicesFrom, type Choice } from "./selfservice-config.js";
import type { SelfServiceContext } from "./selfservice-context.js";

/** The agent form as typed: text fields as text, shifts one per line. */
export interface AgentDraft {
  email: string;
  name: string;
  languages: string[];
  maxChats: string;
  role: AgentRole;
  timeZone: string;
  shifts: string;
  /** Required when adding; ignored when editing (reset the password instead). */
  password: string;
}

/** The Agents page as components read it. */
export interface AgentsPage {
  allowed: ReadonlySignal<boolean>;
  agents: ReadonlySignal<readonly AdminAgentView[] | null>;
  /** The enabled languages an agent can be given. */
  languages: ReadonlySignal<readonly Choice[]>;
  loading: ReadonlySignal<boolean>;
  error: ReadonlySignal<ServerError | null>;
  /** The form on screen: "new", an agent id, or null. */
  editing: ReadonlySignal<string | null>;
  saving: ReadonlySignal<boolean>;
  saveError: ReadonlySignal<ServerError | null>;
  /** The agent whose password is being reset. */
  resetting: ReadonlySignal<string | null>;
  resetError: ReadonlySignal<ServerError | null>;
}

export interface AgentsActions {
  refresh(): Promise<void>;
  /** Opens the form for a new agent ("new") or for agent `id`; null closes it. */
  edit(id: string | null): void;
  /** Adds or changes the agent of the open form; resolves true when the server did. */
  save(draft: AgentDraft): Promise<boolean>;
  setDisabled(id: string, disabled: boolean): Promise<void>;
  /** Opens (id) or closes (null) the password reset of an agent. */
  askReset(id: string | null): void;
  resetPassword(password: string): Promise<boolean>;
  reset(): void;
}

/** The agents of a `{ agents, languages }` reply, or null when it is not one. */
export function agentsFrom(data: unknown): { agents: AdminAgentView[]; languages: Choice[] } | null {
  if (!isRecord(data) || !Array.isArray(data.agents)) return null;
  const agents = data.agents.filter((a): a is AdminAgentView => isRecord(a) && typeof a.id === "string" && typeof a.email === "string");
  return { agents, languages: choicesFrom(data.languages, "code") };
}

/** An empty form with sensible defaults. */
export function blankAgent(languages: readonly string[]): AgentDraft {
  return { email: "", name: "", languages: languages.slice(0, 1), maxChats: "3", role: "agent", timeZone: "UTC", shifts: "", password: "" };
}

/** The form filled with a stored agent. */
export function draftOf(agent: AdminAgentView): AgentDraft {
  return { email: agent.email, name: agent.name, languages: [...agent.languages], maxChats: String(agent.maxChats), role: agent.role, timeZone: agent.timeZone, shifts: agent.shifts.join("\n"), password: "" };
}

/** The JSON body for a draft (a new agent includes email and password). */
export function agentBody(draft: AgentDraft, isNew: boolean): Record<string, unknown> {
  const maxChats = /^\s*\d+\s*$/.test(draft.maxChats) ? Number(draft.maxChats) : draft.maxChats;
  const body: Record<string, unknown> = {
    name: draft.name.trim(),
    languages: draft.languages,
    maxChats,
    role: draft.role,
    timeZone: draft.timeZone.trim(),
    shifts: draft.shifts.split("\n").map((s) => s.trim()).filter((s) => s !== ""),
  };
  return isNew ? { email: draft.email.trim(), password: draft.password, ...body } : body;
}

export function createAgentsAdmin(ctx: SelfServiceContext, role: () => AgentRole | undefined): { page: AgentsPage; actions: AgentsActions } {
  const allowed = computed(() => mayUse(role(), "agents"));
  const list = createResource(ctx, agentsFrom);
  const editing = signal<string | null>(null);
  const saving = signal(false);
  const saveError = signal<ServerError | null>(null);
  const resetting = signal<string | null>(null);
  const resetError = signal<ServerError | null>(null);
  const agents = computed(() => list.resource.data.value?.agents ?? null);
  const languages = computed(() => list.resource.data.value?.languages ?? []);
  const nameOf = (id: string) => agents.value?.find((a) => a.id === id)?.name ?? "The agent";
  const path = (id: string, suffix = "") => `/api/admin/agents/${encodeURIComponent(id)}${suffix}`;

  async function refresh(): Promise<void> {
    if (allowed.value) await list.load("/api/admin/agents");
  }

  return {
    page: { allowed, agents, languages, loading: list.resource.loading, error: list.resource.error, editing, saving, saveError, resetting, resetError },
    actions: {
      refresh,
      edit(id) {
        editing.value = id;
        saveError.value = null;
      },
      async save(draft) {
        const target = editing.value;
        if (!allowed.value || saving.value || target === null) return false;
        if (draft.languages.length === 0) {
          saveError.value = localError("Choose at least one language.", [{ path: "languages", message: "choose at least one" }]);
          return false;
        }
        saving.value = true;
        saveError.value = null;
        const isNew = target === "new";
        const json = agentBody(draft, isNew);
        const result = await ctx.call(isNew ? { method: "POST", path: "/api/admin/agents", json } : { method: "PATCH", path: path(target), json });
        saving.value = false;
        if (!result.ok) {
          saveError.value = serverError(result);
          return false;
        }
        ctx.notify(isNew ? `${draft.name.trim()} was added.` : `${draft.name.trim()} was saved.`);
        editing.value = null;
        await refresh();
        return true;
      },
      async setDisabled(id, disabled) {
        if (!allowed.value) return;
        const result = await ctx.call({ method: "PATCH", path: path(id), json: { disabled } });
        if (result.ok) ctx.notify(disabled ? `${nameOf(id)} is disabled and was signed out.` : `${nameOf(id)} can sign in again.`);
        await refresh();
        if (!result.ok) list.fail(serverError(result));
      },
      askReset(id) {
        resetting.value = id;
        resetError.value = null;
      },
      async resetPassword(password) {
        const id = resetting.value;
        if (!allowed.value || id === null) return false;
        if ([...password].length < 8) {
          resetError.value = localError("The password must be at least 8 characters.", [{ path: "password", message: "too short" }]);
          return false;
        }
        const result = await ctx.call({ method: "POST", path: path(id, "/password"), json: { password } });
        if (!result.ok) {
          resetError.value = serverError(result);
          return false;
        }
        resetting.value = null;
        ctx.notify(`${nameOf(id)}'s password was changed; their sessions have ended.`);
        return true;
      },
      reset() {
        list.reset();
        editing.value = null;
        saving.value = false;
        saveError.value = null;
        resetting.value = null;
        resetError.value = null;
      },
    },
  };
}
