/** Renderer entry: mounts the app once the page has loaded. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { keepLinksOutsideTheApp } from './shell/external-links';
import './styles.css';

// The token moved into an HttpOnly cookie on first load; keep it out of history and screenshots.
if (new URLSearchParams(location.search).has('token')) history.replaceState(null, '', location.pathname);
keepLinksOutsideTheApp();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
