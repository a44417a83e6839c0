// inboxlint preview, part 2 of the page's script: which items the pickers
// select, the placeholders that build only the items near the viewport
// (all of them before printing), the pickers and summary, and the live
// server's updates. See cards.js for how the two parts are put together.
function items() {
  var out = [];
  data.files.forEach(function (f, fi) {
    var groups = [];
    f.variants.forEach(function (v, vi) {
      if (state.variant !== "*" && v.name !== state.variant) return;
      var cis = [];
      v.cards.forEach(function (c, ci) {
        if (state.off ? c.u !== -1 : c.u === -1) return;
        if (!state.off && state.member !== "*" && data.members[c.u] !== state.member) return;
        if (state.only && !c.d.length) return;
        cis.push(ci);
      });
      if (cis.length) groups.push({ vi: vi, cis: cis });
    });
    var bare = !f.variants.length && (!state.only || f.findings.length) && state.variant === "*";
    if (!groups.length && !bare) return;
    out.push({ kind: "file", fi: fi, key: "f\u0000" + f.path, est: 70 });
    groups.forEach(function (g) {
      var v = f.variants[g.vi];
      if (v.flow >= 0) out.push({ kind: "flow", fi: fi, vi: g.vi, key: "m\u0000" + f.path + "\u0000" + v.name, est: 380 });
      g.cis.forEach(function (ci) {
        var who = memberLabel(v.cards[ci]);
        out.push({ kind: "card", fi: fi, vi: g.vi, ci: ci, key: "c\u0000" + f.path + "\u0000" + v.name + "\u0000" + who, est: f.format === "conversation" ? 520 : 440 });
      });
    });
  });
  return out;
}

// Two levels of placeholders keep the page light at any size: one group
// per file, opened into one slot per card when it comes near the
// viewport (and closed again far from it), and a slot filled with its
// card only when it is near. Measured heights are kept, so placeholders
// have the size their content had and the page does not jump.
function makeSlot(it) {
  var node = el("div", "slot " + it.kind + "-slot");
  var f = data.files[it.fi];
  node.setAttribute("data-file", f.path);
  if (it.kind !== "file") node.setAttribute("data-variant", f.variants[it.vi].name);
  if (it.kind === "card") node.setAttribute("data-member", memberLabel(f.variants[it.vi].cards[it.ci]));
  node.style.minHeight = height(it) + "px";
  return { item: it, node: node, filled: false };
}
function height(it) {
  return heights.get(it.key) || (window.innerWidth < 720 && it.kind === "card" ? it.est * 1.8 : it.est);
}
function fill(slot) {
  if (slot.filled) return;
  slot.filled = true;
  slot.node.textContent = "";
  slot.node.appendChild(build(slot.item));
  slot.node.style.minHeight = "";
}
function empty(slot) {
  if (!slot.filled || printing) return;
  var h = slot.node.getBoundingClientRect().height;
  heights.set(slot.item.key, h);
  slot.node.style.minHeight = h + "px";
  slot.node.textContent = "";
  slot.filled = false;
}
function openGroup(g, refill) {
  if (g.open) return;
  g.open = true;
  g.slots = g.items.map(makeSlot);
  var frag = document.createDocumentFragment();
  g.slots.forEach(function (s) { frag.appendChild(s.node); slotIndex.set(s.node, s); });
  g.node.appendChild(frag);
  g.node.style.minHeight = "";
  g.slots.forEach(function (s) {
    if (refill && refill.has(s.item.key)) fill(s);
    if (slotObserver) slotObserver.observe(s.node);
  });
}
function closeGroup(g) {
  if (!g.open || printing) return;
  var h = g.node.getBoundingClientRect().height;
  heights.set(g.key, h);
  g.slots.forEach(function (s) {
    if (slotObserver) slotObserver.unobserve(s.node);
    if (s.filled) heights.set(s.item.key, s.node.getBoundingClientRect().height);
    slotIndex.delete(s.node);
  });
  g.node.textContent = "";
  g.node.style.minHeight = h + "px";
  g.open = false;
  g.slots = [];
}
function eachSlot(fn) { groups.forEach(function (g) { g.slots.forEach(fn); }); }
function rerender(item) {
  eachSlot(function (s) { if (s.item.key === item.key) { s.filled = false; fill(s); } });
}

// layout replaces the groups for the current pickers; what was open and
// filled before and still exists is opened and filled again at once, so
// that an update from the live server does not flash or move the page.
function layout() {
  var wasOpen = new Set(), wasFilled = new Set();
  groups.forEach(function (g) {
    if (!g.open) return;
    wasOpen.add(g.key);
    g.slots.forEach(function (s) {
      if (s.filled) { wasFilled.add(s.item.key); heights.set(s.item.key, s.node.getBoundingClientRect().height); }
    });
  });
  if (groupObserver) groupObserver.disconnect();
  if (slotObserver) slotObserver.disconnect();
  slotIndex = new Map();
  groups = [];
  var cards = 0;
  items().forEach(function (it) {
    var g = groups[groups.length - 1];
    if (!g || g.fi !== it.fi) {
      g = { fi: it.fi, key: "g\u0000" + data.files[it.fi].path, items: [], open: false, slots: [] };
      groups.push(g);
    }
    g.items.push(it);
    if (it.kind === "card") cards++;
  });
  var frag = document.createDocumentFragment();
  groups.forEach(function (g) {
    g.node = el("div", "group");
    g.node.setAttribute("data-file", data.files[g.fi].path);
    g.node.style.minHeight = (heights.get(g.key) || g.items.reduce(function (h, it) { return h + height(it); }, 0)) + "px";
    frag.appendChild(g.node);
  });
  cardsEl.textContent = "";
  cardsEl.appendChild(frag);
  document.getElementById("shown").textContent = cards ? "showing " + plural(cards, "card", "cards") : "no cards match";
  if (!("IntersectionObserver" in window)) { groups.forEach(function (g) { openGroup(g); g.slots.forEach(fill); }); return; }
  slotObserver = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      var s = slotIndex.get(e.target);
      if (!s) return;
      if (e.isIntersecting) fill(s); else empty(s);
    });
  }, { rootMargin: "1000px 0px" });
  var byNode = new Map(groups.map(function (g) { return [g.node, g]; }));
  groupObserver = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      var g = byNode.get(e.target);
      if (e.isIntersecting) openGroup(g); else closeGroup(g);
    });
  }, { rootMargin: "1600px 0px" });
  groups.forEach(function (g) {
    if (wasOpen.has(g.key)) openGroup(g, wasFilled);
    groupObserver.observe(g.node);
  });
  prefill();
}

// prefill opens and fills at once what the viewport shows, by the
// placeholders' heights, so that the first paint has cards rather than
// waiting for the observers' first round.
function prefill() {
  var top = cardsEl.getBoundingClientRect().top, view = window.innerHeight;
  for (var i = 0; i < groups.length && top < view; i++) {
    var g = groups[i], h = g.node.getBoundingClientRect().height;
    if (top + h > 0) {
      openGroup(g);
      var y = top;
      for (var j = 0; j < g.slots.length && y < view; j++) {
        var sh = g.slots[j].node.getBoundingClientRect().height;
        if (y + sh > 0) fill(g.slots[j]);
        y += g.slots[j].node.getBoundingClientRect().height;
      }
    }
    top += g.node.getBoundingClientRect().height;
  }
}

function option(sel, value, text) { var o = el("option", "", text); o.value = value; sel.appendChild(o); }
function pickers() {
  var pm = document.getElementById("pick-member"), pv = document.getElementById("pick-variant");
  pm.textContent = ""; pv.textContent = "";
  option(pm, "*", "All members");
  data.members.forEach(function (m, i) { option(pm, "m" + i, m); });
  option(pv, "*", "All variants");
  data.variants.forEach(function (v) { option(pv, "v" + v, v); });
  var mi = data.members.indexOf(state.member);
  if (mi < 0) state.member = "*";
  if (state.variant !== "*" && data.variants.indexOf(state.variant) < 0) state.variant = "*";
  pm.value = mi < 0 ? "*" : "m" + mi;
  pv.value = state.variant === "*" ? "*" : "v" + state.variant;
  pm.disabled = state.off;
  pv.disabled = !data.variants.length;
}

function summary() {
  var s = data.summary, box = document.getElementById("summary");
  box.textContent = "";
  function stat(n, what, cls) { return add(el("span", cls), el("b", "", String(n)), document.createTextNode(" " + what)); }
  add(box, stat(s.files, s.files === 1 ? "file" : "files"), stat(s.errors, s.errors === 1 ? "error" : "errors", "n-error"),
    stat(s.warnings, s.warnings === 1 ? "warning" : "warnings", "n-warning"), stat(s.infos, s.infos === 1 ? "info" : "infos"));
  s.worst.forEach(function (w) {
    var lim = w.limit ? w.limit + "/" + w.max : String(w.max);
    var who = w.member + (w.variant ? ", variant " + w.variant : "");
    add(box, add(el("span", "worst"), document.createTextNode("longest " + w.field + ": "), el("b", "", String(w.len)),
      document.createTextNode(" of " + lim + " (" + who + ", " + w.file + ")")));
  });
  (data.errors || []).forEach(function (e) { add(box, el("div", "run-errors", e)); });
  var rules = document.getElementById("rules");
  rules.textContent = "";
  var ids = Object.keys(data.rules).sort();
  if (ids.length) add(rules, el("h2", "", "Rules with findings"));
  ids.forEach(function (id) {
    var r = data.rules[id];
    var a = add(el("article"), el("h3", "", id), el("p", "", (r.severity || "") + (r.title ? " · " + r.title : "")), el("p", "", r.text || ""));
    a.id = "rule-" + id;
    add(rules, a);
  });
}

function wire() {
  var pm = document.getElementById("pick-member"), pv = document.getElementById("pick-variant");
  var po = document.getElementById("pick-off"), pf = document.getElementById("pick-findings");
  function changed() {
    state.member = pm.value === "*" ? "*" : data.members[+pm.value.slice(1)];
    state.variant = pv.value === "*" ? "*" : pv.value.slice(1);
    state.off = po.checked; state.only = pf.checked;
    pm.disabled = state.off;
    layout();
    window.scrollTo(0, 0);
  }
  [pm, pv, po, pf].forEach(function (c) { c.addEventListener("change", changed); });
  document.getElementById("controls").addEventListener("submit", function (e) { e.preventDefault(); });
  window.addEventListener("beforeprint", function () { printing = true; groups.forEach(function (g) { openGroup(g); }); eachSlot(fill); });
  window.addEventListener("afterprint", function () { printing = false; });
}

// live: the server says when the files changed; fetch the new page,
// take its data and flow maps, and lay out again where the reader is.
function live() {
  if (!data.live || !window.EventSource) return;
  var badge = document.getElementById("live");
  badge.hidden = false;
  badge.textContent = "live";
  var es = new EventSource("events");
  es.addEventListener("update", function (ev) { if (+ev.data !== data.version) refresh(); });
  es.onerror = function () { badge.classList.add("down"); badge.textContent = "live: reconnecting"; };
  es.onopen = function () { badge.classList.remove("down"); badge.textContent = "live"; };
}
var refreshing = false, again = false;
function refresh() {
  if (refreshing) { again = true; return; }
  refreshing = true;
  fetch(location.pathname, { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var next = JSON.parse(doc.getElementById("il-data").textContent);
    var flows = document.getElementById("il-flows"), nf = doc.getElementById("il-flows");
    flows.textContent = "";
    Array.prototype.forEach.call(nf.children, function (t) { flows.appendChild(document.importNode(t, true)); });
    var y = window.scrollY;
    data = next;
    pickers(); summary(); layout();
    window.scrollTo(0, y);
    document.documentElement.setAttribute("data-version", String(data.version));
    document.getElementById("live").textContent = "live: updated " + new Date().toLocaleTimeString();
  }).catch(function (err) {
    var badge = document.getElementById("live");
    badge.classList.add("down");
    badge.textContent = "live: the update failed (" + err + "); reload the page";
  }).then(function () {
    refreshing = false;
    if (again) { again = false; refresh(); }
  });
}

pickers(); summary(); wire(); layout(); live();
performance.mark("inboxlint:layout");
document.documentElement.setAttribute("data-version", String(data.version || 0));
