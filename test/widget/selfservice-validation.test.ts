import { describe, expect, it } from "vitest";
import { de } from "../../widget/app/i18n/de.js";
import { en } from "../../widget/app/i18n/en.js";
import { checkFiles, fileProblemText, isEmail, issuesByField, isValid, megabytes, validateFeedback, validateTicket } from "../../widget/selfservice/validation.js";

const LIMITS = { maxFiles: 2, maxFileBytes: 1024 * 1024 };
const file = (name: string, type: string, size = 1000) => ({ name, type, size });

describe("self-service checks in the browser", () => {
  it.each([
    ["ada@example.com", true],
    ["  ada@example.com ", true],
    ["ada.l+chat@mail.example.co.uk", true],
    ["ada@example", false],
    ["ada example.com", false],
    ["@example.com", false],
    ["ada@@example.com", false],
    ["ada@exa mple.com", false],
    ["", false],
  ])("%j is an email: %s", (value, ok) => {
    expect(isEmail(value)).toBe(ok);
  });

  it.each([
    ["a PNG and a PDF", [file("a.png", "image/png"), file("b.pdf", "application/pdf")], "imagesAndPdf", []],
    ["a JPEG without a declared type", [file("photo.JPG", "")], "images", []],
    ["three files where two are allowed", [file("a.png", "image/png"), file("b.png", "image/png"), file("c.png", "image/png")], "imagesAndPdf", [{ code: "tooMany", max: 2 }]],
    ["a file over the size limit", [file("big.png", "image/png", 2 * 1024 * 1024)], "imagesAndPdf", [{ code: "tooLarge", name: "big.png", maxBytes: 1024 * 1024 }]],
    ["an executable", [file("setup.exe", "application/x-msdownload")], "imagesAndPdf", [{ code: "notAllowed", name: "setup.exe" }]],
    ["a PDF where only images go", [file("doc.pdf", "application/pdf")], "images", [{ code: "notImage", name: "doc.pdf" }]],
    ["an SVG (scriptable, so not an image here)", [file("x.svg", "image/svg+xml")], "images", [{ code: "notImage", name: "x.svg" }]],
  ] as const)("%s", (_title, files, kinds, problems) => {
    expect(checkFiles(files, LIMITS, kinds)).toEqual(problems);
  });

  it("names file problems in the UI language", () => {
    expect(fileProblemText(en, { code: "tooLarge", name: "big.png", maxBytes: 10 * 1024 * 1024 })).toBe("big.png is larger than 10 MB.");
    expect(fileProblemText(de, { code: "tooMany", max: 5 })).toBe("Wählen Sie höchstens 5 Dateien.");
    expect(megabytes(1.5 * 1024 * 1024)).toBe("1.5");
  });

  it("requires email, subject and description of a ticket, and a category when there are categories", () => {
    const empty = { email: "", category: "", subject: " ", description: "" };
    expect(validateTicket(en, empty, true)).toEqual({ email: en.fieldRequired, category: en.fieldRequired, subject: en.fieldRequired, description: en.fieldRequired });
    expect(validateTicket(en, empty, false).category).toBeUndefined();
    expect(validateTicket(en, { email: "ada@", category: "Billing", subject: "Card", description: "Declined" }, true)).toEqual({ email: en.invalidEmail });
    expect(isValid(validateTicket(en, { email: "ada@example.com", category: "Billing", subject: "Card", description: "Declined" }, true))).toBe(true);
  });

  it("requires a rating for feedback and checks an email only when one is given", () => {
    expect(validateFeedback(en, { rating: 0, email: "" })).toEqual({ rating: en.chooseRating });
    expect(validateFeedback(en, { rating: 5, email: "nope" })).toEqual({ email: en.invalidEmail });
    expect(isValid(validateFeedback(en, { rating: 3, email: "" }))).toBe(true);
  });

  it("puts the server's issues next to their fields", () => {
    const issues = [
      { path: "email", message: "Invalid email." },
      { path: "files.1", message: "b.exe is not allowed." },
      { path: "files", message: "Too many files." },
      { path: "", message: "Something else." },
    ];
    expect(issuesByField(issues)).toEqual({ email: "Invalid email.", files: "b.exe is not allowed. Too many files." });
  });
});
