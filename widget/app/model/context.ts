// The model reaches components through context, so components stay free of globals and testable.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Model } from "./model.js";

/** Provides the model to the component tree. */
export const ModelContext = createContext<Model | null>(null);

/** The model; throws when a component is rendered outside a provider (a programming error). */
export function useModel(): Model {
  const model = useContext(ModelContext);
  if (!model) throw new Error("useModel() outside <ModelContext.Provider>");
  return model;
}
