// The site-facing API on `window.Parley`, and the stub queue a site can fill before widget.js has loaded:
//   window.Parley = window.Parley || { q: [] };  Parley.q.push(["identify", { name: "Ada" }]);

/** Events a site can listen to with `Parley.on`. */
export type ApiEvent = "open" | "close" | "unread" | "ready";
type Listener = (value?: number) => void;

/** The actions behind the API. */
export interface ApiMethods {
  open(): void;
  close(): void;
  toggle(): void;
  setLanguage(code: string): void;
  identify(who: { name?: string; email?: string; id?: string; hash?: string }): void;
}

/** `window.Parley` once the loader has run. */
export interface ParleyApi extends ApiMethods {
  /** Loader API version. */
  v: 1;
  /** Listens to an event. `ready` fires at once if it already has. */
  on(event: ApiEvent, handler: Listener): void;
  /** Calls queued before the loader ran, and `push` for calls at any time: `["open"]`, `["on", "unread", fn]`. */
  q: { push(call: unknown): void };
}

/** Builds the API over the loader's actions, replays the stub's queue, and returns an `emit` for the loader. */
export function createApi(methods: ApiMethods, stub: unknown): { api: ParleyApi; emit(event: ApiEvent, value?: number): void } {
  const subs: [string, Listener][] = [];
  const names = [...Object.keys(methods), "on"];
  let ready = false;
  const api: ParleyApi = {
    v: 1,
    ...methods,
    on(event, fn) {
      if (typeof fn != "function") return;
      subs.push([event, fn]);
      if (event == "ready" && ready) fn();
    },
    q: {
      push(call) {
        if (Array.isArray(call) && names.includes(call[0])) (api[call[0] as keyof ApiMethods] as (...a: unknown[]) => void)(...call.slice(1));
      },
    },
  };
  const queued = (stub as { q?: unknown } | null)?.q;
  if (Array.isArray(queued)) queued.forEach(api.q.push);
  return {
    api,
    emit(event, value) {
      ready ||= event == "ready";
      for (const [name, fn] of subs) {
        try {
          if (name == event) fn(value);
        } catch {
          // A site's handler must not break the widget.
        }
      }
    },
  };
}
