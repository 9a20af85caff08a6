import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyTheme, initialTheme } from './app/theme';
import './ui/tokens.css';
import './ui/base.css';
import './ui/components.css';

// Before the first render, so the page never flashes in the other theme.
applyTheme(initialTheme(), false);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
