import { ApiKeysCard } from "./api-keys-card";
import { OAuthAppCard } from "./oauth-app-card";

export function SettingsPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1 className="page-title">Settings</h1>
          <p className="page-subtitle">Your organisation&apos;s access to the Flowgate API.</p>
        </div>
      </div>
      <ApiKeysCard />
      <OAuthAppCard />
    </>
  );
}
