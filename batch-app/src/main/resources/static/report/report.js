/* The exception table's sorting and filtering. Inlined into the page by HtmlRunReport, which pins it by its hash in
   the page's Content-Security-Policy. No libraries: a few lines of DOM code, the state mirrored in the URL fragment
   so a view can be shared. */
(function () {
  'use strict';
  var table = document.getElementById('exceptions');
  if (!table || !window.URLSearchParams) { return; }
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var text = document.getElementById('filter-text');
  var category = document.getElementById('filter-category');
  var status = document.getElementById('table-status');
  var noMatch = document.getElementById('no-match');
  var collator = new Intl.Collator('en', {numeric: true, sensitivity: 'base'});
  var known = Array.prototype.map.call(category.options, function (o) { return o.value; });
  var state = {category: '', q: '', sort: '', dir: 'asc'};
  rows.forEach(function (r, i) { r._order = i; r._text = r.textContent.toLowerCase(); });

  function cellKey(row, col) {
    var cell = row.cells[col];
    return cell ? cell.textContent.trim() : '';
  }

  function sortRows() {
    var col = -1, numeric = false;
    heads.forEach(function (h, i) {
      if (h.getAttribute('data-key') === state.sort) {
        col = i;
        numeric = h.getAttribute('data-type') === 'number';
        h.setAttribute('aria-sort', state.dir === 'desc' ? 'descending' : 'ascending');
      } else {
        h.removeAttribute('aria-sort');
      }
    });
    var sign = state.dir === 'desc' ? -1 : 1;
    var sorted = rows.slice();
    if (col >= 0) {
      sorted.sort(function (a, b) {
        var x = cellKey(a, col), y = cellKey(b, col);
        // Empty cells go last in both directions: they are never what an officer sorts for.
        if (x === '' || y === '') { return x === y ? a._order - b._order : (x === '' ? 1 : -1); }
        var d = numeric ? parseFloat(x) - parseFloat(y) : collator.compare(x, y);
        return d !== 0 ? d * sign : a._order - b._order;
      });
    }
    var frag = document.createDocumentFragment();
    sorted.forEach(function (r) { frag.appendChild(r); });
    tbody.appendChild(frag);
  }

  function filterRows() {
    var needle = state.q.toLowerCase(), shown = 0;
    rows.forEach(function (r) {
      var ok = (!state.category || r.getAttribute('data-category') === state.category)
          && (!needle || r._text.indexOf(needle) >= 0);
      r.hidden = !ok;
      if (ok) { shown++; }
    });
    var parts = [];
    if (state.category) { parts.push('category ' + state.category); }
    if (state.q) { parts.push('containing \u201c' + state.q + '\u201d'); }
    status.textContent = (parts.length ? 'Showing ' + shown + ' of ' + rows.length + ' items \u00b7 '
        + parts.join(', ') : rows.length + ' items') + (state.sort ? ' \u00b7 sorted by '
        + state.sort.replace('_', ' ') + (state.dir === 'desc' ? ', descending' : ', ascending') : '');
    if (rows.length) { noMatch.hidden = shown !== 0; }
  }

  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ''));
    var c = (p.get('category') || p.get('filter') || '').toUpperCase();
    state.category = known.indexOf(c) >= 0 ? c : '';
    state.q = p.get('q') || '';
    var s = p.get('sort') || '';
    state.sort = heads.some(function (h) { return h.getAttribute('data-key') === s; }) ? s : '';
    state.dir = p.get('dir') === 'desc' ? 'desc' : 'asc';
    text.value = state.q;
    category.value = state.category;
  }

  function writeHash() {
    var p = new URLSearchParams();
    if (state.category) { p.set('category', state.category); }
    if (state.q) { p.set('q', state.q); }
    if (state.sort) { p.set('sort', state.sort); p.set('dir', state.dir); }
    var h = p.toString();
    try { history.replaceState(null, '', h ? '#' + h : location.pathname + location.search); } catch (e) { /* file: URLs in some browsers */ }
  }

  heads.forEach(function (h) {
    h.querySelector('button').addEventListener('click', function () {
      var key = h.getAttribute('data-key');
      if (state.sort === key) {
        state.dir = state.dir === 'asc' ? 'desc' : 'asc';
      } else {
        state.sort = key;
        state.dir = h.getAttribute('data-type') === 'number' ? 'desc' : 'asc';
      }
      sortRows(); filterRows(); writeHash();
    });
  });
  text.addEventListener('input', function () { state.q = text.value.trim(); filterRows(); writeHash(); });
  category.addEventListener('change', function () { state.category = category.value; filterRows(); writeHash(); });
  document.getElementById('filter-reset').addEventListener('click', function () {
    state = {category: '', q: '', sort: '', dir: 'asc'};
    text.value = ''; category.value = '';
    sortRows(); filterRows(); writeHash();
  });
  document.getElementById('print').addEventListener('click', function () { window.print(); });
  window.addEventListener('hashchange', function () { readHash(); sortRows(); filterRows(); });
  readHash(); sortRows(); filterRows();
})();
