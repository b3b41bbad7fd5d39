import type { WizardFormValues } from "./form-values";

// Connect with Intercom leaves the page for Intercom's consent screen; the wizard's unsaved form
// waits in sessionStorage (this tab only) and is restored when the browser comes back.

const keyFor = (scope: string) => `flowgate:wizard-draft:${scope}`;

export function saveWizardDraft(scope: string, values: WizardFormValues): void {
  try {
    window.sessionStorage.setItem(keyFor(scope), JSON.stringify(values));
  } catch {
    // Storage full or disabled: the wizard then comes back with its defaults, nothing else breaks.
  }
}

/** The saved draft, removed as it is read. */
export function takeWizardDraft(scope: string): WizardFormValues | undefined {
  try {
    const text = window.sessionStorage.getItem(keyFor(scope));
    window.sessionStorage.removeItem(keyFor(scope));
    return text ? (JSON.parse(text) as WizardFormValues) : undefined;
  } catch {
    return undefined;
  }
}

export function wizardDraftScope(data: { destinationId?: string; nexset: { id: string } }): string {
  return data.destinationId ? `destination:${data.destinationId}` : `nexset:${data.nexset.id}`;
}
