(function () {
  "use strict";
  // Rows are [line, domain, verdict, "RULE RULE"]. Everything goes into the page with textContent,
  // never as markup, so a hostile domain or rule text stays text.
  var rows = JSON.parse(document.getElementById("audit-data").textContent);
  var PAGE = 1000;
  var VERDICT_ORDER = { FAIL: 0, UNKNOWN: 1, WARN: 2, PASS: 3 };
  var body = document.getElementById("domain-rows");
  var filter = document.getElementById("filter");
  var verdictFilter = document.getElementById("verdict-filter");
  var more = document.getElementById("show-more");
  var headers = document.querySelectorAll("#domain-table th");
  var sortKey = 0;
  var sortDir = 1;
  var limit = PAGE;
  var matching = rows;

  document.getElementById("row-total").textContent = String(rows.length);

  function compare(a, b) {
    var x = a[sortKey];
    var y = b[sortKey];
    if (sortKey === 2) {
      x = VERDICT_ORDER[x];
      y = VERDICT_ORDER[y];
    }
    if (x < y) { return -sortDir; }
    if (x > y) { return sortDir; }
    return a[0] - b[0];
  }

  function apply() {
    var text = filter.value.trim().toLowerCase();
    var verdict = verdictFilter.value;
    matching = rows.filter(function (r) {
      if (verdict && r[2] !== verdict) { return false; }
      return !text || r[1].toLowerCase().indexOf(text) >= 0 || r[3].toLowerCase().indexOf(text) >= 0;
    });
    matching.sort(compare);
    limit = PAGE;
    render();
  }

  function cell(tr, text, className) {
    var td = document.createElement("td");
    td.textContent = text;
    if (className) { td.className = className; }
    tr.appendChild(td);
  }

  function render() {
    var shown = Math.min(limit, matching.length);
    var fragment = document.createDocumentFragment();
    for (var i = 0; i < shown; i++) {
      var r = matching[i];
      var tr = document.createElement("tr");
      cell(tr, String(r[0]));
      cell(tr, r[1]);
      cell(tr, r[2], "v-" + r[2]);
      cell(tr, r[3]);
      fragment.appendChild(tr);
    }
    body.replaceChildren(fragment);
    document.getElementById("match-count").textContent = String(matching.length);
    document.getElementById("shown-count").textContent = String(shown);
    more.hidden = shown >= matching.length;
  }

  headers.forEach(function (th) {
    th.addEventListener("click", function () {
      var key = Number(th.getAttribute("data-key"));
      sortDir = key === sortKey ? -sortDir : 1;
      sortKey = key;
      headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
      apply();
    });
  });
  filter.addEventListener("input", apply);
  verdictFilter.addEventListener("change", apply);
  more.addEventListener("click", function () {
    limit += PAGE;
    render();
  });
  apply();
  document.body.setAttribute("data-rendered", "true");
})();
