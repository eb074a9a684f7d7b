// Checks made in the browser before sending, for friendly messages at once. The server decides: it checks
// everything again (file types by their bytes, not by name or declared type).
import { format, type Dictionary } from "../app/i18n/index.js";
import type { Issue } from "./api.js";

/** A file as the checks see it (a `File` is one). */
export interface FileLike {
  name: string;
  size: number;
  type: string;
}

/** Which files a field takes. */
export type FileKinds = "imagesAndPdf" | "images";

/** What is wrong with a choice of files. */
export type FileProblem =
  | { code: "tooMany"; max: number }
  | { code: "tooLarge"; name: string; maxBytes: number }
  | { code: "notAllowed"; name: string }
  | { code: "notImage"; name: string };

const IMAGE = /^image\/(png|jpeg|gif|webp)$/;
const IMAGE_NAME = /\.(png|jpe?g|gif|webp)$/i;
const PDF_NAME = /\.pdf$/i;

/** Whether a file looks like an image (or PDF) by its declared type or, when there is none, its name. */
function looksLike(file: FileLike, kinds: FileKinds): boolean {
  const image = file.type ? IMAGE.test(file.type) : IMAGE_NAME.test(file.name);
  const pdf = file.type ? file.type === "application/pdf" : PDF_NAME.test(file.name);
  return image || (kinds === "imagesAndPdf" && pdf);
}

/** Every problem with a choice of files against the limits; empty when it looks fine. */
export function checkFiles(files: readonly FileLike[], limits: { maxFiles: number; maxFileBytes: number }, kinds: FileKinds): FileProblem[] {
  const problems: FileProblem[] = [];
  if (files.length > limits.maxFiles) problems.push({ code: "tooMany", max: limits.maxFiles });
  for (const file of files) {
    if (!looksLike(file, kinds)) problems.push({ code: kinds === "images" ? "notImage" : "notAllowed", name: file.name });
    else if (file.size > limits.maxFileBytes) problems.push({ code: "tooLarge", name: file.name, maxBytes: limits.maxFileBytes });
  }
  return problems;
}

/** Megabytes for people: 10485760 → "10", 1572864 → "1.5". */
export const megabytes = (bytes: number): string => String(Math.round((bytes / 1048576) * 10) / 10);

/** A file problem as text in the UI language. */
export function fileProblemText(t: Dictionary, p: FileProblem): string {
  switch (p.code) {
    case "tooMany":
      return format(t.tooManyFiles, { max: p.max });
    case "tooLarge":
      return format(t.fileTooLarge, { name: p.name, size: megabytes(p.maxBytes) });
    case "notAllowed":
      return format(t.fileNotAllowed, { name: p.name });
    case "notImage":
      return format(t.fileNotImage, { name: p.name });
  }
}

/** Every problem with a choice of files as one text in the UI language, or "" when there is none. */
export function filesError(t: Dictionary, files: readonly FileLike[], limits: { maxFiles: number; maxFileBytes: number }, kinds: FileKinds): string {
  return checkFiles(files, limits, kinds)
    .map((p) => fileProblemText(t, p))
    .join(" ");
}

/** A plausible email address (one @, a dot in the domain, no spaces); the server has the final word. */
export const isEmail = (value: string): boolean => /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value.trim());

/** Field name → problem text. */
export type FieldErrors = Partial<Record<string, string>>;

/** The ticket form's own checks. */
export function validateTicket(t: Dictionary, v: { email: string; category: string; subject: string; description: string }, needsCategory: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (!v.email.trim()) errors.email = t.fieldRequired;
  else if (!isEmail(v.email)) errors.email = t.invalidEmail;
  if (needsCategory && !v.category) errors.category = t.fieldRequired;
  if (!v.subject.trim()) errors.subject = t.fieldRequired;
  if (!v.description.trim()) errors.description = t.fieldRequired;
  return errors;
}

/** The feedback form's own checks: a rating, and a well-formed email when one is given. */
export function validateFeedback(t: Dictionary, v: { rating: number; email: string }): FieldErrors {
  const errors: FieldErrors = {};
  if (!(v.rating >= 1 && v.rating <= 5)) errors.rating = t.chooseRating;
  if (v.email.trim() && !isEmail(v.email)) errors.email = t.invalidEmail;
  return errors;
}

/** The server's issues by field: `files.0` and `files` both belong to `files`; issues without a path are left out. */
export function issuesByField(issues: readonly Issue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path.split(/[.[\]]/)[0];
    if (field) errors[field] = errors[field] ? `${errors[field]} ${issue.message}` : issue.message;
  }
  return errors;
}

/** Whether there is no error at all. */
export const isValid = (errors: FieldErrors): boolean => Object.values(errors).every((e) => !e);
