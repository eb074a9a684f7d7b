// The "Official accounts" section (admins): the registry customers check handles against, and its form.
import { OfficialForm } from "./OfficialForm.js";
import { OfficialRow } from "./OfficialRow.js";
import { RegistryPage } from "./RegistryPage.js";
import { useConsole } from "./use-console.js";

const COLUMNS = ["Channel", "Handle", "Note", "Added"];

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
    <RegistryPage
      id="officials"
      title="Official accounts"
      intro="Customers can check a handle, address or link against this list before they trust it."
      loading={officials.loading.value}
      error={officials.error.value}
      top={<OfficialForm />}
      count={accounts?.length ?? null}
      loadingText="Loading accounts…"
      emptyText="No official accounts registered yet."
      caption="Registered official accounts"
      columns={COLUMNS}
    >
      {accounts?.map((account) => (
        <OfficialRow key={account.id} account={account} channelName={channelName(account.channel)} />
      ))}
    </RegistryPage>
  );
}
