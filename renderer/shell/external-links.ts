/**
 * Links never replace the app: any link to another origin opens outside it (a new browser
 * tab in browser mode; the desktop shell turns the same request into the system browser,
 * http(s) only). Installed once at start-up as a capturing click handler.
 */
export function keepLinksOutsideTheApp(): void {
  document.addEventListener(
    'click',
    (event) => {
      const anchor = (event.target as Element | null)?.closest?.('a[href]');
      if (!(anchor instanceof HTMLAnchorElement)) return;
      const url = new URL(anchor.href, location.href);
      if (url.origin === location.origin) return;
      event.preventDefault();
      if (url.protocol === 'http:' || url.protocol === 'https:')
        window.open(url.href, '_blank', 'noopener,noreferrer');
    },
    true,
  );
}
