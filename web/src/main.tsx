// first: the opening screen's requests go out before the rest of the app is evaluated
import './boot/first-screen';
// before any schema is used
import './api/zod-setup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { openingScreenReady } from './layout/routes';
import { parseLocation } from './router/location';
import './styles.css';

// The boot script started loading the opening screen's code; rendering once it is there shows the screen at once
// rather than a spinner first (see layout/routes.tsx).
const root = document.getElementById('root');
performance.mark('otklik:app');
if (root) {
  const { path, params } = parseLocation(window.location.hash.replace(/^#/, ''));
  void openingScreenReady(path, params).then(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
