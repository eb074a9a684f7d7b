// Profile URLs of the channels Parley knows: which channel a host is, and which account a path names. Pure.

/** Hosts (without www./m./… prefixes) and their channel. */
const HOSTS: Record<string, string> = {
  "t.me": "telegram",
  "telegram.me": "telegram",
  "telegram.dog": "telegram",
  "x.com": "x",
  "twitter.com": "x",
  "instagram.com": "instagram",
  "instagr.am": "instagram",
  "facebook.com": "facebook",
  "fb.com": "facebook",
  "fb.me": "facebook",
  "youtube.com": "youtube",
  "tiktok.com": "tiktok",
  "linkedin.com": "linkedin",
  "reddit.com": "reddit",
  "discord.gg": "discord",
  "discord.com": "discord",
  "discordapp.com": "discord",
  "wa.me": "whatsapp",
  "whatsapp.com": "whatsapp",
};

const PREFIXES = /^(?:www|m|mobile|old|new|api|web|mbasic)\./;

/** The account a profile URL names: a kind where the channel has several ("r" and "u" on Reddit), and its id. */
export interface ProfilePath {
  kind: string | null;
  id: string;
  /** Ids of this kind differ by letter case (invite codes, YouTube channel ids). */
  caseSensitive: boolean;
  /** The name a person sees, where the id has more in it (a Facebook /pages/ link: the page's name). */
  name?: string;
}

/** The host without its www./m. prefix, lower-cased. */
export const bareHost = (host: string): string => {
  let h = host.toLowerCase().replace(/\.$/, "");
  while (PREFIXES.test(h)) h = h.replace(PREFIXES, "");
  return h;
};

/** The channel of a host, or null for a host Parley does not know. */
export const channelOfHost = (host: string): string | null => HOSTS[bareHost(host)] ?? null;

const plain = (id: string | undefined): ProfilePath | null => (id ? { kind: null, id: id.replace(/^@/, ""), caseSensitive: false } : null);
const of = (kind: string, id: string | undefined, caseSensitive = false): ProfilePath | null => (id ? { kind, id, caseSensitive } : null);

/** The account named by `segments` (the URL's path split on "/") and `query` on `channel`; null when none. */
export function profilePath(channel: string, segments: string[], query: URLSearchParams): ProfilePath | null {
  const [first, second] = segments;
  switch (channel) {
    case "telegram":
      if (first === "joinchat") return of("invite", second, true);
      if (first?.startsWith("+")) return of("invite", first.slice(1), true);
      return plain(first === "s" ? second : first);
    case "facebook":
      if (first === "profile.php") return of("id", query.get("id") ?? undefined);
      // facebook.com/pages/<name>/<number>: the number is the page; anyone can put any name before it.
      if ((first === "pages" || first === "people") && second !== undefined) {
        const page = of(first, segments.slice(1).join("/"));
        return page && { ...page, name: second };
      }
      return plain(first);
    case "youtube":
      if (first === "channel") return of("channel", second, true);
      // Custom (/c/) and legacy user (/user/) URLs are other accounts than the @handle of the same name.
      if (first === "c" || first === "user") return of(first, second);
      return first?.startsWith("@") ? plain(first) : of("c", first);
    case "linkedin":
      return first === "in" || first === "company" || first === "school" || first === "showcase" ? of(first === "in" ? "in" : "company", second) : null;
    case "reddit":
      if (first === "r") return of("r", second);
      return first === "u" || first === "user" ? of("u", second) : null;
    case "discord":
      return of("invite", first === "invite" ? second : first, true);
    case "whatsapp": {
      const phone = first === "send" || first === undefined ? query.get("phone") ?? undefined : first;
      return phone ? of("phone", phone.replace(/\D/g, "")) : null;
    }
    default:
      return plain(first);
  }
}
