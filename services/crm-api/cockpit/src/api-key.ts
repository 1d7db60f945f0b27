/** Where the API key is kept for this tab (the link that opens the cockpit may carry it as `#key=…`). */
const STORAGE_KEY = 'jobpipe-api-key';

/**
 * The API key of this tab. A key in the address (`/app#key=jp_…`) is taken into the tab's storage and
 * out of the address bar and history, so it is not shared by copying the link of a view.
 */
export function initialApiKey(): string {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#\/?/, ''));
  const fromLink = fragment.get('key');
  if (fromLink) {
    sessionStorage.setItem(STORAGE_KEY, fromLink);
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/inbox`);
  }
  return sessionStorage.getItem(STORAGE_KEY) ?? '';
}

/** Keeps the key the user typed for this tab. */
export function rememberApiKey(key: string): void {
  if (key) sessionStorage.setItem(STORAGE_KEY, key);
  else sessionStorage.removeItem(STORAGE_KEY);
}
