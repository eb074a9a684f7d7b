// Official-account matching, table-driven: what people paste, and what it is.
import { describe, expect, it } from "vitest";
import { explain, ADVICE } from "../../server/selfservice/verify/explain.js";
import { judge } from "../../server/selfservice/verify/judge.js";
import { parseAccount } from "../../server/selfservice/verify/parse.js";
import { channelName, officialEntries, officialRecord, registrableAccount } from "../../server/selfservice/verify/registry.js";
import { core, oneEditApart, skeleton } from "../../server/selfservice/verify/skeleton.js";
import { DEFAULT_CHANNELS } from "../../server/config.js";

const CHANNELS = Object.keys(DEFAULT_CHANNELS);
const REGISTRY: [string, string][] = [
  ["telegram", "@ParleySupport"],
  ["x", "https://x.com/ParleyExchange"],
  ["email", "support@parley.example"],
  ["discord", "https://discord.gg/ParLey42"],
  ["reddit", "https://www.reddit.com/r/ParleyExchange/"],
  ["whatsapp", "+1 555 0100 200"],
  ["instagram", "@parley.exchange"],
  ["youtube", "https://www.youtube.com/@ParleyMarkets"],
  ["tiktok", "@ParleyWorld"],
  ["linkedin", "https://www.linkedin.com/company/parley-exchange"],
  ["facebook", "facebook.com/ParleyOfficialPage"],
];
const entries = officialEntries(
  REGISTRY.map(([channel, handle]) => {
    const ref = registrableAccount(channel, handle, CHANNELS);
    if (typeof ref === "string") throw new Error(ref);
    return officialRecord(channel, handle, ref, null, 0);
  }),
);
const check = (q: string) => {
  const ref = parseAccount(q);
  if (!ref) throw new Error(`nothing parsed from ${q}`);
  return explain(judge(ref, entries), ref.display, channelName);
};

describe("verification: official accounts in every form people paste them", () => {
  it.each([
    ["@ParleySupport", "Telegram"],
    ["parleysupport", "Telegram"],
    ["   @PARLEYSUPPORT  ", "Telegram"],
    ["https://t.me/ParleySupport", "Telegram"],
    ["t.me/parleysupport/", "Telegram"],
    ["http://www.t.me/ParleySupport?start=hello", "Telegram"],
    ["https://telegram.me/ParleySupport#x", "Telegram"],
    ["t.me/s/ParleySupport", "Telegram"],
    ["\uFEFF@ParleySupport", "Telegram"],
    ["x.com/ParleyExchange", "X"],
    ["https://twitter.com/parleyexchange?lang=en", "X"],
    ["https://mobile.twitter.com/ParleyExchange/", "X"],
    ["Support@Parley.Example", "Email"],
    ["mailto:support@parley.example", "Email"],
    ["discord.gg/ParLey42", "Discord"],
    ["https://discord.com/invite/ParLey42", "Discord"],
    ["reddit.com/r/ParleyExchange", "Reddit"],
    ["https://old.reddit.com/r/parleyexchange/", "Reddit"],
    ["wa.me/15550100200", "WhatsApp"],
    ["https://api.whatsapp.com/send?phone=15550100200", "WhatsApp"],
    ["+1 (555) 0100-200", "WhatsApp"],
    ["instagram.com/parley.exchange", "Instagram"],
    ["https://www.instagram.com/Parley.Exchange/", "Instagram"],
    ["youtube.com/@ParleyMarkets", "YouTube"],
    ["https://m.youtube.com/@parleymarkets/videos", "YouTube"],
    ["tiktok.com/@ParleyWorld", "TikTok"],
    ["https://www.linkedin.com/company/parley-exchange/", "LinkedIn"],
    ["https://www.facebook.com/ParleyOfficialPage", "Facebook"],
    ["https://m.facebook.com/parleyofficialpage?ref=bookmarks", "Facebook"],
  ])("%j is official on %s", (q, channel) => {
    const result = check(q);
    expect(result).toMatchObject({ official: true, channel });
    expect(result.imitates).toBeUndefined();
    expect(result.explanation).toMatch(new RegExp(`is an official account on ${channel}\\.`));
  });

  it("says a bare handle is official on its channel only, as in the contract's sentence", () => {
    expect(check("@ParleySupport").explanation).toBe("@ParleySupport is an official account on Telegram. An account with this name anywhere else is not ours.");
    expect(check("https://t.me/ParleySupport").explanation).toBe("@ParleySupport is an official account on Telegram.");
  });
});

describe("verification: lookalikes of official accounts", () => {
  it.each([
    ["zero-width characters inside the name", "@Parley\u200BSupport", "@ParleySupport"],
    ["joiners and a word joiner", "@Parley\u200C\u200DSupport\u2060", "@ParleySupport"],
    ["full-width letters", "＠ＰａｒｌｅｙＳｕｐｐｏｒｔ", "@ParleySupport"],
    ["math-bold letters", "𝐏𝐚𝐫𝐥𝐞𝐲𝐒𝐮𝐩𝐩𝐨𝐫𝐭", "@ParleySupport"],
    ["a YouTube custom URL with the official name", "youtube.com/c/ParleyMarkets", "https://www.youtube.com/@ParleyMarkets"],
    ["a Facebook /pages/ link with the official name", "facebook.com/pages/ParleyOfficialPage/42", "facebook.com/ParleyOfficialPage"],
    ["Cyrillic Р (U+0420)", "@\u0420arleySupport", "@ParleySupport"],
    ["Cyrillic е and о", "@Parl\u0435ySupp\u043Ert", "@ParleySupport"],
    ["Cyrillic Р, а, е, ѕ, р, о", "@\u0420\u0430rl\u0435y\u0455u\u0440\u0440\u043Ert", "@ParleySupport"],
    ["Cyrillic і, Е, х, с", "x.com/Par\u0456ey\u0415\u0445\u0441hange", "https://x.com/ParleyExchange"],
    ["Greek Ρ and α", "@\u03A1\u03B1rleySupport", "@ParleySupport"],
    ["Greek ο and ν", "t.me/Parley\u03BDSupp\u03BFrt", "@ParleySupport"],
    ["capital I for l", "@ParIeySupport", "@ParleySupport"],
    ["digit 1 for l", "@Par1eySupport", "@ParleySupport"],
    ["digit 0 for o", "@ParleySupp0rt", "@ParleySupport"],
    ["digits 3, 5 for e, s", "@Parl3y5upport", "@ParleySupport"],
    ["digit 8 for b… and 4 for a", "@P4rleyExch4nge", "https://x.com/ParleyExchange"],
    ["rn for m", "youtube.com/@ParleyRnarkets", "https://www.youtube.com/@ParleyMarkets"],
    ["vv for w", "@ParleyVVorld", "@ParleyWorld"],
    ["an added underscore", "@Parley_Support", "@ParleySupport"],
    ["added dots", "t.me/Parley.Support", "@ParleySupport"],
    ["an added hyphen", "@parley-support", "@ParleySupport"],
    ["an added “official”", "@ParleySupportOfficial", "@ParleySupport"],
    ["“official” instead of “support”", "@Parley_Official", "@ParleySupport"],
    ["an added “team”", "@TeamParleySupport", "@ParleySupport"],
    ["“help” instead of “support”", "@ParleyHelp", "@ParleySupport"],
    ["a dropped affix", "@Parley", "@ParleySupport"],
    ["one dropped letter", "@ParleySuport", "@ParleySupport"],
    ["one added letter", "@ParleySupportt", "@ParleySupport"],
    ["two swapped letters", "@ParleySupprot", "@ParleySupport"],
    ["one changed letter", "@ParleyExchanje", "https://x.com/ParleyExchange"],
    ["the Telegram handle on X", "https://x.com/ParleySupport", "@ParleySupport"],
    ["an invite code in another letter case", "discord.gg/parley42", "https://discord.gg/ParLey42"],
    ["a user page named like the official subreddit", "reddit.com/u/ParleyExchange", "https://www.reddit.com/r/ParleyExchange/"],
    ["a look-alike mail domain", "support@parley-example.com", "support@parley.example"],
    ["a homoglyph mail domain", "support@pariey.example", "support@parley.example"],
    ["our name on a free mail domain", "parley.help@gmail.com", "@ParleySupport"],
  ])("catches %s (%j) as imitating %s", (_kind, q, imitated) => {
    const result = check(q);
    expect(result.official).toBe(false);
    expect(result.imitates).toBe(imitated);
    expect(result.explanation).toMatch(/is not an official account/);
    expect(result.explanation).toContain(`imitates`);
    expect(result.explanation).toContain(ADVICE);
  });

  it("explains an imitation with the official account it copies", () => {
    expect(check("@ParleySupp0rt")).toEqual({
      official: false,
      channel: "Telegram",
      imitates: "@ParleySupport",
      explanation: `“@ParleySupp0rt” is not an official account: it imitates our official Telegram account @ParleySupport (it uses look-alike characters). ${ADVICE}`,
    });
  });
});

describe("verification: unknown accounts", () => {
  it.each(["@CatPictures", "https://example.org/about", "hello@example.com", "t.me/SomeoneElse", "@Parl", "+44 20 7946 0000", "discord.gg/abc"])(
    "%j is not official and imitates nothing",
    (q) => {
      const result = check(q);
      expect(result.official).toBe(false);
      expect(result.imitates).toBeUndefined();
      expect(result.explanation).toMatch(/is not one of our official accounts\. Never share your password, 2FA codes or private keys/);
      expect(result.explanation).toMatch(/never ask you to move funds/);
    },
  );

  it("finds nothing in empty or invisible input", () => {
    for (const q of ["", "   ", "\u200B\u200C\uFEFF", "@", "mailto:"]) expect(parseAccount(q)).toBeNull();
  });
});

describe("verification building blocks", () => {
  it.each([
    ["ParleySupport", "parleysupport"],
    ["Parl\u0435y_Supp0rt", "parleysupport"],
    ["PARLEY.SUPPORT", "parleysupport"],
    ["Pàrléy", "parley"],
    ["modern", "modem"],
    ["vvorld", "world"],
  ])("skeleton(%j) is %j", (input, expected) => {
    // The expected words are their own skeleton, so the input is compared with a literal.
    expect(skeleton(expected)).toBe(expected);
    expect(skeleton(input)).toBe(skeleton(expected));
  });

  it("gives words that look different different skeletons", () => {
    expect(new Set(["parley", "support", "help", "world", "modem", "mod"].map(skeleton)).size).toBe(6);
    expect(skeleton("vv")).toBe("w");
  });

  it.each([
    ["parleysupport", "parley"],
    ["offlclalparley", "parley"],
    ["theparleyteam", "parley"],
    ["support", "support"],
    ["help", "help"],
  ])("core(skeleton(%j)) is %j", (input, expected) => {
    expect(core(skeleton(input))).toBe(expected);
  });

  it.each([
    ["parley", "parly", true],
    ["parley", "parleyy", true],
    ["parley", "praley", true],
    ["parley", "barley", true],
    ["parley", "parley", false],
    ["parley", "pxrlxy", false],
    ["parley", "par", false],
  ])("oneEditApart(%j, %j) is %s", (a, b, expected) => {
    expect(oneEditApart(a, b)).toBe(expected);
  });

  it.each([
    ["telegram", "https://x.com/ParleySupport", /is a X address, not Telegram/],
    ["email", "@ParleySupport", /is not an email address/],
    ["myspace", "@Parley", /unknown channel "myspace"/],
    ["telegram", "   ", /the handle must be 1 to 200 characters/],
    ["telegram", "@Parley\r\nSupport", /without control characters/],
    ["telegram", "＠ＰａｒｌｅｙＳｕｐｐｏｒｔ", /plain characters/],
  ])("refuses to register on %s the handle %j", (channel, handle, message) => {
    expect(registrableAccount(channel, handle, CHANNELS)).toMatch(message);
  });
});
