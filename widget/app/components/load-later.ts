// The later module (later.ts) with its stylesheet: the page names the stylesheet in a
// <meta name="parley-later-css"> (server/http/pages.ts); it is linked the first time the module is wanted, and the
// module counts as loaded once both are in (a failed stylesheet does not hold the chat: it is then drawn unstyled).
let styles: Promise<void> | null = null;

function laterStyles(): Promise<void> {
  return (styles ??= new Promise<void>((resolve) => {
    const href = document.querySelector<HTMLMetaElement>('meta[name="parley-later-css"]')?.content;
    if (!href) return resolve();
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.onload = link.onerror = () => resolve();
    document.head.append(link);
  }));
}

export const loadLater = () => Promise.all([import("./later.js"), laterStyles()]).then(([module]) => module);
