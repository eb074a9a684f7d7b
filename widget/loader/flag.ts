// The loader's only memory on the host page: whether a chat is going and whether the panel was open, so the
// next page can load the chat at once. Nothing secret: the visitor token lives in the iframe's origin.
import { HOST_STATE_KEY, readJson, writeJson, type StoragePort } from "../client/storage.js";

/** `parley.state` in the host page's localStorage. */
export interface HostFlag {
  conv: boolean;
  open: boolean;
}

/** Reads the flag; anything odd reads as "no chat". The panel is reopened only while a chat is going. */
export function readFlag(storage: StoragePort): HostFlag {
  const f = readJson(storage, HOST_STATE_KEY) as Partial<HostFlag> | null;
  return { conv: f?.conv === true, open: f?.conv === true && f.open === true };
}

/** Writes the flag. */
export function writeFlag(storage: StoragePort, flag: HostFlag): void {
  writeJson(storage, HOST_STATE_KEY, flag);
}
