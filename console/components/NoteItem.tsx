// One internal note in the transcript: marked "Internal note", visually distinct, text rendered as text.
import type { NoteView } from "../../server/protocol/index.js";
import { formatTime, shown } from "../format.js";

/** A transcript entry for an internal note. */
export function NoteItem({ note }: { note: NoteView }) {
  return (
    <li class="message message--note" aria-label={`Internal note by ${shown(note.authorName)}`}>
      <div class="message-meta">
        <span class="note-badge">Internal note</span>
        <bdi class="message-author">{shown(note.authorName)}</bdi>
        <time dateTime={new Date(note.at).toISOString()}>{formatTime(note.at)}</time>
      </div>
      <p class="message-text" dir="auto">
        {note.text}
      </p>
    </li>
  );
}
