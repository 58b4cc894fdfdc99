// Keeps a conversation current without reloading: new messages appear as
// they arrive, and sending does not reload the page. Without this script
// the page works the same with plain links and a form POST.
(function () {
  'use strict';
  var thread = document.getElementById('thread');
  var form = document.getElementById('reply');
  if (!thread || !thread.dataset.live || !window.fetch) return;
  var base = thread.dataset.live;
  var busy = false;
  var delay = 10000;

  function part(p) {
    if (!p.href || !/^https?:\/\//i.test(p.href)) return document.createTextNode(p.text);
    var a = document.createElement('a');
    a.href = p.href;
    a.rel = 'nofollow noopener noreferrer';
    a.target = '_blank';
    a.textContent = p.text;
    return a;
  }

  function render(m) {
    if (document.getElementById('m' + m.id)) return;
    var li = document.createElement('li');
    li.className = 'message' + (m.mine ? ' is-mine' : '');
    li.id = 'm' + m.id;
    var meta = document.createElement('p');
    meta.className = 'message-meta';
    var who = document.createElement('span');
    who.className = 'visually-hidden';
    who.textContent = m.mine ? thread.dataset.you : thread.dataset.other;
    var time = document.createElement('time');
    time.dateTime = m.iso;
    time.textContent = m.at;
    meta.appendChild(who);
    meta.appendChild(document.createTextNode(' '));
    meta.appendChild(time);
    var body = document.createElement('div');
    body.className = 'message-body';
    m.paragraphs.forEach(function (para) {
      var p = document.createElement('p');
      para.lines.forEach(function (line, i) {
        if (i > 0) p.appendChild(document.createElement('br'));
        line.forEach(function (piece) {
          p.appendChild(part(piece));
        });
      });
      body.appendChild(p);
    });
    li.appendChild(meta);
    li.appendChild(body);
    thread.appendChild(li);
    thread.dataset.after = m.id;
  }

  function refresh() {
    if (busy) return Promise.resolve();
    busy = true;
    return fetch(base + encodeURIComponent(thread.dataset.after), {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    })
      .then(function (res) {
        return res.ok ? res.json() : { messages: [] };
      })
      .then(function (data) {
        data.messages.forEach(render);
      })
      .catch(function () {})
      .then(function () {
        busy = false;
      });
  }

  function tick() {
    var next = document.hidden ? delay * 6 : delay;
    refresh().then(function () {
      setTimeout(tick, next);
    });
  }
  setTimeout(tick, delay);

  if (form) {
    form.addEventListener('submit', function (event) {
      var text = form.elements.body;
      if (!text || !text.value.trim()) return;
      event.preventDefault();
      var button = form.querySelector('button[type="submit"]');
      if (button) button.disabled = true;
      fetch(form.action, {
        method: 'POST',
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        body: new URLSearchParams(new FormData(form)),
      })
        .then(function (res) {
          if (res.status !== 201) throw new Error(String(res.status));
          text.value = '';
          return refresh();
        })
        .catch(function () {
          // Let the server show what went wrong, the way it does without script.
          form.submit();
        })
        .then(function () {
          if (button) button.disabled = false;
          text.focus();
        });
    });
  }
})();
