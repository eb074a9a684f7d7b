// What the self-service components need, the same in the chat widget and on the standalone pages: the UI
// language and its dictionary, the API, and its configuration (fetched once, on first use).
import { signal, type ReadonlySignal } from "@preact/signals";
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Dictionary } from "../app/i18n/index.js";
import type { SelfServiceApi, SelfServiceConfig } from "./api.js";

/** Build with {@link createSelfService}. */
export interface SelfService {
  language: ReadonlySignal<string>;
  t: ReadonlySignal<Dictionary>;
  api: SelfServiceApi;
  /** The configuration, null until it has arrived. */
  config: ReadonlySignal<SelfServiceConfig | null>;
  /** True when fetching the configuration failed (the forms still work with the server's defaults). */
  configFailed: ReadonlySignal<boolean>;
  /** Fetches the configuration unless it is there or on its way. */
  loadConfig(): void;
}

/** Creates the self-service state for one UI language signal and its dictionary. */
export function createSelfService(api: SelfServiceApi, language: ReadonlySignal<string>, t: ReadonlySignal<Dictionary>): SelfService {
  const config = signal<SelfServiceConfig | null>(null);
  const configFailed = signal(false);
  let loading = false;
  return {
    language,
    t,
    api,
    config,
    configFailed,
    loadConfig() {
      if (loading || config.value) return;
      loading = true;
      void api.config().then((r) => {
        loading = false;
        if (r.ok) [config.value, configFailed.value] = [r.data, false];
        else configFailed.value = true;
      });
    },
  };
}

/** Provides the self-service state to the component tree. */
export const SelfServiceContext = createContext<SelfService | null>(null);

/** The self-service state; throws outside a provider (a programming error). */
export function useSelfService(): SelfService {
  const value = useContext(SelfServiceContext);
  if (!value) throw new Error("useSelfService() outside <SelfServiceContext.Provider>");
  return value;
}
