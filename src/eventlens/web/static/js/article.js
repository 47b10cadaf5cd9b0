// Article: the text with evidence sentences highlighted by quad class, quotes and actors marked.
import {
  QUAD_NAMES, actorLink, api, confidenceText, esc, html, quadChip, raw, reportsText, statusTag,
} from "./util.js";

export async function renderArticle(view, _params, id) {
  if (!id) {
    view.innerHTML = `<div class="empty">Open an article from the events table or a search.</div>`;
    return;
  }
  const art = await api(`/api/articles/${encodeURIComponent(id)}`);
  view.innerHTML = html`
    <div class="page-head"><div>
      <h1 id="article-title">${art.title || "(untitled)"}</h1>
      <div class="meta">${art.published} · ${art.outlet || "unknown outlet"} ·
        ${art.url ? raw(`<a href="${esc(art.url)}" rel="noopener noreferrer" target="_blank">${esc(art.url)}</a>`) : art.origin}
        · <span class="actor" title="article id">${art.id}</span></div></div>
      <div class="legend-row">
        ${raw([1, 2, 3, 4].map((q) => `<span><span class="swatch" style="background:var(--q${q})"></span>${QUAD_NAMES[q]}</span>`).join(""))}
        <span><span class="swatch" style="background:#8a74d6"></span>quote</span>
        <span><b>bold</b>: actor mention</span>
      </div>
    </div>
    <div class="grid-2">
      <div class="card"><div class="article-text" id="article-text">${raw(markedText(art))}</div></div>
      <div>
        <div class="card"><h2>${plural(art.events.length, "event")}</h2><ul class="side-list" id="article-events">
          ${raw(art.events.map(eventItem).join("") || `<li class="muted">No events.</li>`)}</ul></div>
        <div class="card"><h2>${plural(art.quotes.length, "quote")}</h2><ul class="side-list" id="article-quotes">
          ${raw(art.quotes.map(quoteItem).join("") || `<li class="muted">No quotes.</li>`)}</ul></div>
      </div>
    </div>`;
  wireHover(view);
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function eventItem(ev) {
  return html`<li data-event="${ev.event_id}">
    <div>${actorLink(ev.source_code, ev.source_text)}<span class="arrow">→</span>${actorLink(ev.target_code, ev.target_text)}
      ${quadChip(ev.plover_type, ev.quad_class)} ${statusTag(ev.status)}</div>
    <div class="small muted">${ev.date_text || ""} · trigger “${ev.trigger || ""}” · confidence ${confidenceText(ev.confidence)} · chars ${ev.evidence_start}–${ev.evidence_end}</div>
    <div class="small muted reports" data-reports="${ev.report_count ?? 1}">${reportsText(ev, false)}</div>
    ${raw(ev.why && ev.why.length ? html`<div class="small muted why">why: ${ev.why.join(", ")}</div>` : "")}
  </li>`;
}

function quoteItem(q) {
  return html`<li><b>${q.speaker || "?"}</b> <span class="actor">${q.actor_code || "?"}</span>
    <div class="small">“${q.text || ""}”</div></li>`;
}

// Evidence sentences become one <mark> each (overlapping ones merge); inside and between them,
// quotes and actor mentions are marked by splitting at their boundaries.
function markedText(art) {
  const text = art.text;
  const groups = [];
  const evs = [...art.events].sort((a, b) => a.evidence_start - b.evidence_start);
  for (const ev of evs) {
    const last = groups[groups.length - 1];
    if (last && ev.evidence_start < last.e) {
      last.e = Math.max(last.e, ev.evidence_end);
      last.events.push(ev);
    } else {
      groups.push({ s: ev.evidence_start, e: ev.evidence_end, events: [ev] });
    }
  }
  const inner = [];
  for (const q of art.quotes) if (q.start_char != null) inner.push({ s: q.start_char, e: q.end_char, kind: "quote" });
  for (const m of art.mentions) if (m.start_char != null) inner.push({ s: m.start_char, e: m.end_char, kind: "mention", m });
  let out = "";
  let pos = 0;
  for (const g of groups) {
    out += marks(text, pos, g.s, inner);
    const worst = Math.max(...g.events.map((ev) => ev.quad_class || 1));
    const ids = g.events.map((ev) => ev.event_id).join(" ");
    const title = g.events.map((ev) => `${ev.source_code || "?"} ${ev.plover_type} ${ev.target_code || "-"} (${ev.status})`).join("\n");
    out += `<mark class="ev q${worst}" data-events="${esc(ids)}" title="${esc(title)}">${marks(text, g.s, g.e, inner)}</mark>`;
    pos = g.e;
  }
  return out + marks(text, pos, text.length, inner);
}

function marks(text, from, to, spans) {
  if (to <= from) return "";
  const inside = spans.filter((sp) => sp.s < to && sp.e > from);
  const cuts = new Set([from, to]);
  for (const sp of inside) { cuts.add(Math.max(from, sp.s)); cuts.add(Math.min(to, sp.e)); }
  const points = [...cuts].sort((x, y) => x - y);
  let out = "";
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    let piece = esc(text.slice(a, b));
    const covering = inside.filter((sp) => sp.s <= a && sp.e >= b);
    const mention = covering.find((sp) => sp.kind === "mention");
    if (mention) piece = `<span class="mention" title="${esc(mention.m.actor_code || "")} (${esc(mention.m.how || "")})">${piece}</span>`;
    if (covering.some((sp) => sp.kind === "quote")) piece = `<span class="quote">${piece}</span>`;
    out += piece;
  }
  return out;
}

function wireHover(view) {
  const marks = [...view.querySelectorAll("mark.ev")];
  for (const li of view.querySelectorAll("#article-events li[data-event]")) {
    const id = li.dataset.event;
    const mine = marks.filter((m) => m.dataset.events.split(" ").includes(id));
    li.addEventListener("mouseenter", () => { li.classList.add("hover"); mine.forEach((m) => m.classList.add("focus")); });
    li.addEventListener("mouseleave", () => { li.classList.remove("hover"); mine.forEach((m) => m.classList.remove("focus")); });
  }
  for (const mark of marks) {
    mark.addEventListener("click", () => {
      const first = mark.dataset.events.split(" ")[0];
      const li = view.querySelector(`#article-events li[data-event="${CSS.escape(first)}"]`);
      if (li) { li.scrollIntoView({ block: "nearest" }); li.classList.add("hover"); setTimeout(() => li.classList.remove("hover"), 1200); }
    });
  }
}
