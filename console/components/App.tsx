// The console's root: a sign-in form, or the workspace of a signed-in agent.
import { SignInForm } from "./SignInForm.js";
import { useConsole } from "./use-console.js";
import { Workspace } from "./Workspace.js";

/** The whole console. */
export function App() {
  const { session } = useConsole();
  if (session.value === "checking") {
    return (
      <main class="splash">
        <p role="status">Loading…</p>
      </main>
    );
  }
  return session.value === "signed-in" ? <Workspace /> : <SignInForm />;
}
