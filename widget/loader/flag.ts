// The loader's only memory on the host page: whether a chat is going and whether the panel was open, so the
// next page can load the chat at once. Nothing secret: the visitor token lives in the iframe's origin. The one key
// it touches is HOST_STATE_KEY (no allow-listed port here: every byte of the loader counts).
import { withLocalStorage } from "../client/local-storage.js";
import { HOST_STATE_KEY } from "../client/storage.js";

/** `parley.state` in the host page's localStorage. */
export interface HostFlag {
  conv: boolean;
  open: boolean;
}

/** Reads the flag; anything odd (or blocked storage) reads as "no chat". The panel is reopened only while a chat is going. */
export function readFlag(): HostFlag {
  const f = withLocalStorage((s) => JSON.parse(s.getItem(HOST_STATE_KEY)!) as Partial<HostFlag> | null);
  return { conv: f?.conv === true, open: f?.conv === true && f.open === true };
}

/** Writes the flag (dropped when storage is blocked or full). */
export function writeFlag(flag: HostFlag): void {
  withLocalStorage((s) => s.setItem(HOST_STATE_KEY, JSON.stringify(flag)));
}
