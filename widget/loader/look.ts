// The admins' look for the bubble ("<#rrggbb> <left|right>"), written into /widget.js by the server in place of the
// marker (server/http/loader.ts). The file read any other way keeps the marker, which reads as no look.

/** What the server replaces, quotes included, in the built loader: it must stay the only use of this string. */
export const LOOK_MARKER = "%PARLEY_LOOK%";
