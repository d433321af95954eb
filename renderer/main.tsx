/** Renderer entry: mounts the app once the page has loaded. */
// The theme and the shared pieces load first, so each view's stylesheet can refine them.
import './shell/theme.css';
import './shell/layout.css';
import './shell/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { keepLinksOutsideTheApp } from './shell/external-links';

// The token moved into an HttpOnly cookie on first load; keep it out of history and screenshots.
if (new URLSearchParams(location.search).has('token')) history.replaceState(null, '', location.pathname);
keepLinksOutsideTheApp();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
