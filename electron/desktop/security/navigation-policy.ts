/**
 * Pure decisions behind the desktop shell's navigation rules (Electron security
 * checklist items 12–14): the window may only show the app's own origin; links to the web
 * open in the system browser, http(s) only; everything else is refused. Kept free of
 * Electron so the tricky inputs are unit-tested.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'assay';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export type NavigationDecision = 'allow' | 'open-external' | 'deny';

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for URLs of the app's own origin, exactly (no look-alike hosts or credentials). */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** True for plain web links a person may open in their browser. */
export function isExternalWebUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    (parsed.protocol === 'https:' || parsed.protocol === 'http:') &&
    parsed.hostname !== '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** What to do when the page tries to navigate the window to `url`. */
export function decideNavigation(url: string): NavigationDecision {
  if (isAppUrl(url)) return 'allow';
  return 'deny';
}

/** What to do when the page asks for a new window: never a new Electron window. */
export function decideWindowOpen(url: string): NavigationDecision {
  return isExternalWebUrl(url) ? 'open-external' : 'deny';
}

/**
 * Whether an IPC message comes from the app's own top-level page. A frame of any other
 * origin (an injected iframe, a navigated page) is refused.
 */
export function isTrustedSender(frameUrl: string | null | undefined, isMainFrame: boolean): boolean {
  return isMainFrame && typeof frameUrl === 'string' && isAppUrl(frameUrl);
}
