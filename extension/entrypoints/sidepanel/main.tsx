// The conversation panel: Chrome's side panel, or the same page in its own tab (`?contact=`).
import { render } from 'preact';

render(
  <main>
    <h1>Greenline</h1>
  </main>,
  document.getElementById('app') as HTMLElement,
);
