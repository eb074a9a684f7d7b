// Short entity tags. Express's default (`W/"<length>-<27 base64 characters>"`) costs ~45 bytes on every JSON answer;
// 72 bits of a SHA-1 tell a changed answer at one URL from the same one just as well.
import { createHash } from "node:crypto";

/** A weak ETag for a response body (express's `etag` setting; also the loader's). */
export const shortEtag = (body: string | Uint8Array): string => `W/"${createHash("sha1").update(body).digest("base64url").slice(0, 12)}"`;
