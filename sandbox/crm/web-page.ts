// A company's own web page with phone numbers on it, not a CRM: where the extension's "any page"
// action can be tried locally once a person allows it in the options (B18, the generic adapter).
// Served at /web/team, outside /crm, so only the generic content script reads it. The numbers are
// written the ways people write them (a tel: link, national and international text, European
// groupings); an order reference and a date are there too, and get no action.

const STYLE =
  'body { font: 15px/1.5 system-ui, sans-serif; max-width: 760px; margin: 24px auto; padding: 0 16px; color: #1f2933; } ' +
  'section { border: 1px solid #d9dee3; border-radius: 8px; padding: 4px 16px; margin: 12px 0; } a { color: #0b4f8a; }';

export function demoWebPage(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Our team — Johnson Outdoor Supplies</title>
<style>${STYLE}</style></head>
<body>
<main>
<h1>Our team</h1>
<p>A company web page, not a CRM: with "Show the WhatsApp action on any page with phone numbers" on in
Greenline's options, each number below gets the green action.</p>
<section><h2>Samuel Johnson</h2><p>Purchasing</p><p>Phone: <a href="tel:+14155550101">+1 415-555-0101</a></p></section>
<section><h2>Maria Garcia</h2><p>Customer care</p><p>Call us on +1 (415) 555-0102</p></section>
<section><h2>Ana Souza</h2><p>São Paulo office</p><p>Celular: +55 11 91234-5678</p></section>
<section><h2>Harriet Shaw</h2><p>London office</p><p>Mobile: +44 7911 123456</p></section>
<section><h2>Orders</h2><p>Reference 2024-555-0123, shipped on 12.05.2024</p></section>
</main>
</body>
</html>`;
}
