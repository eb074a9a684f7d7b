import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { retrying } from "../../client/backoff.js";
import { useModel } from "../model/context.js";

/**
 * A component whose code is fetched the first time it is drawn (the Help, Feedback and Verify tabs, the end of a chat: not needed to
 * chat, so not in the chat's first download). Says "Loading…" meanwhile (unless `sayLoading` is false: nothing); a failed fetch is retried.
 */
export function lazy<P extends object>(load: () => Promise<ComponentType<P>>, sayLoading = true): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  return function Lazy(props: P) {
    const { t } = useModel();
    const [Component, setComponent] = useState(() => loaded);
    useEffect(() => {
      if (Component) return;
      let live = true;
      void (loading ??= retrying(load).then((c) => (loaded = c))).then((c) => live && setComponent(() => c));
      return () => void (live = false);
    }, []);
    return Component ? (
      <Component {...props} />
    ) : !sayLoading ? null : (
      <p class="loading" role="status">
        {t.value.loading}
      </p>
    );
  };
}
