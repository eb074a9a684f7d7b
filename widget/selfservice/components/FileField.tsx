import type { Dictionary } from "../../app/i18n/index.js";
import { checkFiles, fileProblemText, type FileKinds } from "../validation.js";
import { Field } from "./Field.js";

const ACCEPT: Record<FileKinds, string> = {
  images: "image/png,image/jpeg,image/gif,image/webp",
  imagesAndPdf: "image/png,image/jpeg,image/gif,image/webp,application/pdf",
};

interface Props {
  id: string;
  label: string;
  hint: string;
  kinds: FileKinds;
  limits: { maxFiles: number; maxFileBytes: number };
  files: readonly File[];
  onChange(files: File[]): void;
  /** The server's (or the submit check's) word on the files, if any. */
  error?: string | undefined;
  t: Dictionary;
  /** Changes to empty the input (after a successful send). */
  resetKey?: number;
}

/** A file input that names what is wrong with the choice at once (the server checks again). */
export function FileField({ id, label, hint, kinds, limits, files, onChange, error, t, resetKey }: Props) {
  // What is wrong with the files chosen now; the server's word only while nothing is.
  const problems = checkFiles(files, limits, kinds).map((p) => fileProblemText(t, p));
  const text = problems.length ? problems.join(" ") : (error ?? "");
  return (
    <Field id={id} label={label} hint={hint} error={text}>
      {(aria) => <input key={resetKey} {...aria} type="file" multiple accept={ACCEPT[kinds]} onChange={(e) => onChange(Array.from(e.currentTarget.files ?? []))} />}
    </Field>
  );
}
