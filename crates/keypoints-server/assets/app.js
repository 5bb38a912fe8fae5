// keypoints web page. Every piece of article data goes into the page through textContent or
// createTextNode, never as markup, so tags in an article show as text. Digest spans are in
// Unicode code points: text is sliced as Array.from(text).
"use strict";

const STRINGS = {
  it: {
    skip: "Vai al contenuto",
    tagline: "I punti chiave di un articolo, le citazioni e chi le ha dette.",
    analyzeTitle: "Analizza un articolo",
    kindText: "Testo", kindHtml: "HTML", kindUrl: "Indirizzo web",
    inputLabel: "Articolo", urlLabel: "Indirizzo della pagina",
    textPh: "Incolla qui il testo dell'articolo…", htmlPh: "Incolla qui l'HTML della pagina…",
    langLabel: "Lingua", pointsLabel: "Punti", auto: "automatica",
    analyze: "Analizza", analyzeSave: "Analizza e salva",
    hint: "Ctrl+Invio per analizzare.",
    settings: "Accesso", tokenLabel: "Token (se il server lo richiede per salvare)",
    resultTitle: "Risultato", keyPoints: "Punti chiave",
    givenPoints: "Punti indicati dall'articolo", entities: "Persone, luoghi, organizzazioni",
    quotes: "Citazioni", articleTitle: "L'articolo",
    legendKp: "punto chiave", legendQuote: "citazione", legendEnt: "entità",
    searchTitle: "Cerca negli articoli salvati", searchLabel: "Parole da cercare",
    searchPh: "es. relazioni bilaterali", allLangs: "tutte le lingue", search: "Cerca",
    more: "Altri risultati",
    working: "Analisi in corso…", done: (n) => `${n} punti chiave.`,
    saved: (id) => `Salvato con id ${id}.`, already: (id) => `Già salvato (id ${id}).`,
    empty: "Scrivi o incolla un articolo prima.", emptyUrl: "Scrivi un indirizzo prima.",
    unknown: "sconosciuto", said: "ha detto", language: "Lingua", sentences: "frasi",
    searching: "Ricerca…", found: (n) => (n === 1 ? "1 risultato." : `${n} risultati.`),
    noResults: "Nessun articolo trovato.", open: "Apri",
    PER: "persona", LOC: "luogo", ORG: "organizzazione",
    error: "Errore",
  },
  en: {
    skip: "Skip to content",
    tagline: "The key points of an article, its quotes and who said them.",
    analyzeTitle: "Analyse an article",
    kindText: "Text", kindHtml: "HTML", kindUrl: "Web address",
    inputLabel: "Article", urlLabel: "Page address",
    textPh: "Paste the article's text here…", htmlPh: "Paste the page's HTML here…",
    langLabel: "Language", pointsLabel: "Points", auto: "automatic",
    analyze: "Analyse", analyzeSave: "Analyse and save",
    hint: "Ctrl+Enter to analyse.",
    settings: "Access", tokenLabel: "Token (if the server needs one to save)",
    resultTitle: "Result", keyPoints: "Key points",
    givenPoints: "Points given by the article", entities: "People, places, organizations",
    quotes: "Quotes", articleTitle: "The article",
    legendKp: "key point", legendQuote: "quote", legendEnt: "entity",
    searchTitle: "Search saved articles", searchLabel: "Words to find",
    searchPh: "e.g. bilateral relations", allLangs: "all languages", search: "Search",
    more: "More results",
    working: "Analysing…", done: (n) => `${n} key points.`,
    saved: (id) => `Saved with id ${id}.`, already: (id) => `Already saved (id ${id}).`,
    empty: "Type or paste an article first.", emptyUrl: "Type an address first.",
    unknown: "unknown", said: "said", language: "Language", sentences: "sentences",
    searching: "Searching…", found: (n) => (n === 1 ? "1 result." : `${n} results.`),
    noResults: "No article found.", open: "Open",
    PER: "person", LOC: "place", ORG: "organization",
    error: "Error",
  },
};

const $ = (id) => document.getElementById(id);
let ui = localStorage.getItem("kp-ui") || ((navigator.language || "it").toLowerCase().startsWith("it") ? "it" : "en");
const t = (key, ...args) => {
  const v = (STRINGS[ui] && STRINGS[ui][key]) ?? STRINGS.en[key] ?? key;
  return typeof v === "function" ? v(...args) : v;
};

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return node;
}

function applyStrings() {
  document.documentElement.lang = ui;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  const kind = currentKind();
  $("article-input").placeholder = t(kind === "html" ? "htmlPh" : "textPh");
  $("search-input").placeholder = t("searchPh");
  $("ui-lang").textContent = ui === "it" ? "EN" : "IT";
  if (lastDigest) render(lastDigest, lastInfo);
}

function currentKind() {
  const checked = document.querySelector('input[name="kind"]:checked');
  return checked ? checked.value : "text";
}

function setStatus(node, msg, isError) {
  node.textContent = msg || "";
  node.classList.toggle("error", !!isError);
}

async function callApi(method, path, body) {
  const headers = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  const token = $("token-input").value.trim();
  if (token) headers.authorization = "Bearer " + token;
  const resp = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  let data = null;
  try { data = await resp.json(); } catch (_) { data = null; }
  if (!resp.ok) {
    const msg = data && data.error ? data.error.message : `${resp.status} ${resp.statusText}`;
    throw new Error(msg);
  }
  return { status: resp.status, data };
}

// ---- analysis -------------------------------------------------------------------------------

let lastDigest = null;
let lastInfo = null;

async function submitAnalysis(save) {
  const status = $("status");
  const kind = currentKind();
  const body = {};
  if (kind === "url") {
    const url = $("url-input").value.trim();
    if (!url) { setStatus(status, t("emptyUrl"), true); $("url-input").focus(); return; }
    body.url = url;
  } else {
    const text = $("article-input").value;
    if (!text.trim()) { setStatus(status, t("empty"), true); $("article-input").focus(); return; }
    body[kind] = text;
  }
  if ($("lang-select").value) body.lang = $("lang-select").value;
  if ($("points-select").value) body.points = Number($("points-select").value);
  setStatus(status, t("working"));
  $("analyze-btn").disabled = true; $("save-btn").disabled = true;
  try {
    if (save) {
      const { status: code, data } = await callApi("POST", "/v1/articles", body);
      render(data.digest, { id: data.id, url: data.url });
      setStatus(status, (code === 201 ? t("saved", data.id) : t("already", data.id)) + " " + t("done", data.digest.key_points.length));
    } else {
      const { data } = await callApi("POST", "/v1/analyze", body);
      render(data, null);
      setStatus(status, t("done", data.key_points.length));
    }
  } catch (e) {
    setStatus(status, `${t("error")}: ${e.message}`, true);
  } finally {
    $("analyze-btn").disabled = false; $("save-btn").disabled = false;
  }
}

function slice(chars, span) {
  return chars.slice(span.start, span.end).join("");
}

// Renders one paragraph [start, end) of the text as a <p>, cutting it into segments at every
// annotation boundary; each segment carries the classes of the annotations covering it.
function renderParagraph(chars, start, end, anns) {
  const p = el("p");
  const cuts = new Set([start, end]);
  const inside = anns.filter((a) => a.end > start && a.start < end);
  for (const a of inside) {
    cuts.add(Math.max(start, a.start));
    cuts.add(Math.min(end, a.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i], e = points[i + 1];
    if (e <= s) continue;
    const active = inside.filter((a) => a.start <= s && a.end >= e);
    let node = document.createTextNode(chars.slice(s, e).join(""));
    // Nest from the widest annotation (key point) inwards.
    for (const a of active.sort((x, y) => x.rank - y.rank).reverse()) {
      const wrap = a.kind === "kp" ? el("mark", { class: "kp", "data-kp": String(a.index) })
        : a.kind === "q" ? el("span", { class: "q", title: a.title })
        : el("span", { class: "ent ent-" + a.type, title: a.title });
      wrap.append(node);
      node = wrap;
    }
    p.append(node);
    // After the last piece of a quote, name its speaker.
    for (const a of inside) {
      if (a.kind === "q" && a.end === e && a.speaker) p.append(el("span", { class: "who", text: a.speaker }));
    }
  }
  return p;
}

function render(d, info) {
  lastDigest = d; lastInfo = info;
  const chars = Array.from(d.text || "");
  $("result").hidden = false;
  const title = $("doc-title");
  title.hidden = !d.title;
  title.textContent = d.title || "";
  const meta = [];
  meta.push(`${t("language")}: ${d.language}`);
  meta.push(`${(d.sentences || []).length} ${t("sentences")}`);
  if (info && info.id) meta.push(`id ${info.id}`);
  if (d.meta && d.meta.site) meta.push(d.meta.site);
  if (d.meta && d.meta.date) meta.push(d.meta.date);
  $("doc-meta").textContent = meta.join(" · ");

  const kps = $("keypoints");
  kps.replaceChildren();
  (d.key_points || []).forEach((kp, i) => {
    const btn = el("button", { type: "button", class: "kp-link", text: kp.text || slice(chars, kp) });
    btn.addEventListener("click", () => {
      const target = document.querySelector(`#article mark[data-kp="${i}"]`);
      if (target) { target.scrollIntoView({ behavior: "smooth", block: "center" }); target.focus({ preventScroll: true }); }
    });
    kps.append(el("li", null, btn));
  });

  const given = (d.structure && d.structure.given_key_points) || [];
  $("given-box").hidden = given.length === 0;
  $("given-h").textContent = (d.structure && d.structure.given_key_points_heading) || t("givenPoints");
  $("given").replaceChildren(...given.map((g) => el("li", { text: g })));

  const ents = d.entities || [];
  $("entities-box").hidden = ents.length === 0;
  $("entities").replaceChildren(...ents.map((e) =>
    el("li", { class: "chip ent-" + e.type, title: t(e.type) },
      el("span", { class: "chip-type", text: e.type }), " ", el("span", { text: e.name }),
      (e.mentions || []).length > 1 ? el("span", { class: "chip-n", text: " ×" + e.mentions.length }) : null)));

  const quotes = d.quotes || [];
  $("quotes-box").hidden = quotes.length === 0;
  $("quotes").replaceChildren(...quotes.map((q) =>
    el("li", null,
      el("span", { class: "who-name", text: q.speaker ? q.speaker.name : t("unknown") }),
      el("span", { class: "cue", text: " " + (q.cue || t("said")) + ": " }),
      el("q", { text: q.content || slice(chars, q.text) }))));

  // Annotations over the text: key points, quotes, entity mentions.
  const anns = [];
  (d.key_points || []).forEach((kp, i) => anns.push({ kind: "kp", start: kp.start, end: kp.end, index: i, rank: 0 }));
  for (const q of quotes) {
    // A quote inside the given key-points box has spans into that item, not into the text.
    if (q.given_key_point != null) continue;
    const who = q.speaker ? q.speaker.name : null;
    anns.push({ kind: "q", start: q.text.start, end: q.text.end, speaker: who, title: who ? `${who} — ${q.cue}` : q.cue, rank: 1 });
  }
  for (const e of ents) {
    for (const m of e.mentions || []) anns.push({ kind: "ent", start: m.start, end: m.end, type: e.type, title: `${e.name} (${t(e.type)})`, rank: 2 });
  }
  const article = $("article");
  article.lang = d.language || "";
  const paras = (d.structure && d.structure.paragraphs && d.structure.paragraphs.length)
    ? d.structure.paragraphs : [{ start: 0, end: chars.length }];
  article.replaceChildren(...paras.map((p) => renderParagraph(chars, p.start, p.end, anns)));
  for (const m of article.querySelectorAll("mark.kp")) m.tabIndex = -1;
}

// ---- search ---------------------------------------------------------------------------------

let nextCursor = null;

function snippetNode(snippet) {
  const chars = Array.from(snippet.text || "");
  const out = el("p", { class: "snippet" });
  let pos = 0;
  const hs = [...(snippet.highlights || [])].sort((a, b) => a.start - b.start);
  for (const h of hs) {
    if (h.start < pos) continue;
    out.append(document.createTextNode(chars.slice(pos, h.start).join("")));
    out.append(el("mark", { text: chars.slice(h.start, h.end).join("") }));
    pos = h.end;
  }
  out.append(document.createTextNode(chars.slice(pos).join("")));
  return out;
}

async function runSearch(append) {
  const status = $("search-status");
  const params = new URLSearchParams();
  const q = $("search-input").value.trim();
  if (q) params.set("q", q);
  if ($("search-lang").value) params.set("lang", $("search-lang").value);
  params.set("limit", "10");
  if (append && nextCursor) params.set("cursor", nextCursor);
  setStatus(status, t("searching"));
  try {
    const { data } = await callApi("GET", "/v1/articles?" + params.toString());
    const list = $("search-results");
    if (!append) list.replaceChildren();
    for (const r of data.results) {
      const head = r.title || (r.key_points && r.key_points[0]) || r.id;
      const open = el("button", { type: "button", class: "result-title", text: head });
      open.addEventListener("click", () => openArticle(r.id));
      list.append(el("li", null, open,
        el("p", { class: "meta", text: `${r.lang} · ${r.created_at.slice(0, 10)}${r.url ? " · " + r.url : ""}` }),
        snippetNode(r.snippet)));
    }
    nextCursor = data.next_cursor || null;
    $("more-btn").hidden = !nextCursor;
    const n = list.children.length;
    setStatus(status, n ? t("found", n) : t("noResults"));
  } catch (e) {
    setStatus(status, `${t("error")}: ${e.message}`, true);
  }
}

async function openArticle(id) {
  try {
    const { data } = await callApi("GET", "/v1/articles/" + encodeURIComponent(id));
    render(data.digest, { id: data.id, url: data.url });
    setStatus($("status"), t("done", data.digest.key_points.length));
    $("result").scrollIntoView({ behavior: "smooth" });
    $("result-h").focus();
  } catch (e) {
    setStatus($("search-status"), `${t("error")}: ${e.message}`, true);
  }
}

// ---- wiring ---------------------------------------------------------------------------------

function syncKind() {
  const kind = currentKind();
  $("article-input").hidden = kind === "url";
  $("url-input").hidden = kind !== "url";
  $("article-input").placeholder = t(kind === "html" ? "htmlPh" : "textPh");
}

document.addEventListener("DOMContentLoaded", () => {
  $("result-h").tabIndex = -1;
  const saved = sessionStorage.getItem("kp-token");
  if (saved) $("token-input").value = saved;
  $("token-input").addEventListener("change", () => sessionStorage.setItem("kp-token", $("token-input").value));
  for (const r of document.querySelectorAll('input[name="kind"]')) r.addEventListener("change", syncKind);
  $("analyze-form").addEventListener("submit", (ev) => { ev.preventDefault(); submitAnalysis(false); });
  $("save-btn").addEventListener("click", () => submitAnalysis(true));
  $("article-input").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); submitAnalysis(false); }
  });
  $("search-form").addEventListener("submit", (ev) => { ev.preventDefault(); runSearch(false); });
  $("more-btn").addEventListener("click", () => runSearch(true));
  $("ui-lang").addEventListener("click", () => {
    ui = ui === "it" ? "en" : "it";
    localStorage.setItem("kp-ui", ui);
    applyStrings();
  });
  syncKind();
  applyStrings();
});
