// One-line text a person typed (a name, a subject, a file name) as shown to someone else: shared by the widget and
// the console, so both neutralise bidi controls the same way. Render the result inside <bdi> (isolated, direction
// from its own text).

// Bidi embedding, override and isolate controls and directional marks.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/**
 * A name, subject or file name as shown: every bidi control replaced by a visible "�", so "Mia\u202Egnp.exe"
 * cannot pass for "Miaexe.png".
 */
export function shown(text: string): string {
  return text.replace(BIDI_CONTROLS, "\uFFFD");
}
