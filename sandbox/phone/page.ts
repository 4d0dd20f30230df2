// HTML and CSS of the phone page (`GET /phone/{phone}`): a WhatsApp-like chat where a person plays the
// customer. The page embeds no user data: the script reads the phone from the URL and renders every
// text with textContent (S3).

import { PHONE_SCRIPT } from './script';

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const STYLE = `
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.4 system-ui, sans-serif; background: #e5ddd5; color: #111b21; }
  main { max-width: 480px; margin: 0 auto; min-height: 100vh; display: flex; flex-direction: column; background: #efeae2; }
  header { background: #075e54; color: #fff; padding: 10px 14px; }
  header h1 { font-size: 17px; margin: 0; }
  header p { margin: 2px 0 0; font-size: 13px; opacity: .9; }
  .bar { display: flex; flex-wrap: wrap; gap: 6px; padding: 8px 10px; background: #f0f2f5; align-items: center; }
  .bar label { font-size: 13px; }
  button { font: inherit; border: 1px solid #0b6e4f; background: #fff; color: #0b6e4f; border-radius: 16px; padding: 4px 12px; cursor: pointer; }
  button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #1f6feb; outline-offset: 2px; }
  ol#chat { list-style: none; margin: 0; padding: 12px; flex: 1; overflow-y: auto; display: flex; flex-direction: column; gap: 6px; }
  li.msg { max-width: 85%; padding: 6px 9px; border-radius: 8px; background: #fff; box-shadow: 0 1px 1px rgba(0,0,0,.12); white-space: pre-wrap; word-wrap: break-word; }
  li.mine { align-self: flex-end; background: #d9fdd3; }
  .meta { font-size: 11px; color: #54656f; margin-top: 2px; text-align: right; }
  .tpl-header { font-weight: 600; }
  .tpl-footer { font-size: 12px; color: #54656f; }
  .replies { display: flex; gap: 6px; flex-wrap: wrap; margin-top: 6px; }
  .replies button { flex: 1; }
  img.pic { max-width: 100%; border-radius: 6px; display: block; }
  form#composer { display: flex; gap: 6px; padding: 8px 10px; background: #f0f2f5; }
  form#composer input[type=text] { flex: 1; padding: 8px 12px; border-radius: 18px; border: 1px solid #c7ccd1; font: inherit; }
  form#composer input[type=file] { max-width: 7.5rem; font-size: 12px; align-self: center; }
  #status { min-height: 1.4em; padding: 0 12px 8px; font-size: 13px; background: #f0f2f5; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`;

export function phonePage(phone: string): string {
  const title = escapeHtml(`Phone ${phone} — Greenline sandbox`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
  <header>
    <h1 id="name">Phone</h1>
    <p id="number"></p>
  </header>
  <div class="bar">
    <label for="business">Chat with</label>
    <select id="business" aria-label="Chat with business number"></select>
    <button type="button" id="read">Mark as read</button>
    <button type="button" id="block" aria-pressed="false">Block</button>
    <button type="button" id="skip">Skip 24 hours</button>
  </div>
  <ol id="chat" role="log" aria-live="polite" aria-label="Messages"></ol>
  <div id="status" role="status" aria-live="polite"></div>
  <form id="composer">
    <label for="text" class="visually-hidden">Message</label>
    <input type="text" id="text" name="text" autocomplete="off" placeholder="Message" aria-label="Message">
    <button type="submit" id="send">Send</button>
    <label for="picture" class="visually-hidden">Send a picture</label>
    <input type="file" id="picture" accept="image/jpeg,image/png" aria-label="Send a picture">
  </form>
</main>
<script>${PHONE_SCRIPT}</script>
</body>
</html>`;
}
