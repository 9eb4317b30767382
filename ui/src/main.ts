// The page's entry, small so it runs at once: it asks the first screen's questions while the app's
// script (window.ts, a chunk of its own, preloaded by the page's head) loads, and opens the app
// when both are in — so the first layout is that screen, not placeholders (a slow answer shows
// them after a quarter of a second).
import './app.css';
import { askFirst, firstAnswers } from './lib/first';

askFirst();
Promise.all([import('./window'), firstAnswers(250)])
  .then(([app]) => app.open())
  .catch((err: unknown) => {
    document.body.textContent = `Keyledger could not open its window: ${String(err)}`;
  });
