import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { SetupError } from "./data-dir";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
];
const HELP =
  "Install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`) or Google Chrome, or set CHROME_PATH to a Chromium-based browser.";

function onPath(name: string): string | undefined {
  const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

function findChromium(): string | undefined {
  if (process.env.CHROME_PATH) return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : undefined;
  return CANDIDATES.find((c) => existsSync(c)) ?? onPath("chromium") ?? onPath("google-chrome");
}

/** Playwright cannot download its browser offline, so e2e runs in the system's Chromium (apt-installed as root). */
export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROME_PATH)
    throw new SetupError(`CHROME_PATH is set to ${process.env.CHROME_PATH}, which does not exist. ${HELP}`);
  if (process.getuid?.() === 0 && onPath("apt-get")) {
    console.log("Installing Debian's chromium for the end-to-end tests (apt-get)…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update"], { stdio: "inherit", env });
    const install = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], {
      stdio: "inherit",
      env,
    });
    if (install.status === 0 && findChromium()) return findChromium() as string;
  }
  throw new SetupError(`The end-to-end tests need Chromium and none was found. ${HELP}`);
}
