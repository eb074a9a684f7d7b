// The password comes from standard input, never from argv: only its first line is read.
import { PASSWORD } from "./agent-fields.js";

/** The first line of `input` without its line ending ("" when the input is empty). */
export async function readFirstLine(input: NodeJS.ReadableStream): Promise<string> {
  input.setEncoding("utf8");
  let text = "";
  for await (const chunk of input) {
    text += String(chunk);
    const end = text.indexOf("\n");
    if (end >= 0) return text.slice(0, end).replace(/\r$/, "");
    // Stop early on endless input without a newline; checkPassword rejects the over-long result.
    if (text.length > PASSWORD.max * 4) break;
  }
  return text.replace(/\r$/, "");
}
