// The phone page's inline script: polls the control API once a second, renders the chat with
// textContent only (never innerHTML), and sends taps, texts, pictures, read marks, blocks and clock skips.

export const PHONE_SCRIPT = String.raw`
(function () {
  'use strict';
  var phone = decodeURIComponent(location.pathname.replace(/^\/phone\//, ''));
  var base = '/sandbox/users/' + encodeURIComponent(phone);
  var $ = function (id) { return document.getElementById(id); };
  var chat = $('chat'), select = $('business'), statusEl = $('status');
  var last = '', inbox = null, chosen = null;

  function say(text) { statusEl.textContent = text; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function post(path, body) {
    return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {}) })
      .then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (json) {
          if (!res.ok) throw new Error((json.error && json.error.message) || ('HTTP ' + res.status));
          return json;
        });
      });
  }
  function time(ms) { return new Date(ms).toISOString().slice(11, 16) + ' UTC'; }

  function bubbleFor(m) {
    var li = el('li', 'msg');
    li.dataset.wamid = m.wamid;
    if (m.type === 'text') li.appendChild(el('div', 'text', m.text));
    if (m.type === 'reaction' && m.reaction) {
      li.appendChild(el('div', 'text', m.reaction.emoji ? 'Reacted ' + m.reaction.emoji : 'Removed a reaction'));
    }
    if (m.type === 'image' && m.image) {
      var img = el('img', 'pic');
      img.src = m.image.mediaId ? '/sandbox/media/' + encodeURIComponent(m.image.mediaId) : m.image.link;
      img.alt = m.image.caption || 'Picture';
      li.appendChild(img);
      if (m.image.caption) li.appendChild(el('div', 'text', m.image.caption));
    }
    if (m.type === 'template' && m.template) {
      var hm = m.template.headerMedia;
      if (hm && hm.type === 'image') {
        var himg = el('img', 'pic');
        himg.src = hm.mediaId ? '/sandbox/media/' + encodeURIComponent(hm.mediaId) : hm.link;
        himg.alt = 'Picture at the top of the message';
        li.appendChild(himg);
      }
      if (m.template.header) li.appendChild(el('div', 'tpl-header', m.template.header));
      li.appendChild(el('div', 'text', m.template.body));
      if (m.template.footer) li.appendChild(el('div', 'tpl-footer', m.template.footer));
      var replies = el('div', 'replies');
      m.template.buttons.forEach(function (b) {
        var btn = el('button', '', b.text);
        btn.type = 'button';
        btn.setAttribute('aria-label', 'Reply ' + b.text);
        btn.addEventListener('click', function () {
          post(base + '/messages', { button: { payload: b.payload, text: b.text }, contextId: m.wamid })
            .then(function () { say('You tapped ' + b.text); refresh(); }, function (e) { say(e.message); });
        });
        replies.appendChild(btn);
      });
      if (m.template.buttons.length) li.appendChild(replies);
    }
    if (m.type === 'interactive' && m.interactive) {
      if (m.interactive.header) li.appendChild(el('div', 'tpl-header', m.interactive.header));
      li.appendChild(el('div', 'text', m.interactive.body));
      if (m.interactive.footer) li.appendChild(el('div', 'tpl-footer', m.interactive.footer));
      var opts = el('div', 'replies');
      m.interactive.buttons.forEach(function (b) {
        var btn = el('button', '', b.title);
        btn.type = 'button';
        btn.setAttribute('aria-label', 'Reply ' + b.title);
        btn.addEventListener('click', function () {
          post(base + '/messages', { interactive: { id: b.id, title: b.title }, contextId: m.wamid })
            .then(function () { say('You tapped ' + b.title); refresh(); }, function (e) { say(e.message); });
        });
        opts.appendChild(btn);
      });
      li.appendChild(opts);
    }
    li.appendChild(el('div', 'meta', time(m.timestamp)));
    return li;
  }

  function mineFor(m) {
    var li = el('li', 'msg mine');
    var text = m.type === 'button' ? m.button.text : m.type === 'interactive' ? m.interactive.title : m.text;
    if (m.type === 'image') {
      var img = el('img', 'pic');
      img.src = '/sandbox/media/' + encodeURIComponent(m.image.mediaId);
      img.alt = m.image.caption || 'Your picture';
      li.appendChild(img);
      text = m.image.caption;
    }
    if (text) li.appendChild(el('div', 'text', text));
    li.appendChild(el('div', 'meta', time(m.timestamp) + (m.readByBusiness ? ' \u2713\u2713 read' : ' \u2713\u2713')));
    return li;
  }

  function render() {
    if (!inbox) return;
    $('name').textContent = inbox.user.name;
    $('number').textContent =
      (inbox.user.username ? inbox.user.username + ' · ' : '') +
      inbox.user.phone +
      (inbox.user.phoneHidden ? ' (number hidden from businesses)' : '') +
      (inbox.user.onWhatsApp ? '' : ' (not on WhatsApp)');
    if (!select.options.length) {
      inbox.numbers.forEach(function (n) {
        var o = el('option', '', n.displayPhoneNumber);
        o.value = n.phoneNumberId;
        select.appendChild(o);
      });
    }
    if (!chosen) {
      var lastMsg = inbox.messages[inbox.messages.length - 1];
      chosen = lastMsg ? lastMsg.from.phoneNumberId : (inbox.numbers[0] && inbox.numbers[0].phoneNumberId);
    }
    select.value = chosen;
    var blocked = inbox.user.blocked.indexOf(chosen) >= 0;
    $('block').textContent = blocked ? 'Unblock' : 'Block';
    $('block').setAttribute('aria-pressed', String(blocked));
    var items = [];
    inbox.messages.forEach(function (m) {
      if (m.from.phoneNumberId === chosen && m.onPhone) items.push({ t: m.timestamp, node: bubbleFor(m) });
    });
    inbox.sent.forEach(function (m) {
      if (m.to.phoneNumberId === chosen) items.push({ t: m.timestamp, node: mineFor(m) });
    });
    items.sort(function (a, b) { return a.t - b.t; });
    chat.replaceChildren.apply(chat, items.map(function (i) { return i.node; }));
    chat.scrollTop = chat.scrollHeight;
  }

  function refresh() {
    return fetch(base + '/messages').then(function (res) { return res.json(); }).then(function (json) {
      var text = JSON.stringify(json);
      if (text === last) return;
      last = text;
      inbox = json;
      render();
    }, function () { say('Sandbox not reachable'); });
  }

  select.addEventListener('change', function () { chosen = select.value; render(); });
  $('composer').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var input = $('text');
    var text = input.value;
    if (!text.trim()) return;
    post(base + '/messages', { text: text, to: chosen }).then(function () {
      input.value = '';
      say('Sent');
      refresh();
    }, function (e) { say(e.message); });
  });
  $('picture').addEventListener('change', function () {
    var file = this.files && this.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var data = String(reader.result);
      var caption = $('text').value.trim();
      var image = { base64: data.slice(data.indexOf(',') + 1), mimeType: file.type };
      if (caption) image.caption = caption;
      post(base + '/messages', { image: image, to: chosen }).then(function () {
        $('text').value = '';
        $('picture').value = '';
        say('Picture sent');
        refresh();
      }, function (e) { say(e.message); });
    };
    reader.readAsDataURL(file);
  });
  $('read').addEventListener('click', function () {
    post(base + '/read', { phoneNumberId: chosen }).then(function (r) { say(r.read + ' marked read'); refresh(); }, function (e) { say(e.message); });
  });
  $('block').addEventListener('click', function () {
    var action = $('block').getAttribute('aria-pressed') === 'true' ? 'unblock' : 'block';
    post(base + '/' + action, { phoneNumberId: chosen }).then(function () { say(action === 'block' ? 'Blocked' : 'Unblocked'); refresh(); }, function (e) { say(e.message); });
  });
  $('skip').addEventListener('click', function () {
    post('/sandbox/clock', { advanceMs: 86400000 }).then(function (r) { say('Clock is now ' + r.now); refresh(); }, function (e) { say(e.message); });
  });

  refresh();
  setInterval(refresh, 1000);
})();
`;
