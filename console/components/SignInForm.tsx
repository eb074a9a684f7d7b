// The sign-in form. The browser's own validation is off so every problem shows in the same alert.
import { useSignal } from "@preact/signals";
import { useConsole } from "./use-console.js";

/** Email and password form; errors go to a `role="alert"` paragraph. */
export function SignInForm() {
  const { signInError, signInBusy, actions } = useConsole();
  const email = useSignal("");
  const password = useSignal("");
  const missing = useSignal(false);

  function submit(event: Event) {
    event.preventDefault();
    missing.value = email.value.trim() === "" || password.value === "";
    if (!missing.value) void actions.signIn(email.value.trim(), password.value);
  }

  const error = missing.value ? "Enter your email and password." : signInError.value;
  return (
    <main class="signin">
      <form class="signin-card" noValidate onSubmit={submit} aria-busy={signInBusy.value}>
        <h1>Parley console</h1>
        <p class="muted">Sign in to answer chats.</p>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <label for="signin-email">Email</label>
        <input
          id="signin-email"
          type="email"
          autoComplete="username"
          value={email.value}
          onInput={(e) => (email.value = e.currentTarget.value)}
        />
        <label for="signin-password">Password</label>
        <input
          id="signin-password"
          type="password"
          autoComplete="current-password"
          value={password.value}
          onInput={(e) => (password.value = e.currentTarget.value)}
        />
        <button type="submit" class="primary">
          Sign in
        </button>
      </form>
    </main>
  );
}
