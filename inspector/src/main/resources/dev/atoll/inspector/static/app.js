// The Atoll inspector's page. Every value reaches the page through textContent or a form field's value,
// never as HTML, so a stored "<script>" shows as text. No eval, no inline script (the page's CSP forbids both).
'use strict';
(function () {
  const token = new URLSearchParams(location.search).get('token') || '';
  const CUT = 80;          // characters of a value shown in the table before "more"
  const PAGE = 50;
  const state = {
    instances: [], editing: false, instance: null, collection: null, schema: null,
    offset: 0, total: 0, detailId: null, events: null, refreshTimer: null,
  };
  const $ = (id) => document.getElementById(id);

  function url(path, params) {
    const q = new URLSearchParams(params || {});
    q.set('token', token);
    return path + '?' + q.toString();
  }

  async function getJson(path, params) {
    const response = await fetch(url(path, params), { cache: 'no-store' });
    const body = await response.json().catch(() => ({ error: response.status + ' ' + response.statusText }));
    if (!response.ok) throw new Error(body.error || String(response.status));
    return body;
  }

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function size(bytes) {
    if (bytes < 1024) return bytes + ' B';
    if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' KB';
    return (bytes / 1024 / 1024).toFixed(1) + ' MB';
  }

  // ---- instances and collections ----
  async function loadInstances() {
    const data = await getJson('/api/instances');
    state.instances = data.instances;
    state.editing = data.editing;
    $('mode').textContent = data.atRest ? 'at rest, read-only' : (data.editing ? 'editing on' : 'read-only');
    const box = $('instances');
    box.replaceChildren();
    for (const inst of data.instances) {
      const div = el('div', null, 'instance');
      div.dataset.instance = inst.name;
      div.append(el('div', inst.name, 'instance-name'));
      div.append(el('div', 'version ' + inst.version + ' · ' + size(inst.fileSize), 'instance-meta'));
      const meta = div.lastChild;
      meta.dataset.role = 'meta';
      meta.title = inst.directory;
      for (const c of inst.collections) {
        const b = el('button', null, 'collection-link');
        b.type = 'button';
        b.dataset.instance = inst.name;
        b.dataset.collection = c.name;
        b.append(el('span', c.name, 'name'), el('span', c.count, 'count'));
        if (inst.name === state.instance && c.name === state.collection) b.classList.add('selected');
        b.addEventListener('click', () => openCollection(inst.name, c.name));
        div.append(b);
      }
      box.append(div);
    }
  }

  // ---- a collection: schema, query builder, table ----
  function paths(properties, prefix, out, sortable) {
    for (const p of properties) {
      const path = prefix + p.name;
      const list = p.type.startsWith('LIST');
      if (p.embedded && !list) paths(p.embedded, path + '.', out, sortable);
      else if (p.embedded && list) { if (!sortable) out.push(path); }
      else if (!(sortable && list)) out.push(path);
    }
    return out;
  }

  function options(select, values, blank) {
    select.replaceChildren();
    if (blank !== undefined) select.append(new Option(blank, ''));
    for (const v of values) select.append(new Option(v, v));
  }

  async function openCollection(instance, collection) {
    state.instance = instance;
    state.collection = collection;
    state.offset = 0;
    closeDetail();
    for (const b of document.querySelectorAll('.collection-link')) {
      b.classList.toggle('selected', b.dataset.instance === instance && b.dataset.collection === collection);
    }
    const schema = await getJson('/api/schema', { instance, collection });
    state.schema = schema;
    $('hint').hidden = true;
    $('collection').hidden = false;
    $('collection-title').textContent = instance + ' / ' + collection;
    renderSchema(schema);
    const all = [schema.idProperty].concat(paths(schema.properties, '', [], false));
    options($('where-prop'), [schema.idProperty].concat(schema.indexes.map((i) => i.name)), '(no where clause)');
    options($('sort-prop'), [schema.idProperty].concat(paths(schema.properties, '', [], true)), '(id order)');
    state.filterPaths = all;
    $('filters').replaceChildren();
    await loadTable();
  }

  function renderSchema(schema) {
    const body = $('schema-properties').tBodies[0];
    body.replaceChildren();
    const idRow = el('tr');
    idRow.append(el('td', schema.idProperty + ' (id)'), el('td', 'LONG'), el('td', 'no'));
    body.append(idRow);
    const add = (props, depth) => {
      for (const p of props) {
        const tr = el('tr');
        const name = el('td', p.name, depth ? 'indent' + Math.min(depth, 3) : '');
        const type = p.values ? p.type + ' {' + p.values.join(', ') + '}' : p.type;
        tr.append(name, el('td', type), el('td', p.nullable ? 'yes' : 'no'));
        body.append(tr);
        if (p.embedded) add(p.embedded, depth + 1);
      }
    };
    add(schema.properties, 0);
    const ib = $('schema-indexes').tBodies[0];
    ib.replaceChildren();
    for (const i of schema.indexes) {
      const tr = el('tr');
      tr.append(el('td', i.name), el('td', i.properties.join(', ')), el('td', i.kind));
      ib.append(tr);
    }
    if (!schema.indexes.length) {
      const tr = el('tr');
      tr.append(el('td', '(no index)'), el('td', ''), el('td', ''));
      ib.append(tr);
    }
  }

  function addFilter(path, op, value) {
    const row = el('div', null, 'line filter');
    const label = el('label', 'filter');
    const p = el('select'); p.className = 'filter-prop';
    options(p, state.filterPaths);
    const o = el('select'); o.className = 'filter-op';
    for (const [v, t] of [['eq', 'equalTo'], ['ne', 'not equalTo'], ['gt', 'greaterThan'], ['ge', 'greaterOrEqual'],
      ['lt', 'lessThan'], ['le', 'lessOrEqual'], ['contains', 'contains'], ['containsIgnoreCase', 'contains (ignore case)'],
      ['startsWith', 'startsWith'], ['endsWith', 'endsWith'], ['matches', 'matches (* ?)'], ['isNull', 'isNull'],
      ['isNotNull', 'isNotNull'], ['isEmpty', 'isEmpty (list)'], ['lengthEq', 'length equalTo (list)']]) {
      o.append(new Option(t, v));
    }
    const v = el('input'); v.className = 'filter-value'; v.placeholder = 'value';
    const x = el('button', '×'); x.type = 'button'; x.className = 'filter-remove';
    x.addEventListener('click', () => row.remove());
    if (path) p.value = path;
    if (op) o.value = op;
    if (value !== undefined) v.value = value;
    row.append(label, p, o, v, x);
    $('filters').append(row);
  }

  function queryParams() {
    const q = {};
    const params = new URLSearchParams();
    params.set('instance', state.instance);
    params.set('collection', state.collection);
    if ($('where-prop').value) {
      params.set('wp', $('where-prop').value);
      params.set('wo', $('where-op').value);
      params.set('wv', $('where-value').value);
      params.set('wv2', $('where-value2').value);
    }
    for (const row of document.querySelectorAll('#filters .filter')) {
      params.append('fp', row.querySelector('.filter-prop').value);
      params.append('fo', row.querySelector('.filter-op').value);
      params.append('fv', row.querySelector('.filter-value').value);
    }
    if ($('sort-prop').value) {
      params.set('sp', $('sort-prop').value);
      params.set('sd', $('sort-dir').value);
    }
    for (const [k, v] of params) { if (!(k in q)) q[k] = v; }
    return params;
  }

  async function loadTable() {
    if (!state.collection) return;
    const params = queryParams();
    const exportParams = new URLSearchParams(params);
    exportParams.set('token', token);
    $('export').href = '/api/export?' + exportParams.toString();
    params.set('offset', String(state.offset));
    params.set('limit', String(PAGE));
    params.set('token', token);
    const response = await fetch('/api/objects?' + params.toString(), { cache: 'no-store' });
    const data = await response.json().catch(() => ({ error: String(response.status) }));
    if (!response.ok) {
      $('query-error').textContent = data.error;
      return;
    }
    $('query-error').textContent = '';
    $('explain').textContent = data.explain;
    state.total = data.total;
    if (state.offset > 0 && state.offset >= data.total) {
      state.offset = Math.max(0, Math.floor((data.total - 1) / PAGE) * PAGE);
      return loadTable();
    }
    renderTable(data.objects);
    const last = Math.min(data.total, state.offset + data.objects.length);
    $('page-info').textContent = (data.total === 0 ? 0 : state.offset + 1) + '–' + last + ' of ' + data.total
      + ' (version ' + data.version + ')';
    $('page-info').dataset.total = String(data.total);
    $('prev').disabled = state.offset === 0;
    $('next').disabled = last >= data.total;
  }

  // A readable one-line form of any value: embedded objects as {a: 1, b: "x"}, lists as [1, 2].
  function readable(v, top) {
    if (v === null || v === undefined) return 'null';
    if (Array.isArray(v)) return '[' + v.map((x) => readable(x, false)).join(', ') + ']';
    if (typeof v === 'object') return '{' + Object.keys(v).map((k) => k + ': ' + readable(v[k], false)).join(', ') + '}';
    if (typeof v === 'string') return top ? v : JSON.stringify(v);
    return String(v);
  }

  function cell(v) {
    const td = el('td');
    if (v === null || v === undefined) { td.append(el('span', 'null', 'null')); return td; }
    const text = readable(v, true);
    if (text.length <= CUT) { td.textContent = text; return td; }
    const span = el('span', text.slice(0, CUT) + '…', 'cut');
    const more = el('button', 'more (' + text.length + ' chars)', 'more');
    more.type = 'button';
    more.addEventListener('click', (e) => {
      e.stopPropagation();
      span.textContent = text;
      span.className = 'whole';
      more.remove();
    });
    td.append(span, more);
    return td;
  }

  function columns() {
    return [state.schema.idProperty].concat(state.schema.properties.map((p) => p.name));
  }

  function renderTable(objects) {
    const table = $('table');
    const cols = columns();
    const head = el('tr');
    for (const c of cols) head.append(el('th', c));
    table.tHead.replaceChildren(head);
    const body = table.tBodies[0];
    body.replaceChildren();
    for (const o of objects) {
      const tr = el('tr', null, 'row');
      const id = o[state.schema.idProperty];
      tr.dataset.id = String(id);
      if (String(id) === String(state.detailId)) tr.classList.add('selected');
      for (const c of cols) tr.append(cell(o[c]));
      tr.addEventListener('click', () => openDetail(id));
      body.append(tr);
    }
  }

  // ---- one object ----
  async function openDetail(id) {
    state.detailId = id;
    for (const tr of document.querySelectorAll('#table tbody tr')) tr.classList.toggle('selected', tr.dataset.id === String(id));
    await loadDetail();
  }

  async function loadDetail() {
    if (state.detailId === null) return;
    const data = await getJson('/api/object', { instance: state.instance, collection: state.collection, id: state.detailId });
    $('detail').hidden = false;
    $('detail-title').textContent = state.collection + ' ' + state.detailId + (data.object === null ? ' (deleted)' : '')
      + ' · version ' + data.version;
    const text = data.object === null ? 'null' : JSON.stringify(data.object, null, 2);
    $('detail-json').textContent = text;
    $('editor').hidden = !state.editing || data.object === null;
    if (document.activeElement !== $('edit-json')) $('edit-json').value = text;
  }

  function closeDetail() {
    state.detailId = null;
    $('detail').hidden = true;
  }

  async function post(path, params, body) {
    const response = await fetch(url(path, params), { method: 'POST', body: body || '', headers: { 'Content-Type': 'application/json' } });
    const data = await response.json().catch(() => ({ error: String(response.status) }));
    if (!response.ok) throw new Error(data.error || String(response.status));
    return data;
  }

  async function save() {
    try {
      const data = await post('/api/put', { instance: state.instance, collection: state.collection }, $('edit-json').value);
      $('edit-status').textContent = 'saved: id ' + data.id;
      $('edit-json').blur();
      await refreshNow();
    } catch (e) { $('edit-status').textContent = e.message; }
  }

  async function remove() {
    try {
      await post('/api/delete', { instance: state.instance, collection: state.collection, id: state.detailId });
      $('edit-status').textContent = 'deleted';
      await refreshNow();
    } catch (e) { $('edit-status').textContent = e.message; }
  }

  // ---- live updates ----
  async function refreshNow() {
    await loadInstances();
    if (state.collection) await loadTable();
    if (state.detailId !== null) await loadDetail();
  }

  function scheduleRefresh(event) {
    const touchesOpen = event && event.instance === state.instance && state.collection in (event.changes || {});
    state.pendingTable = state.pendingTable || touchesOpen || !event;
    if (state.refreshTimer) return;
    state.refreshTimer = setTimeout(async () => {
      state.refreshTimer = null;
      const table = state.pendingTable;
      state.pendingTable = false;
      try {
        await loadInstances();
        if (table && state.collection) { await loadTable(); if (state.detailId !== null) await loadDetail(); }
      } catch (e) { $('live').textContent = 'error: ' + e.message; }
    }, 100);
  }

  function connect() {
    const es = new EventSource(url('/api/events'));
    state.events = es;
    es.addEventListener('ready', () => { $('live').textContent = 'live'; $('live').className = 'status live'; });
    es.addEventListener('commit', (e) => {
      const event = JSON.parse(e.data);
      $('live').textContent = 'live · ' + event.instance + ' v' + event.version;
      scheduleRefresh(event);
    });
    es.addEventListener('reset', () => {
      es.close();
      $('live').textContent = 'reset: reloading';
      scheduleRefresh(null);
      setTimeout(connect, 200);
    });
    es.addEventListener('closed', () => scheduleRefresh(null));
    es.onerror = () => { $('live').textContent = 'reconnecting…'; $('live').className = 'status'; };
  }

  // ---- wiring ----
  document.addEventListener('DOMContentLoaded', async () => {
    $('query').addEventListener('submit', (e) => { e.preventDefault(); state.offset = 0; loadTable(); });
    $('add-filter').addEventListener('click', () => addFilter());
    $('clear-query').addEventListener('click', () => {
      $('where-prop').value = ''; $('sort-prop').value = ''; $('filters').replaceChildren();
      $('where-value').value = ''; $('where-value2').value = ''; state.offset = 0; loadTable();
    });
    $('prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE); loadTable(); });
    $('next').addEventListener('click', () => { state.offset += PAGE; loadTable(); });
    $('save').addEventListener('click', save);
    $('delete').addEventListener('click', remove);
    try {
      await loadInstances();
    } catch (e) {
      $('live').textContent = 'error: ' + e.message;
      return;
    }
    connect();
  });
})();
