import { useEffect, useRef } from "preact/hooks";
import { format } from "../i18n/index.js";
import { useModel } from "../model/context.js";

/** Length as the server counts it: code points. */
export const textLength = (text: string): number => [...text].length;

interface Props {
  id: string;
  value: string;
  onInput(value: string): void;
  /** Enter without Shift (and not while composing with an IME). */
  onSubmit(): void;
  /** Keep the label for assistive technology only. */
  hideLabel?: boolean;
}

/** The "Message" text box: Enter sends, Shift+Enter is a new line, a counter appears near the limit. */
export function MessageBox({ id, value, onInput, onSubmit, hideLabel }: Props) {
  const { t, maxLength, focusRequest, visible } = useModel();
  const ref = useRef<HTMLTextAreaElement>(null);
  const request = focusRequest.value;
  useEffect(() => {
    // Only while this frame has focus (the visitor opened the panel): a panel restored on page load must not
    // pull the keyboard away from the page.
    const nothingFocused = !document.activeElement || document.activeElement === document.body;
    if (visible.peek() && document.hasFocus() && (request > 0 || nothingFocused)) ref.current?.focus();
  }, [request]);

  const max = maxLength.value;
  const count = textLength(value);
  const over = count - max;
  const showCounter = count > max * 0.8;
  return (
    <div class="message-box">
      <label for={id} class={hideLabel ? "sr-only" : "label"}>
        {t.value.message}
      </label>
      <textarea
        id={id}
        ref={ref}
        rows={2}
        dir="auto"
        value={value}
        placeholder={t.value.placeholder}
        aria-invalid={over > 0 ? "true" : undefined}
        aria-describedby={showCounter ? `${id}-count` : undefined}
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key !== "Enter" || e.shiftKey || e.isComposing) return;
          e.preventDefault();
          onSubmit();
        }}
      />
      {showCounter && (
        <p id={`${id}-count`} class={over > 0 ? "counter counter--over" : "counter"} aria-live="polite">
          {over > 0 ? format(t.value.tooLong, { over }) : format(t.value.counter, { count, max })}
        </p>
      )}
    </div>
  );
}
