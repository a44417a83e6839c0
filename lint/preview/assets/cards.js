// inboxlint preview, part 1 of the page's script: the page's state, and
// the DOM of each item (a file's header, a flow map, a card) built from
// the page's JSON data. Copy from the templates and member files goes into
// the DOM only as text (textContent, never innerHTML), and only http(s)
// URLs become links. html.go wraps cards.js and page.js, in this order, in
// one strict-mode function, so they share one scope.
var data = JSON.parse(document.getElementById("il-data").textContent);
performance.mark("inboxlint:data");
// the pickers: member and variant by name ("*": all), so that they keep
// their choice when the live server's new data orders members otherwise
var state = { member: "*", variant: "*", off: false, only: false };
var threads = new Map(); // card key -> {steps: [{m, via}], end}
var heights = new Map(); // item key -> measured height
var groups = [];
var slotIndex = new Map();
var groupObserver = null, slotObserver = null;
var firstCard = false;
var printing = false; // from beforeprint to afterprint: keep every card
var cardsEl = document.getElementById("cards");

function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}
function add(parent) {
  for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
  return parent;
}
function isWeb(u) {
  if (!/^https?:\/\//i.test(u)) return false;
  try { var p = new URL(u).protocol; return p === "http:" || p === "https:"; } catch (e) { return false; }
}
function webLink(u, text) {
  if (!isWeb(u)) return el("span", "link-inert", text === undefined ? u : text);
  var a = el("a", "link", text === undefined ? u : text);
  a.href = u; a.target = "_blank"; a.rel = "noopener noreferrer nofollow";
  return a;
}
function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
function initials(name) {
  var words = name.trim().split(/\s+/).filter(Boolean);
  var s = words.slice(0, 2).map(function (w) { return Array.from(w)[0] || ""; }).join("");
  return s.toUpperCase() || "?";
}
function memberLabel(c) { return c.u < 0 ? "personalization off" : data.members[c.u]; }

// rich puts copy with its marks into parent: fallback text, links and
// the spans of findings, split where marks begin and end.
function rich(parent, r, file) {
  var t = r.t, marks = r.m || [];
  if (!marks.length) { parent.appendChild(document.createTextNode(t)); return parent; }
  var cuts = [0, t.length];
  marks.forEach(function (m) { cuts.push(m.s, m.e); });
  cuts = cuts.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
  for (var i = 0; i + 1 < cuts.length; i++) {
    var a = cuts[i], b = cuts[i + 1];
    if (a >= b) continue;
    var on = marks.filter(function (m) { return m.s <= a && m.e >= b; });
    var text = t.slice(a, b);
    if (!on.length) { parent.appendChild(document.createTextNode(text)); continue; }
    var link = null, fb = null, fs = [];
    on.forEach(function (m) {
      if (m.k === "a") link = m; else if (m.k === "fb") fb = m; else if (m.k === "hl") fs.push(m.f || 0);
    });
    var node = link ? webLink(link.a, text) : el("span", "", text);
    if (link && !isWeb(link.a)) node.title = "not a web link, so not clickable: " + link.a;
    if (fb) { node.classList.add("fb"); node.title = "LinkedIn's fallback text for " + fb.a + ": this member has no value for it"; }
    if (fs.length) {
      var worst = fs.map(function (k) { return file.findings[k].s; }).sort(sevOrder)[0];
      node.classList.add("hl", "sev-" + worst);
      node.setAttribute("data-f", fs.join(" "));
    }
    parent.appendChild(node);
  }
  return parent;
}
var sevRank = { error: 0, warning: 1, info: 2 };
function sevOrder(a, b) { return sevRank[a] - sevRank[b]; }

function countRow(table, name, n, guidance, max, maxIsError) {
  var tr = el("tr");
  var cls = n > max ? (maxIsError === false ? "over-guidance" : "over-max") : guidance && n > guidance ? "over-guidance" : "";
  if (cls) tr.className = cls;
  var lim = guidance ? guidance + " visible/guidance · " + max + " max" : max + " max";
  add(table, add(tr, el("th", "", name), add(el("td"), el("span", "n", String(n)), document.createTextNode(" / " + lim))));
}

function findingItem(file, k) {
  var f = file.findings[k];
  var li = el("li", "finding sev-" + f.s);
  li.tabIndex = 0;
  li.setAttribute("data-finding", String(k));
  var rule = el("a", "rule", f.r);
  rule.href = "#rule-" + f.r;
  rule.title = (data.rules[f.r] || {}).title || "";
  add(li, el("span", "sev", f.s), rule, el("span", "msg", f.m), el("span", "where", "line " + f.l + ":" + f.c));
  return li;
}
function hover(card, li, k) {
  function set(on) {
    card.querySelectorAll('[data-f~="' + k + '"]').forEach(function (n) { n.classList.toggle("active", on); });
  }
  li.addEventListener("mouseenter", function () { set(true); });
  li.addEventListener("mouseleave", function () { set(false); });
  li.addEventListener("focus", function () { set(true); });
  li.addEventListener("blur", function () { set(false); });
}

function destination(info, bad) {
  var d = el("div", "dest" + (bad ? " bad" : ""));
  switch (info.k) {
    case "url": return add(d, document.createTextNode("Opens the landing page "), webLink(info.to));
    case "form": return add(d, document.createTextNode("Opens the lead form “" + info.to + "”"));
    case "missing": d.className = "dest bad"; d.textContent = "No message #" + info.to + ": this button leads nowhere"; return d;
    case "invalid": d.className = "dest bad"; d.textContent = "Not a message, a web page or a lead form, so it leads nowhere: " + info.to; return d;
  }
  return d;
}

function threadOf(key) {
  var th = threads.get(key);
  if (!th) { th = { steps: [{ m: 0, via: -1 }], end: null }; threads.set(key, th); }
  return th;
}

// card builds one render: the inbox row, the opened message (or the
// conversation so far) and, beside it, the counts and findings.
function card(item) {
  var file = data.files[item.fi], v = file.variants[item.vi], c = v.cards[item.ci];
  var conv = file.format === "conversation";
  var root = el("article", "card " + (conv ? "conversation" : "message-ad"));
  root.setAttribute("data-file", file.path);
  root.setAttribute("data-variant", v.name);
  root.setAttribute("data-member", memberLabel(c));
  var head = add(el("div", "card-head"), el("span", "who", memberLabel(c)));
  if (v.name) add(head, el("span", "variant", "variant " + v.name));
  add(head, el("span", "path", file.path));
  add(head, el("span", "nf", c.d.length ? plural(c.d.length, "finding", "findings") : "no findings"));
  var view = el("div", "view"), side = el("aside", "side");
  add(root, head, add(el("div", "card-body"), view, side));

  var sender = c.from.t || "(no sender)";
  var avatar = c.from.t ? initials(c.from.t) : "?";
  var subject = c.cut >= 0 ? c.s.t.slice(0, c.cut) + "…" : c.s.t;
  var first = (c.ms[0] ? c.ms[0].b.t : "").split("\n")[0];
  var subj = el("div", "subject", subject);
  subj.title = c.s.t;
  add(view, add(el("div", "inbox"), el("span", "avatar", avatar),
    add(el("div", "row-text"), add(el("div", "row-top"), el("span", "sender", sender), el("span", "sponsored", "Sponsored")),
      subj, el("div", "snippet", first))));

  var msg = el("div", "message");
  add(msg, add(el("div", "msg-head"), el("span", "avatar", avatar),
    add(el("div"), rich(el("div", "sender"), c.from.t ? c.from : { t: sender }, file), el("div", "sponsored", "Sponsored"))));
  add(msg, rich(el("h3", "msg-subject"), c.s, file));
  var thread = el("div", "thread");
  add(msg, thread);
  var shown = 0;
  if (!conv) {
    if (c.ms[0]) {
      add(thread, rich(el("div", "bubble"), c.ms[0].b, file));
      var bs = el("div", "buttons"), dests = el("div");
      add(msg, bs);
      c.ms[0].bt.forEach(function (b, j) {
        var info = v.messages[0].buttons[j];
        var bad = info.k === "invalid" || info.k === "missing";
        var btn = rich(el("button", "cta" + (bad ? " bad" : "")), b.l, file);
        btn.type = "button";
        add(bs, btn);
        add(dests, destination(info, bad));
      });
      add(msg, dests);
      if (!c.ms[0].bt.length) add(msg, el("div", "dest bad", "No button: a Message Ad needs exactly one"));
    }
  } else {
    var th = threadOf(item.key);
    th.steps.forEach(function (st, i) {
      if (st.via >= 0) add(thread, rich(el("div", "bubble mine"), c.ms[th.steps[i - 1].m].bt[st.via].l, file));
      add(thread, rich(el("div", "bubble"), c.ms[st.m].b, file));
    });
    var last = th.steps[th.steps.length - 1];
    shown = last.m;
    if (th.end) {
      var label = th.end.ni ? { t: "Not interested" } : c.ms[last.m].bt[th.end.b].l;
      add(thread, rich(el("div", "bubble mine"), label, file));
      add(msg, th.end.ni ? el("div", "dest", "LinkedIn ends the conversation here") : destination(v.messages[last.m].buttons[th.end.b]));
    } else {
      var row = el("div", "buttons");
      c.ms[last.m].bt.forEach(function (b, j) {
        var info = v.messages[last.m].buttons[j];
        var bad = info.k === "invalid" || info.k === "missing";
        var btn = rich(el("button", "cta" + (bad ? " bad" : "")), b.l, file);
        btn.type = "button";
        btn.title = info.k === "message" ? "shows #" + v.messages[info.n].id : info.k + ": " + info.to;
        btn.addEventListener("click", function () {
          if (info.k === "message") th.steps.push({ m: info.n, via: j }); else th.end = { b: j };
          rerender(item);
        });
        add(row, btn);
      });
      if (last.m === 0) {
        var ni = el("button", "cta added", "Not interested");
        ni.type = "button";
        ni.title = "LinkedIn adds this button to the opening message";
        ni.addEventListener("click", function () { th.end = { ni: true }; rerender(item); });
        add(row, ni);
      }
      if (!c.ms[last.m].bt.length) add(msg, row, el("div", "dest bad", "No buttons: the conversation ends here with nothing to click"));
      else add(msg, row);
    }
    if (th.steps.length > 1 || th.end) {
      var again = el("button", "restart", "Start over");
      again.type = "button";
      again.addEventListener("click", function () { threads.delete(item.key); rerender(item); });
      add(msg, again);
    }
  }
  if (c.ft.t) add(msg, add(el("details", "footer"), el("summary", "", "Footer"), rich(el("div"), c.ft, file)));
  add(view, msg);

  var lim = file.limits, m = c.ms[shown];
  var counts = add(el("table", "counts"), el("caption", "", "characters (" + file.mode + ")"));
  countRow(counts, "subject", c.sc, lim.sv, lim.sm);
  if (m) {
    countRow(counts, conv ? "body #" + v.messages[shown].id : "body", m.bc, lim.bg, lim.bm);
    var longest = m.bt.reduce(function (a, b) { return b.c > a ? b.c : a; }, 0);
    if (m.bt.length) countRow(counts, m.bt.length > 1 ? "longest button" : "button", longest, 0, lim.cm, !!lim.ce);
  }
  add(side, counts);
  if (!c.d.length) add(side, el("p", "none", "No findings for this render."));
  var list = el("ol", "findings");
  c.d.forEach(function (k) { var li = findingItem(file, k); hover(root, li, k); add(list, li); });
  add(side, list);
  if (!firstCard) { firstCard = true; performance.mark("inboxlint:first-card"); }
  return root;
}

function fileHead(item) {
  var f = data.files[item.fi];
  var h = add(el("div", "file-head"), el("h2", "", f.path));
  var kind = f.format === "conversation" ? "Conversation Ad" : f.format === "message" ? "Message Ad" : "not rendered";
  var parts = [kind];
  if (f.format) parts.push(plural(f.variants.length, "variant", "variants"), plural(f.members.length, "member", "members"));
  parts.push(plural(f.findings.length, "finding", "findings"));
  add(h, el("p", "meta", parts.join(" · ")));
  if (f.note) add(h, el("p", "note", f.note));
  if (f.findings.length) {
    var list = el("ol", "findings");
    f.findings.forEach(function (d, k) {
      var li = findingItem(f, k);
      if (d.v) add(li, el("span", "where", "variant " + d.v));
      if (d.u) add(li, el("span", "where", "member " + d.u));
      if (d.x) add(li, el("code", "src", d.x));
      add(list, li);
    });
    var det = add(el("details", "all-findings"), el("summary", "", "All findings of this file"), list);
    if (!f.format) det.open = true;
    add(h, det);
  }
  return h;
}

function flowItem(item) {
  var f = data.files[item.fi], v = f.variants[item.vi];
  var box = add(el("div", "flow-item"), el("h3", "", "Flow map" + (v.name ? " · variant " + v.name : "")));
  var tpl = document.getElementById("il-flow-" + v.flow);
  var wrap = el("div", "flow-wrap");
  if (tpl) wrap.appendChild(tpl.content.cloneNode(true));
  // a map wider than the screen scrolls in its box: start at the opening
  requestAnimationFrame(function () {
    var open = wrap.querySelector("g.opening rect");
    if (open && wrap.scrollWidth > wrap.clientWidth) {
      var r = open.getBoundingClientRect(), w = wrap.getBoundingClientRect();
      wrap.scrollLeft += r.left + r.width / 2 - (w.left + w.width / 2);
    }
  });
  var legend = el("div", "legend");
  [["l-opening", "opening"], ["l-exit", "landing page or lead form"], ["l-warning", "unreachable, dead end or loop"], ["l-error", "missing message"]]
    .forEach(function (l) { add(legend, el("span", l[0], l[1])); });
  return add(box, wrap, legend);
}

function build(item) {
  if (item.kind === "file") return fileHead(item);
  if (item.kind === "flow") return flowItem(item);
  return card(item);
}
