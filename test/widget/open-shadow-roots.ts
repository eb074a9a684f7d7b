// For browser tests: Playwright's locators do not enter *closed* shadow roots, and the loader draws its bubble
// in one on purpose (the host page must not restyle or script it). A test page can open them before any page
// script runs, and then drive the bubble by role and name as a person would:
//
//   await context.addInitScript(OPEN_SHADOW_ROOTS);
//   await page.getByRole("button", { name: "Open chat" }).click();
//   const chat = page.frameLocator('iframe[title="Chat"]');
//
// Only tests do this; it changes nothing the widget relies on.

/** An init script that makes every `attachShadow` on the page create an open shadow root. */
export const OPEN_SHADOW_ROOTS = `(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: "open" }); };
})();`;
