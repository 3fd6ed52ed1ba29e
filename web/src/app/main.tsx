import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import '../base.css';
import './app.css';

// On paper every number keeps its definition beside it: open the definitions while printing.
const opened: HTMLDetailsElement[] = [];
window.addEventListener('beforeprint', () => {
  for (const details of document.querySelectorAll<HTMLDetailsElement>('details.definition:not([open])')) {
    details.open = true;
    opened.push(details);
  }
});
window.addEventListener('afterprint', () => {
  for (const details of opened.splice(0)) details.open = false;
});

const root = document.getElementById('root');
if (root !== null) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
