// Ties the model to the page: the document title shows the unread total, and the tab's visibility
// decides whether messages in the open conversation count as read.
import { effect } from "@preact/signals";
import { documentTitle } from "./format.js";
import type { ConsoleModel } from "./model/index.js";

/** Starts keeping the title and visibility in step with the model; returns a function that stops it. */
export function bindPage(model: ConsoleModel): () => void {
  const stopTitle = effect(() => {
    document.title = documentTitle(model.unreadTotal.value);
  });
  const onVisibility = () => model.actions.setPageVisible(document.visibilityState === "visible");
  document.addEventListener("visibilitychange", onVisibility);
  onVisibility();
  return () => {
    stopTitle();
    document.removeEventListener("visibilitychange", onVisibility);
  };
}
