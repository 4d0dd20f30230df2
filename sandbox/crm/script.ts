// The inline script of every demo CRM page: it behaves like the CRMs' single-page apps, which is what
// the extension must survive (B18). "Next/Previous record" push a new URL and render the other record
// without a page load; "Refresh view" replaces the record's subtree with fresh nodes, as React and
// LWC do. In "cache" mode (Salesforce, Pipedrive) the previous view stays in the DOM, hidden, as the
// real CRMs keep it. Records come from <template>s rendered (and escaped) by the server.

export const DEMO_CRM_SCRIPT = `
(function () {
  var body = document.body;
  var crm = body.getAttribute('data-demo-crm');
  var root = document.getElementById('demo-record-root');
  var templates = Array.prototype.slice.call(document.querySelectorAll('template[data-record-path]'));
  var cache = body.getAttribute('data-demo-mode') === 'cache';
  var index = Number(body.getAttribute('data-demo-index'));
  var prefix = '/crm/' + crm;
  var base = location.pathname.indexOf(prefix + '/') === 0 ? prefix : '';
  function at(i) { return (i + templates.length) % templates.length; }
  function hrefOf(i) { return base + templates[at(i)].getAttribute('data-record-path'); }
  function fresh(i) { return document.importNode(templates[i].content, true); }
  function isShown(view) { return view.style.display !== 'none'; }
  function setLinks() {
    document.querySelector('[data-demo-nav="prev"]').setAttribute('href', hrefOf(index - 1));
    document.querySelector('[data-demo-nav="next"]').setAttribute('href', hrefOf(index + 1));
  }
  function showCached(i) {
    var views = Array.prototype.slice.call(root.children);
    views.filter(function (v) { return !isShown(v); }).forEach(function (v) { v.remove(); });
    views.filter(isShown).forEach(function (v) { v.style.display = 'none'; v.classList.remove('active'); });
    root.appendChild(fresh(i));
  }
  function render(i, navigating) {
    document.title = templates[i].getAttribute('data-record-title');
    if (cache && navigating) showCached(i);
    else if (cache) Array.prototype.slice.call(root.children).filter(isShown).forEach(function (v) { v.replaceWith(fresh(i)); });
    else root.replaceChildren(fresh(i));
    index = i;
    setLinks();
  }
  function follow(step) {
    return function (event) {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      var next = at(index + step);
      history.pushState({ demoIndex: next }, '', hrefOf(next));
      render(next, true);
    };
  }
  document.querySelector('[data-demo-nav="prev"]').addEventListener('click', follow(-1));
  document.querySelector('[data-demo-nav="next"]').addEventListener('click', follow(1));
  document.querySelector('[data-demo-refresh]').addEventListener('click', function () { render(index, false); });
  window.addEventListener('popstate', function () {
    if (!root.isConnected) return;
    var here = location.pathname + location.search;
    for (var i = 0; i < templates.length; i++) if (hrefOf(i) === here) return render(i, true);
  });
  setLinks();
})();
`;
