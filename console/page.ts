// Ties the model to the page: the document title shows the unread total, the tab's visibility decides
// whether messages in the open conversation count as read, and the location hash picks the section.
import { effect } from "@preact/signals";
import { documentTitle } from "./format.js";
import type { ConsoleModel } from "./model/index.js";
import { parseRoute } from "./model/route.js";

/** Starts keeping the title, visibility and section in step with the model; returns a function that stops it. */
export function bindPage(model: ConsoleModel): () => void {
  const stopTitle = effect(() => {
    document.title = documentTitle(model.unreadTotal.value);
  });
  const onVisibility = () => model.actions.setPageVisible(document.visibilityState === "visible");
  document.addEventListener("visibilitychange", onVisibility);
  onVisibility();
  const onHash = () => model.actions.navigate(parseRoute(location.hash));
  window.addEventListener("hashchange", onHash);
  onHash();
  return () => {
    stopTitle();
    document.removeEventListener("visibilitychange", onVisibility);
    window.removeEventListener("hashchange", onHash);
  };
}
