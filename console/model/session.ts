// Signing in and out. A signed-in console keeps the /agent socket open; an ended session closes it.
import type { AgentSelfView } from "../../server/protocol/index.js";
import type { ModelContext } from "./context.js";
import type { AuthResult } from "./ports.js";
import { clearSessionData } from "./state.js";

/** Session actions. */
export interface SessionActions {
  /** Asks whether the session cookie is still good; signs in silently when it is. */
  start(): Promise<void>;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** The server no longer accepts the session (the socket was refused). */
  expire(): void;
}

/** What sessions start and stop. */
export interface SessionHooks {
  /** Opens the socket for a signed-in agent. */
  connect(): void;
  /** Closes the socket and forgets per-session bookkeeping. */
  disconnect(): void;
}

/** Why signing in failed, for people. */
export function signInErrorText(result: Extract<AuthResult, { ok: false }>): string {
  switch (result.error) {
    case "unauthorized":
      return "Wrong email or password.";
    case "rate_limited":
      return "Too many attempts. Wait a minute, then try again.";
    case "invalid_payload":
      return "Enter a valid email address and your password.";
    case "network":
      return "Could not reach the server. Check your connection and try again.";
    default:
      return "Signing in failed. Try again.";
  }
}

/** Creates the session actions. */
export function createSessionActions(ctx: ModelContext, hooks: SessionHooks): SessionActions {
  const { state, auth } = ctx;

  function signedIn(agent: AgentSelfView): void {
    state.agent.value = agent;
    state.signInError.value = null;
    state.connection.value = "connecting";
    state.session.value = "signed-in";
    hooks.connect();
  }

  function signedOut(error: string | null): void {
    hooks.disconnect();
    clearSessionData(state);
    state.signInError.value = error;
    state.session.value = "signed-out";
  }

  return {
    async start() {
      const result = await auth.me();
      if (result.ok) signedIn(result.agent);
      else signedOut(result.error === "unauthorized" ? null : signInErrorText(result));
    },
    async signIn(email, password) {
      if (state.signInBusy.value) return;
      state.signInBusy.value = true;
      try {
        const result = await auth.login(email, password);
        if (result.ok) signedIn(result.agent);
        else state.signInError.value = signInErrorText(result);
      } finally {
        state.signInBusy.value = false;
      }
    },
    async signOut() {
      signedOut(null);
      await auth.logout();
    },
    expire() {
      if (state.session.value === "signed-in") signedOut("Your session has ended. Sign in again.");
    },
  };
}
