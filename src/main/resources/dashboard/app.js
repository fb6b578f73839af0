// Glimpse live attention dashboard. No framework, no build step, no CDN.
// Every string that comes from a request (ids, texts, tokens) is written with textContent or
// as an attribute value through the DOM API, never parsed as HTML, so markup in a sentence
// shows as text and never runs.
'use strict';

(function () {
  const MAX_ITEMS = 500;
  const MAX_LISTED = 200;

  const items = new Map();      // request id -> attention view (the newest record for that id)
  let order = [];               // request ids, newest first
  let selectedId = null;
  let pending = [];             // live events that arrive while the history is still loading

  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  // Spaces and control characters are invisible as table headers: show a visible stand-in.
  const visible = (token) => (token === ' ' ? '␣' : token === '\n' ? '⏎' : token === '\t' ? '⇥' : token);

  function add(view) {
    if (!items.has(view.id)) order.unshift(view.id);
    else order = [view.id].concat(order.filter((id) => id !== view.id));
    items.set(view.id, view);
    while (order.length > MAX_ITEMS) items.delete(order.pop());
    if ($('follow').checked || selectedId === null) select(view.id);
    renderList();
  }

  function matches(view, needle) {
    if (!needle) return true;
    const source = view.sourceTokens.join('').toLowerCase();
    const target = view.targetTokens.join('').toLowerCase();
    return view.id.toLowerCase().includes(needle) || source.includes(needle) || target.includes(needle);
  }

  function renderList() {
    const needle = $('filter').value.trim().toLowerCase();
    const list = $('recent');
    const rows = [];
    for (const id of order) {
      const view = items.get(id);
      if (!matches(view, needle)) continue;
      const li = el('li');
      li.dataset.id = id;
      if (id === selectedId) li.classList.add('selected');
      li.appendChild(el('span', 'rid', id));
      li.appendChild(el('span', 'rtext', view.sourceTokens.join('') + '  →  ' + view.targetTokens.join('')));
      li.addEventListener('click', () => { $('follow').checked = false; select(id); renderList(); });
      rows.push(li);
      if (rows.length >= MAX_LISTED) break;
    }
    list.replaceChildren(...rows);
  }

  function select(id) {
    selectedId = id;
    const view = items.get(id);
    if (!view) return;
    $('empty').hidden = true;
    $('selected').hidden = false;
    $('sel-id').textContent = view.id;
    $('sel-source').textContent = view.sourceTokens.join('');
    $('sel-target').textContent = view.targetTokens.join('');
    $('sel-model').textContent = view.modelName + ' ' + view.modelVersion;
    $('sel-entropy').textContent = Number(view.meanEntropy).toFixed(3) + ' nats';
    renderHeatmap(view);
  }

  function colour(weight) {
    const w = Math.max(0, Math.min(1, weight));
    return 'hsl(220, 70%, ' + (97 - w * 67).toFixed(1) + '%)';
  }

  function renderHeatmap(view) {
    const table = $('heatmap');
    table.dataset.id = view.id;
    const head = el('tr');
    head.appendChild(el('th', 'corner', ''));
    view.sourceTokens.forEach((token, col) => {
      const th = el('th', 'col', visible(token));
      th.dataset.col = String(col);
      head.appendChild(th);
    });
    const thead = el('thead');
    thead.appendChild(head);
    const tbody = el('tbody');
    view.targetTokens.forEach((target, row) => {
      const tr = el('tr');
      const th = el('th', 'row', visible(target));
      th.dataset.row = String(row);
      tr.appendChild(th);
      view.weights[row].forEach((weight, col) => {
        const td = el('td');
        const label = '"' + visible(target) + '" ← "' + visible(view.sourceTokens[col]) + '": ' + weight.toFixed(4);
        td.title = label;
        td.dataset.weight = String(weight);
        td.dataset.row = String(row);
        td.dataset.col = String(col);
        td.style.backgroundColor = colour(weight);
        td.addEventListener('mouseenter', () => hover(table, row, col, label));
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    table.replaceChildren(thead, tbody);
    $('cell-info').textContent = '';
  }

  function hover(table, row, col, label) {
    table.querySelectorAll('th.active').forEach((th) => th.classList.remove('active'));
    const colHead = table.querySelector('th.col[data-col="' + col + '"]');
    const rowHead = table.querySelector('th.row[data-row="' + row + '"]');
    if (colHead) colHead.classList.add('active');
    if (rowHead) rowHead.classList.add('active');
    $('cell-info').textContent = 'output ' + label.replace(' ← ', ' ← input ');
  }

  async function refreshSummary() {
    try {
      const response = await fetch('api/summary');
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const s = await response.json();
      $('stat-translations').textContent = String(s.translations);
      $('stat-rate').textContent = s.perSecond.toFixed(2);
      $('stat-entropy').textContent = s.translations ? s.meanEntropy.toFixed(3) : '–';
      $('stat-dlq').textContent = String(s.deadLetters);
      const reasons = Object.entries(s.deadLettersByReason || {}).map(([r, n]) => r + ': ' + n).join('\n');
      $('stat-dlq').title = reasons || 'no dead letters';
    } catch (e) {
      console.warn('summary refresh failed', e);
    }
  }

  function connect() {
    const status = $('connection');
    const source = new EventSource('api/stream');
    source.addEventListener('open', () => { status.textContent = 'live'; status.className = 'connection live'; });
    source.addEventListener('error', () => { status.textContent = 'reconnecting…'; status.className = 'connection down'; });
    source.addEventListener('attention', (event) => {
      const view = JSON.parse(event.data);
      if (pending) pending.push(view); else add(view);
    });
  }

  async function start() {
    $('filter').addEventListener('input', renderList);
    connect(); // first, so nothing published while the history loads is missed
    try {
      const response = await fetch('api/recent?limit=' + MAX_LISTED);
      const recent = await response.json();
      recent.reverse().forEach(add); // oldest first, so the newest ends on top
    } catch (e) {
      console.warn('loading recent items failed', e);
    }
    const live = pending;
    pending = null;
    live.forEach(add);
    refreshSummary();
    setInterval(refreshSummary, 2000);
    document.body.dataset.ready = 'true';
  }

  start();
})();
