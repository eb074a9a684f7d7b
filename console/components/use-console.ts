// Hands the console model to components.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { ConsoleModel } from "../model/index.js";

/** Provides the console model to the component tree. */
export const ConsoleContext = createContext<ConsoleModel | null>(null);

/** The console model of the surrounding provider. */
export function useConsole(): ConsoleModel {
  const model = useContext(ConsoleContext);
  if (!model) throw new Error("useConsole() needs a <ConsoleContext.Provider> around it");
  return model;
}
