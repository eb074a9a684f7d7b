import { format, type Dictionary } from "../../app/i18n/index.js";
import { useSelfService } from "../context.js";
import { filesError, megabytes, type FileKinds } from "../validation.js";
import { Field } from "./Field.js";
import { limitsOf } from "./limits.js";

const ACCEPT: Record<FileKinds, string> = {
  images: "image/png,image/jpeg,image/gif,image/webp",
  imagesAndPdf: "image/png,image/jpeg,image/gif,image/webp,application/pdf",
};

interface Props {
  id: string;
  kinds: FileKinds;
  files: readonly File[];
  onChange(files: File[]): void;
  /** The server's (or the submit check's) word on the files, if any. */
  error?: string | undefined;
  /** Changes to empty the input (after a successful send). */
  resetKey?: number;
}

/** The label and hint of each kind of file field. */
function wording(d: Dictionary, kinds: FileKinds, limits: { maxFiles: number; maxFileBytes: number }) {
  return kinds === "images"
    ? { label: d.screenshots, hint: format(d.screenshotsHint, { max: limits.maxFiles }) }
    : { label: d.attachments, hint: format(d.attachmentsHint, { max: limits.maxFiles, size: megabytes(limits.maxFileBytes) }) };
}

/**
 * "Attachments" (images and PDF) or "Screenshots" (images): a file input that names what is wrong with the choice at
 * once, within the configured limits (the server checks again).
 */
export function FileField({ id, kinds, files, onChange, error, resetKey }: Props) {
  const { t, config } = useSelfService();
  const d = t.value;
  const limits = limitsOf(config.value);
  // What is wrong with the files chosen now; the server's word only while nothing is.
  const text = filesError(d, files, limits, kinds) || (error ?? "");
  const { label, hint } = wording(d, kinds, limits);
  return (
    <Field id={id} label={label} hint={hint} error={text}>
      {(aria) => <input key={resetKey} {...aria} type="file" multiple accept={ACCEPT[kinds]} onChange={(e) => onChange(Array.from(e.currentTarget.files ?? []))} />}
    </Field>
  );
}
