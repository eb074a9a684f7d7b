// The official-account registry (admins only): the list, adding an account, and removing one after the
// admin confirms. For other roles nothing is fetched and every action does nothing.
import { computed, signal, type ReadonlySignal } from "@preact/signals";
import type { AgentRole, OfficialAccountView } from "../../server/protocol/index.js";
import { isRecord, localError, serverError, type ServerError } from "./http-port.js";
import { createResource } from "./resource.js";
import { canManageOfficials } from "./route.js";
import type { SelfServiceContext } from "./selfservice-context.js";

/** The registry page as components read it. */
export interface OfficialsPage {
  /** Whether the signed-in agent may manage the registry (admins). */
  allowed: ReadonlySignal<boolean>;
  /** The accounts, oldest first; `null` until loaded. */
  accounts: ReadonlySignal<readonly OfficialAccountView[] | null>;
  loading: ReadonlySignal<boolean>;
  error: ReadonlySignal<ServerError | null>;
  adding: ReadonlySignal<boolean>;
  addError: ReadonlySignal<ServerError | null>;
  /** The account waiting for the admin to confirm its removal. */
  confirmingRemoval: ReadonlySignal<string | null>;
}

/** A new account as the form has it. */
export interface NewOfficialAccount {
  channel: string;
  handle: string;
  note: string;
}

/** Registry actions. */
export interface OfficialsActions {
  refresh(): Promise<void>;
  /** Registers an account; resolves `true` when the server did (the form may then be cleared). */
  add(account: NewOfficialAccount): Promise<boolean>;
  /** Asks to confirm removing account `id` (`null`: cancel). */
  askRemoval(id: string | null): void;
  /** Removes the account waiting for confirmation. */
  confirmRemoval(): Promise<void>;
  reset(): void;
}

/** The accounts of a `{ accounts }` reply, or `null` when the reply is not one. */
export function accountsFrom(data: unknown): OfficialAccountView[] | null {
  if (!isRecord(data) || !Array.isArray(data.accounts)) return null;
  const accounts = data.accounts.filter((a): a is OfficialAccountView => isRecord(a) && typeof a.id === "string");
  return accounts.sort((a, b) => a.createdAt - b.createdAt);
}

/** Creates the registry model; `role` reads the signed-in agent's role (from a signal, so `allowed` follows it). */
export function createOfficials(ctx: SelfServiceContext, role: () => AgentRole | undefined): { page: OfficialsPage; actions: OfficialsActions } {
  const allowed = computed(() => canManageOfficials(role()));
  const list = createResource(ctx, accountsFrom);
  const adding = signal(false);
  const addError = signal<ServerError | null>(null);
  const confirmingRemoval = signal<string | null>(null);
  const { data: accounts, loading, error } = list.resource;

  async function refresh(): Promise<void> {
    if (allowed.value) await list.load("/api/admin/officials");
  }

  return {
    page: { allowed, accounts, loading, error, adding, addError, confirmingRemoval },
    actions: {
      refresh,
      async add({ channel, handle, note }) {
        if (!allowed.value || adding.value) return false;
        if (channel === "" || handle.trim() === "") {
          addError.value = localError("Choose a channel and enter the handle, address or URL.");
          return false;
        }
        adding.value = true;
        addError.value = null;
        const json = { channel, handle: handle.trim(), ...(note.trim() === "" ? {} : { note: note.trim() }) };
        const result = await ctx.call({ method: "POST", path: "/api/admin/officials", json });
        adding.value = false;
        if (!result.ok) addError.value = serverError(result);
        else ctx.notify(`${handle.trim()} is registered as an official account.`);
        await refresh();
        return result.ok;
      },
      askRemoval(id) {
        confirmingRemoval.value = id;
      },
      async confirmRemoval() {
        const id = confirmingRemoval.value;
        if (!allowed.value || id === null) return;
        const handle = accounts.value?.find((a) => a.id === id)?.handle ?? "The account";
        confirmingRemoval.value = null;
        // An empty JSON body: the server's CSRF rule refuses writes (DELETE included) that are not JSON (415).
        const path = `/api/admin/officials/${encodeURIComponent(id)}`;
        const result = await ctx.call({ method: "DELETE", path, json: {} });
        if (result.ok) ctx.notify(`${handle} was removed from the official accounts.`);
        await refresh();
        // After the refresh, which would clear it: the list is current, and the refusal still shows.
        if (!result.ok) list.fail(serverError(result));
      },
      reset() {
        list.reset();
        adding.value = false;
        addError.value = null;
        confirmingRemoval.value = null;
      },
    },
  };
}
