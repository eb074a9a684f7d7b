import type { Dictionary } from "../../app/i18n/index.js";
import { Face } from "./Face.js";

const STEPS = [
  { score: 1, key: "rating1" },
  { score: 2, key: "rating2" },
  { score: 3, key: "rating3" },
  { score: 4, key: "rating4" },
  { score: 5, key: "rating5" },
] as const satisfies readonly { score: number; key: keyof Dictionary }[];

interface Props {
  legend: string;
  value: number;
  onChange(score: number): void;
  t: Dictionary;
  /** An id to describe the group with (an error). */
  describedBy?: string | undefined;
}

/** Five toggle buttons from Terrible (1) to Fantastic (5), one pressed at a time. */
export function RatingSteps({ legend, value, onChange, t, describedBy }: Props) {
  return (
    <fieldset class="rating__steps" aria-describedby={describedBy}>
      <legend class="rating__title">{legend}</legend>
      {STEPS.map((step) => (
        <button key={step.score} type="button" class="rating__step" aria-pressed={value === step.score} onClick={() => onChange(step.score)}>
          <Face score={step.score} />
          <span>{t[step.key]}</span>
        </button>
      ))}
    </fieldset>
  );
}
