(function () {
  "use strict";
  // Rows are [line, domain, verdict, "RULE RULE", detail], detail being [kind, string, kind,
  // string, ...] into the string table (or null), where U+0001 stands for the row's domain.
  // Everything goes into the page with textContent, never as markup, so a hostile domain, rule or
  // server text stays text.
  var started = performance.now();
  var strings = JSON.parse(document.getElementById("audit-strings").textContent);
  var rows = JSON.parse(document.getElementById("audit-data").textContent);
  var parsed = performance.now();
  // A row is exactly ROW_H pixels (see report.css), so the table draws only the rows in view plus
  // BUFFER on either side, and two spacer rows stand for the rest: 100,000 rows cost ~60 elements.
  var ROW_H = 28;
  var BUFFER = 20;
  var KINDS = ["FINDING", "SUBJECT", "MESSAGE", "MICROSOFT", "FIX", "SRV", "TARGET", "CERTIFICATE"];
  var LABELS = { SUBJECT: "Concerns", MICROSOFT: "Microsoft shows", FIX: "How to fix",
    SRV: "SRV", TARGET: "Target", CERTIFICATE: "Leaf certificate" };
  var VERDICT_ORDER = { FAIL: 0, UNKNOWN: 1, WARN: 2, PASS: 3 };
  var body = document.getElementById("domain-rows");
  var scroller = document.getElementById("table-scroll");
  var filter = document.getElementById("filter");
  var verdictFilter = document.getElementById("verdict-filter");
  var headers = document.querySelectorAll("#domain-table th");
  var detailTitle = document.getElementById("detail-title");
  var detailBody = document.getElementById("detail-body");
  var sortKey = 0;
  var sortDir = 1;
  var selected = -1;
  var drawn = { first: -1, last: -1, length: -1 };
  var pending = false;

  // Lower-cased search text per row, built once: filtering is then one pass of indexOf.
  var haystack = new Array(rows.length);
  for (var h = 0; h < rows.length; h++) {
    haystack[h] = (rows[h][1] + "\n" + rows[h][3]).toLowerCase();
  }
  var matching = [];

  document.getElementById("row-total").textContent = String(rows.length);

  function compare(a, b) {
    var ra = rows[a];
    var rb = rows[b];
    var x = ra[sortKey];
    var y = rb[sortKey];
    if (sortKey === 2) {
      x = VERDICT_ORDER[x];
      y = VERDICT_ORDER[y];
    }
    if (x < y) { return -sortDir; }
    if (x > y) { return sortDir; }
    return ra[0] - rb[0];
  }

  function apply() {
    var text = filter.value.trim().toLowerCase();
    var verdict = verdictFilter.value;
    var out = [];
    for (var i = 0; i < rows.length; i++) {
      if (verdict && rows[i][2] !== verdict) { continue; }
      if (text && haystack[i].indexOf(text) < 0) { continue; }
      out.push(i);
    }
    out.sort(compare);
    matching = out;
    scroller.scrollTop = 0;
    drawn.length = -1;
    render();
    document.getElementById("match-count").textContent = String(matching.length);
  }

  function cell(tr, text, className) {
    var td = document.createElement("td");
    td.textContent = text;
    if (className) { td.className = className; }
    tr.appendChild(td);
  }

  function spacer(height) {
    var tr = document.createElement("tr");
    tr.className = "spacer";
    var td = document.createElement("td");
    td.colSpan = 4;
    td.style.height = height + "px";
    tr.appendChild(td);
    return tr;
  }

  function render() {
    pending = false;
    var height = scroller.clientHeight || 560;
    var first = Math.max(0, Math.floor(scroller.scrollTop / ROW_H) - BUFFER);
    var last = Math.min(matching.length, Math.ceil((scroller.scrollTop + height) / ROW_H) + BUFFER);
    if (first === drawn.first && last === drawn.last && matching.length === drawn.length) { return; }
    drawn = { first: first, last: last, length: matching.length };
    var fragment = document.createDocumentFragment();
    fragment.appendChild(spacer(first * ROW_H));
    for (var i = first; i < last; i++) {
      var index = matching[i];
      var r = rows[index];
      var tr = document.createElement("tr");
      tr.className = "row";
      tr.tabIndex = 0;
      tr.setAttribute("data-index", String(index));
      tr.setAttribute("aria-selected", index === selected ? "true" : "false");
      cell(tr, String(r[0]));
      cell(tr, r[1]);
      cell(tr, r[2], "v-" + r[2]);
      cell(tr, r[3]);
      fragment.appendChild(tr);
    }
    fragment.appendChild(spacer((matching.length - last) * ROW_H));
    body.replaceChildren(fragment);
    document.getElementById("shown-count").textContent = String(last - first);
  }

  function expand(s, domain) {
    return s.indexOf("\u0001") < 0 ? s : s.split("\u0001").join(domain);
  }

  function showDetail(index) {
    selected = index;
    var r = rows[index];
    detailTitle.textContent = r[1] + " \u2014 " + r[2] + " (input line " + r[0] + ")";
    detailTitle.className = "v-" + r[2];
    var dl = document.createElement("dl");
    dl.id = "detail-list";
    var d = r[4];
    if (!d) {
      var p = document.createElement("p");
      p.textContent = "No drill-down kept for this row (a result resumed from a csv output, or the report's text budget"
        + " was spent); the audit's output file has every detail.";
      detailBody.replaceChildren(p);
    } else {
      var network = false;
      for (var i = 0; i < d.length; i += 2) {
        var kind = KINDS[d[i]];
        var text = expand(strings[d[i + 1]], r[1]);
        if (kind === "FINDING") {
          var dt = document.createElement("dt");
          dt.className = "finding sev-" + text.split(" ")[0];
          dt.textContent = text;
          dl.appendChild(dt);
          continue;
        }
        if ((kind === "SRV" || kind === "TARGET" || kind === "CERTIFICATE") && !network) {
          network = true;
          var facts = document.createElement("dt");
          facts.className = "facts";
          facts.textContent = "DNS and TLS";
          dl.appendChild(facts);
        }
        var dd = document.createElement("dd");
        dd.className = "detail-" + kind.toLowerCase();
        if (LABELS[kind]) {
          var label = document.createElement("span");
          label.className = "label";
          label.textContent = LABELS[kind] + ":";
          dd.appendChild(label);
        }
        dd.appendChild(document.createTextNode(text));
        dl.appendChild(dd);
      }
      detailBody.replaceChildren(dl);
    }
    body.querySelectorAll("tr.row").forEach(function (tr) {
      tr.setAttribute("aria-selected", tr.getAttribute("data-index") === String(index) ? "true" : "false");
    });
  }

  function rowOf(target) {
    while (target && target !== body) {
      if (target.classList && target.classList.contains("row")) { return target; }
      target = target.parentNode;
    }
    return null;
  }

  function sortBy(th) {
    var key = Number(th.getAttribute("data-key"));
    sortDir = key === sortKey ? -sortDir : 1;
    sortKey = key;
    headers.forEach(function (x) { x.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
    apply();
  }

  headers.forEach(function (th) {
    th.addEventListener("click", function () { sortBy(th); });
  });
  body.addEventListener("click", function (e) {
    var tr = rowOf(e.target);
    if (tr) { showDetail(Number(tr.getAttribute("data-index"))); }
  });
  body.addEventListener("keydown", function (e) {
    var tr = rowOf(e.target);
    if (tr && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      showDetail(Number(tr.getAttribute("data-index")));
    }
  });
  scroller.addEventListener("scroll", function () {
    if (!pending) {
      pending = true;
      requestAnimationFrame(render);
    }
  });
  filter.addEventListener("input", apply);
  verdictFilter.addEventListener("change", apply);
  apply();
  var firstRender = performance.now();

  // #line=N opens that row's drill-down (a link to one tenant); #bench times the table's work.
  var hash = location.hash.replace(/^#/, "");
  var lineMatch = /^line=(\d+)$/.exec(hash);
  if (lineMatch) {
    for (var k = 0; k < rows.length; k++) {
      if (String(rows[k][0]) === lineMatch[1]) {
        showDetail(k);
        break;
      }
    }
  }
  var bench = document.getElementById("bench");
  bench.setAttribute("data-rows", String(rows.length));
  bench.setAttribute("data-parse-ms", (parsed - started).toFixed(1));
  bench.setAttribute("data-script-ms", (firstRender - started).toFixed(1));
  bench.setAttribute("data-first-render-ms", firstRender.toFixed(1));
  if (hash === "bench") {
    var timings = [];
    var time = function (name, action) {
      var t = performance.now();
      action();
      // Reading a layout property makes the browser lay the new rows out inside the measurement.
      void body.offsetHeight;
      var ms = performance.now() - t;
      timings.push(name + "=" + ms.toFixed(1));
      bench.setAttribute("data-" + name + "-ms", ms.toFixed(1));
    };
    time("filter", function () { filter.value = "mismatch"; apply(); });
    bench.setAttribute("data-filter-matches", String(matching.length));
    time("unfilter", function () { filter.value = ""; apply(); });
    time("sort-domain", function () { sortBy(headers[1]); });
    time("sort-verdict", function () { sortBy(headers[2]); });
    time("scroll", function () { scroller.scrollTop = ROW_H * Math.floor(rows.length / 2); render(); });
    time("detail", function () { showDetail(matching[Math.floor(matching.length / 2)]); });
    bench.textContent = timings.join(" ");
  }
  document.body.setAttribute("data-rendered", "true");
})();
