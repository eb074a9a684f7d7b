// The "Official accounts" section (admins): the registry customers check handles against, and its form.
import { OfficialForm } from "./OfficialForm.js";
import { OfficialRow } from "./OfficialRow.js";
import { ServerErrorBox } from "./ServerErrorBox.js";
import { useConsole } from "./use-console.js";

/** The registry list and the form to add to it; for other roles, a sentence saying who may. */
export function OfficialsPage() {
  const { officials, settings } = useConsole();
  if (!officials.allowed.value) {
    return (
      <main class="page" aria-labelledby="officials-title">
        <h2 id="officials-title">Official accounts</h2>
        <p>Only admins can manage official accounts.</p>
      </main>
    );
  }
  const accounts = officials.accounts.value;
  const channelName = (id: string) => settings.value.channels.find((c) => c.id === id)?.name ?? id;
  return (
    <main class="page" aria-labelledby="officials-title" aria-busy={officials.loading.value}>
      <h2 id="officials-title">Official accounts</h2>
      <p class="muted">Customers can check a handle, address or link against this list before they trust it.</p>
      <OfficialForm />
      <ServerErrorBox error={officials.error.value} />
      {accounts === null ? (
        officials.loading.value && <p class="muted">Loading accounts…</p>
      ) : accounts.length === 0 ? (
        <p class="muted">No official accounts registered yet.</p>
      ) : (
        <table class="registry">
          <caption class="sr-only">Registered official accounts</caption>
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Handle</th>
              <th scope="col">Note</th>
              <th scope="col">Added</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <OfficialRow key={account.id} account={account} channelName={channelName(account.channel)} />
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
