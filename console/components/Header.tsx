// The top bar: the sections, who is signed in, their status, the connection, and signing out.
import type { ConnectionState } from "../model/index.js";
import { AlertControls } from "./AlertControls.js";
import { KeyboardShortcuts } from "./KeyboardShortcuts.js";
import { SectionNav } from "./SectionNav.js";
import { StatusControl } from "./StatusControl.js";
import { useConsole } from "./use-console.js";
import { shown } from "../format.js";

const CONNECTION_TEXT: Record<ConnectionState, string> = {
  offline: "Offline",
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Reconnecting…",
};

/** The console header. */
export function Header() {
  const { agent, connection, actions } = useConsole();
  const state = connection.value;
  return (
    <header class="topbar">
      <span class="brand">Parley</span>
      <SectionNav />
      <span class="agent-name">
        <bdi>{shown(agent.value?.name ?? "")}</bdi>
      </span>
      <StatusControl />
      <AlertControls />
      <KeyboardShortcuts />
      <span class={`connection connection--${state}`} role="status">
        {CONNECTION_TEXT[state]}
      </span>
      <button type="button" class="quiet" onClick={() => void actions.signOut()}>
        Sign out
      </button>
    </header>
  );
}
