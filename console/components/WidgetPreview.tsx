// A drawing of the widget with the chosen colour, side and greeting (the real widget is not loaded).

/** The bubble and an open panel's header; the text is the greeting as the customer would read it. */
export function WidgetPreview({ color, position, greeting }: { color: string; position: "right" | "left"; greeting: string }) {
  const side = position === "left" ? { left: "16px" } : { right: "16px" };
  return (
    <figure class="official-form" aria-labelledby="preview-title">
      <figcaption id="preview-title">
        <strong>Preview</strong> <span class="muted">(bottom {position} of the page)</span>
      </figcaption>
      <div class="widget-preview">
        <div class="preview-panel" style={side}>
          <div class="preview-header" style={{ background: color, color: "#fff" }}>
            Chat with us
          </div>
          <p class="preview-body" dir="auto">
            {greeting.trim() || "Hello! Ask us anything — we answer in your language."}
          </p>
        </div>
        <div class="preview-bubble" style={{ ...side, background: color }} aria-hidden="true" />
      </div>
    </figure>
  );
}
