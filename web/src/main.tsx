// first: the opening screen's requests go out before the rest of the app is evaluated
import './boot/first-screen';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { preloadScreen } from './layout/routes';
import { parseLocation } from './router/location';
import './styles.css';

preloadScreen(parseLocation(window.location.hash.replace(/^#/, '')).path); // its code loads while React starts

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
