// Map: where the filtered events happened. Country outlines shipped with the dashboard
// (/static/world.json, Natural Earth 1:110m, no tiles, no network), one circle per place sized
// by its events (area ∝ count), coloured by its commonest quad class, hollow where only the
// country is known; a click lists that place's events with their evidence.
// #/map?<the events filters>&at=<lat>,<lon>
import {
  QUAD_COLORS, QUAD_NAMES, actorLink, api, esc, evidenceHtml, fmtNumber, html, invertedRange,
  queryString, quadChip, raw, statusTag,
} from "./util.js";
import { filterFields, pickFilters, readFilterForm } from "./filterform.js";

const SVG = "http://www.w3.org/2000/svg";
// The world from 84°N to 60°S (Antarctica's coast is cut: no news is placed there).
const WORLD = { x: -180, y: -84, w: 360, h: 144 };
// Circle radii in screen pixels: the busiest place gets MAX_R, the others sqrt(count/max) of
// it (area follows the count), never below MIN_R so that one event stays clickable.
const MIN_R = 3;
const MAX_R = 22;
const MAX_ZOOM = 40;
const FIT_ZOOM = 6;
const PANEL_PAGE = 25;
const PRECISIONS = {
  site: "a site (a named building, base, crossing …)",
  city: "a city or town",
  adm1: "a province or region (ADM1)",
  country: "only the country (no place in the text)",
};
let outlines = null;

export function radiusPx(total, max) {
  return Math.max(MIN_R, MAX_R * Math.sqrt(total / Math.max(max, 1)));
}

async function loadOutlines() {
  if (!outlines) {
    const response = await fetch("/static/world.json");
    if (!response.ok) throw new Error(`the map outlines did not load (${response.status})`);
    outlines = await response.json();
  }
  return outlines;
}

function pageHtml(params) {
  return html`
    <div class="page-head">
      <div><h1>Map</h1>
        <div class="muted">Where the events happened: one circle per place, its area by the
        number of events, its colour by the commonest quad class. Click a circle to read them.</div></div>
      <div class="toolbar"><a id="list-these" href="#/events?${queryString(pickFilters(params))}">List these events</a></div>
    </div>
    <form class="card filters" id="map-filters" autocomplete="off">
      ${filterFields(params, "m")}
      <button class="primary" type="submit" id="apply-map">Apply</button>
      <button class="ghost" type="button" id="clear-map">Clear</button>
    </form>
    <div class="map-layout">
      <div class="card map-card">
        <div class="map-tools">
          <button type="button" class="ghost" id="zoom-in" title="Zoom in">+</button>
          <button type="button" class="ghost" id="zoom-out" title="Zoom out">−</button>
          <button type="button" class="ghost" id="zoom-fit" title="Every place">Fit</button>
          <button type="button" class="ghost" id="zoom-world" title="The whole world">World</button>
          <button type="button" class="ghost" id="view-filter" title="Keep only the events inside this view (bbox)">Only this view</button>
        </div>
        <svg id="map-svg" class="map-svg" xmlns="${SVG}" role="img" aria-label="Map of the events"
          viewBox="${WORLD.x} ${WORLD.y} ${WORLD.w} ${WORLD.h}" preserveAspectRatio="xMidYMid meet"></svg>
        <div class="legend-row map-legend" id="map-legend"></div>
      </div>
      <aside class="card map-panel" id="map-panel"><p class="muted">Loading…</p></aside>
    </div>`;
}

export async function renderMap(view, params) {
  view.innerHTML = pageHtml(params);
  const form = view.querySelector("#map-filters");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    window.location.hash = `#/map?${queryString(readFilterForm(form))}`;
  });
  view.querySelector("#clear-map").addEventListener("click", () => { window.location.hash = "#/map"; });
  const panel = view.querySelector("#map-panel");
  const inverted = invertedRange(params);
  if (inverted) {
    panel.innerHTML = html`<div class="error" id="range-error">${inverted}</div>`;
    return;
  }
  const filters = pickFilters(params);
  let world;
  let data;
  try {
    [world, data] = await Promise.all([loadOutlines(), api("/api/map", filters)]);
  } catch (error) {  // a filter the API refuses: its message beside the form, to correct it
    panel.innerHTML = html`<div class="error" id="map-error">${error.message || error}</div>`;
    return;
  }
  const svg = view.querySelector("#map-svg");
  drawCountries(svg, world, new Set(data.points.map((p) => p.country)));
  if (params.bbox) drawArea(svg, params.bbox);
  const circles = drawPoints(svg, data.points);
  const camera = panZoom(svg, circles, view);
  view.querySelector("#view-filter").addEventListener("click", () => {
    window.location.hash = `#/map?${queryString({ ...filters, bbox: camera.bbox() })}`;
  });
  view.querySelector("#map-legend").innerHTML = legendHtml();
  const overview = () => {
    panel.innerHTML = summaryHtml(data, filters);
    wireBusiest(panel, circles, select);
  };
  const select = (circle) => selectPoint(circle, circles, panel, filters, overview);
  overview();
  for (const circle of circles) {
    circle.addEventListener("click", () => { if (!camera.dragged()) select(circle); });
  }
  const at = (params.at || "").split(",").map(Number);
  const chosen = at.length === 2 && circles.find((c) => c.point.lat === at[0] && c.point.lon === at[1]);
  if (chosen) await select(chosen);
}

function drawCountries(svg, world, busy) {
  const layer = document.createElementNS(SVG, "g");
  layer.setAttribute("class", "countries");
  const ocean = document.createElementNS(SVG, "rect");
  for (const [k, v] of Object.entries({ x: WORLD.x, y: WORLD.y, width: WORLD.w, height: WORLD.h, class: "ocean" })) {
    ocean.setAttribute(k, v);
  }
  layer.appendChild(ocean);
  for (const country of world.countries) {
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("d", country.d);
    path.setAttribute("class", busy.has(country.iso3) ? "country busy" : "country");
    path.dataset.iso3 = country.iso3;
    const title = document.createElementNS(SVG, "title");
    title.textContent = country.name;
    path.appendChild(title);
    layer.appendChild(path);
  }
  svg.appendChild(layer);
}

// The area a bbox filter keeps, outlined (a box across the antimeridian is drawn as its two
// parts).
function drawArea(svg, bbox) {
  const [minLon, minLat, maxLon, maxLat] = bbox.split(",").map(Number);
  if ([minLon, minLat, maxLon, maxLat].some(Number.isNaN)) return;
  const spans = minLon <= maxLon ? [[minLon, maxLon]] : [[minLon, 180], [-180, maxLon]];
  for (const [a, b] of spans) {
    const rect = document.createElementNS(SVG, "rect");
    const attrs = { x: a, y: -Math.max(minLat, maxLat), width: b - a, height: Math.abs(maxLat - minLat), class: "bbox-area" };
    for (const [k, v] of Object.entries(attrs)) rect.setAttribute(k, v);
    svg.appendChild(rect);
  }
}

function drawPoints(svg, points) {
  const layer = document.createElementNS(SVG, "g");
  layer.setAttribute("class", "points");
  const max = Math.max(1, ...points.map((p) => p.total));
  // The API gives the busiest first: drawn first, the small circles stay on top.
  const circles = points.map((point) => {
    const circle = document.createElementNS(SVG, "circle");
    circle.setAttribute("cx", point.lon);
    circle.setAttribute("cy", -point.lat);
    circle.setAttribute("class", `map-point q${point.quad_class || 0} prec-${point.precision || "unknown"}`);
    circle.setAttribute("fill", QUAD_COLORS[point.quad_class] || "#8593a3");
    circle.setAttribute("stroke", QUAD_COLORS[point.quad_class] || "#8593a3");
    circle.setAttribute("tabindex", "0");
    circle.dataset.total = point.total;
    circle.dataset.r = radiusPx(point.total, max).toFixed(3);
    circle.point = point;
    const title = document.createElementNS(SVG, "title");
    title.textContent = pointTitle(point);
    circle.appendChild(title);
    circle.addEventListener("keydown", (e) => { if (e.key === "Enter") circle.dispatchEvent(new Event("click")); });
    layer.appendChild(circle);
    return circle;
  });
  svg.appendChild(layer);
  return circles;
}

function placeName(point) {
  const parts = [point.name || "unnamed place"];
  if (point.adm1_name && point.adm1_name !== point.name) parts.push(point.adm1_name);
  if (point.country && point.precision !== "country") parts.push(point.country);
  return parts.join(", ");
}

function quadCounts(point) {
  return [1, 2, 3, 4].map((q) => [q, point[QUAD_NAMES[q].replace(" ", "_")]]).filter(([, n]) => n > 0);
}

function pointTitle(point) {
  const counts = quadCounts(point).map(([q, n]) => `${n} ${QUAD_NAMES[q]}`).join(", ");
  const events = `${point.total} ${point.total === 1 ? "event" : "events"}`;
  return `${placeName(point)} (${point.precision || "?"}): ${events}${counts ? ` — ${counts}` : ""}`;
}

// The view that holds every point with a margin, in the world's proportions (the whole world
// when there are none), at most FIT_ZOOM times closer than it.
function fitBox(points) {
  if (!points.length) return { ...WORLD };
  const xs = points.map((p) => p.lon);
  const ys = points.map((p) => -p.lat);
  // a margin of an eighth of the span each side (at least 8°), so edge circles show whole
  const spanX = Math.max(...xs) - Math.min(...xs);
  const spanY = Math.max(...ys) - Math.min(...ys);
  let w = spanX + 2 * Math.max(8, spanX / 8);
  let h = spanY + 2 * Math.max(8, spanY / 8);
  const ratio = WORLD.w / WORLD.h;
  if (w / h < ratio) w = h * ratio; else h = w / ratio;
  w = Math.min(WORLD.w, Math.max(w, WORLD.w / FIT_ZOOM));
  h = w / ratio;
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  return clampBox({ x: cx - w / 2, y: cy - h / 2, w, h });
}

// Zoom (wheel, buttons) and pan (drag) by moving the viewBox; circles keep their screen size.
function panZoom(svg, circles, view) {
  const fitted = fitBox(circles.map((c) => c.point));
  let box = { ...fitted };
  let drag = null;
  let moved = false;
  const apply = () => {
    svg.setAttribute("viewBox", `${box.x} ${box.y} ${box.w} ${box.h}`);
    const perPx = Math.max(box.w / (svg.clientWidth || 1000), box.h / (svg.clientHeight || 500));
    for (const c of circles) c.setAttribute("r", (Number(c.dataset.r) * perPx).toFixed(4));
    svg.dataset.zoom = (WORLD.w / box.w).toFixed(3);
  };
  const zoom = (factor, cx = box.x + box.w / 2, cy = box.y + box.h / 2) => {
    const w = Math.min(WORLD.w, Math.max(WORLD.w / MAX_ZOOM, box.w / factor));
    const k = w / box.w;
    box = clampBox({ x: cx - (cx - box.x) * k, y: cy - (cy - box.y) * k, w, h: box.h * k });
    apply();
  };
  const toWorld = (e) => {
    const rect = svg.getBoundingClientRect();
    const perPx = Math.max(box.w / rect.width, box.h / rect.height);
    const left = box.x + box.w / 2 - (rect.width / 2) * perPx;
    const top = box.y + box.h / 2 - (rect.height / 2) * perPx;
    return [left + (e.clientX - rect.left) * perPx, top + (e.clientY - rect.top) * perPx, perPx];
  };
  svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    const [x, y] = toWorld(e);
    zoom(e.deltaY < 0 ? 1.25 : 0.8, x, y);
  }, { passive: false });
  svg.addEventListener("pointerdown", (e) => { drag = { x: e.clientX, y: e.clientY, box: { ...box } }; moved = false; });
  svg.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) moved = true;
    if (!moved) return;
    const perPx = toWorld(e)[2];
    box = clampBox({ ...drag.box, x: drag.box.x - dx * perPx, y: drag.box.y - dy * perPx });
    apply();
  });
  const stop = () => { drag = null; };
  svg.addEventListener("pointerup", stop);
  svg.addEventListener("pointerleave", stop);
  view.querySelector("#zoom-in").addEventListener("click", () => zoom(1.6));
  view.querySelector("#zoom-out").addEventListener("click", () => zoom(1 / 1.6));
  view.querySelector("#zoom-world").addEventListener("click", () => { box = { ...WORLD }; apply(); });
  view.querySelector("#zoom-fit").addEventListener("click", () => { box = { ...fitted }; apply(); });
  new ResizeObserver(apply).observe(svg);
  apply();
  // The visible area as the API's bbox filter: min_lon,min_lat,max_lon,max_lat.
  const bbox = () => {
    const [x0, y0] = toWorld({ clientX: svg.getBoundingClientRect().left, clientY: svg.getBoundingClientRect().top });
    const [x1, y1] = toWorld({ clientX: svg.getBoundingClientRect().right, clientY: svg.getBoundingClientRect().bottom });
    const lon = (x) => Math.min(180, Math.max(-180, x)).toFixed(2);
    const lat = (y) => Math.min(90, Math.max(-90, -y)).toFixed(2);
    return `${lon(x0)},${lat(y1)},${lon(x1)},${lat(y0)}`;
  };
  return { dragged: () => moved, bbox };
}

function clampBox(box) {
  const x = Math.min(Math.max(box.x, WORLD.x), WORLD.x + WORLD.w - box.w);
  const y = Math.min(Math.max(box.y, WORLD.y), WORLD.y + WORLD.h - box.h);
  return { ...box, x, y };
}

function legendHtml() {
  const quads = [1, 2, 3, 4].map((q) => `<span><i class="swatch" style="background:${QUAD_COLORS[q]}"></i>${QUAD_NAMES[q]}</span>`);
  return quads.join("") + `<span><i class="dot solid"></i>a place in the text</span>
    <span><i class="dot hollow"></i>only the country known</span>
    <span class="muted">circle area ∝ events · scroll to zoom, drag to pan</span>`;
}

function summaryHtml(data, filters) {
  const rank = (p) => { const i = Object.keys(PRECISIONS).indexOf(p); return i < 0 ? 99 : i; };
  const precision = Object.entries(data.by_precision).sort((a, b) => rank(a[0]) - rank(b[0]))
    .map(([p, n]) => html`<li><span>${p}</span><b>${fmtNumber(n)}</b></li>`).join("");
  const listLink = `#/events?${queryString(filters)}`;
  const truncated = data.places > data.points.length
    ? html`<p class="muted small">The ${fmtNumber(data.points.length)} busiest of ${fmtNumber(data.places)} places are drawn.</p>` : "";
  const busiest = data.points.slice(0, 8).map((p) => html`<li><a href="#" data-lat="${p.lat}" data-lon="${p.lon}">${placeName(p)}</a><b>${fmtNumber(p.total)}</b></li>`).join("");
  return html`<h2 id="map-counts">${fmtNumber(data.placed)} events at ${fmtNumber(data.places)} places</h2>
    <p id="map-unplaced" class="${data.unplaced ? "" : "muted"}">${data.unplaced
      ? `${fmtNumber(data.unplaced)} ${data.unplaced === 1 ? "event has" : "events have"} no place and ${data.unplaced === 1 ? "is" : "are"} not on the map.`
      : "Every event has a place."}
      <a href="${listLink}">List them all</a></p>
    ${raw(truncated)}
    <h3 class="small muted">Placed to</h3>
    <ul class="dyad-list" id="map-precision">${raw(precision)}</ul>
    <h3 class="small muted">Busiest places</h3>
    <ul class="dyad-list" id="map-busiest">${raw(busiest)}</ul>
    <dl class="kv small">${raw(Object.entries(PRECISIONS).map(([k, v]) => `<dt>${k}</dt><dd>${esc(v)}</dd>`).join(""))}</dl>`;
}

async function selectPoint(circle, circles, panel, filters, overview) {
  for (const c of circles) c.classList.toggle("selected", c === circle);
  const { point } = circle;
  const hash = window.location.hash.replace(/([?&])at=[^&]*&?/, "$1").replace(/[?&]$/, "");
  const sep = hash.includes("?") ? "&" : "?";
  history.replaceState(null, "", `${hash || "#/map"}${sep}at=${point.lat},${point.lon}`);
  panel.innerHTML = html`<div class="period-head"><h2 id="place-name">${placeName(point)}</h2>
      <button type="button" class="ghost" id="place-close" title="Back to the summary">×</button></div>
    <div class="muted small" id="place-meta">${point.precision || ""} · ${point.total} ${point.total === 1 ? "event" : "events"}
      ${point.first_date ? ` · ${point.first_date}${point.last_date !== point.first_date ? ` – ${point.last_date}` : ""}` : ""}</div>
    <div class="place-quads">${raw(quadCounts(point).map(([q, n]) => `<span class="chip q${q}">${n} ${esc(QUAD_NAMES[q])}</span>`).join(" "))}</div>
    <ul class="side-list map-events" id="place-events"><li class="muted">Loading…</li></ul>`;
  panel.querySelector("#place-close").addEventListener("click", () => {
    circle.classList.remove("selected");
    overview();
  });
  await loadPlaceEvents(panel.querySelector("#place-events"), point, filters, 0);
}

async function loadPlaceEvents(list, point, filters, offset) {
  const page = await api("/api/map/events", { ...filters, lat: point.lat, lon: point.lon, limit: PANEL_PAGE, offset });
  if (offset === 0) list.innerHTML = "";
  list.querySelector(".more")?.remove();
  list.insertAdjacentHTML("beforeend", page.events.map(placeEventHtml).join(""));
  if (page.next_offset != null) {
    list.insertAdjacentHTML("beforeend", `<li class="more"><button type="button" class="ghost">Show ${Math.min(PANEL_PAGE, page.total - page.next_offset)} more</button></li>`);
    list.querySelector(".more button").addEventListener("click", () => loadPlaceEvents(list, point, filters, page.next_offset));
  }
}

function placeEventHtml(ev) {
  return html`<li class="map-event" data-event="${ev.event_id}">
    <div><span class="date">${ev.date_text || ev.event_date || ""}</span>
      ${actorLink(ev.source_code, ev.source_text)}<span class="arrow">→</span>${quadChip(ev.plover_type, ev.quad_class)}<span class="arrow">→</span>${actorLink(ev.target_code, ev.target_text)}
      ${ev.status !== "asserted" ? statusTag(ev.status) : ""}</div>
    <div>${evidenceHtml(ev)}</div>
    <div class="source-line"><a href="#/article/${ev.article_id}">${ev.article_title || ev.article_id}</a>
      · placed by ${ev.location_how || "?"}${ev.report_count > 1 ? ` · ${ev.report_count} reports` : ""}</div></li>`;
}

// The summary's busiest places select their circle.
function wireBusiest(panel, circles, select) {
  for (const link of panel.querySelectorAll("#map-busiest a")) {
    link.addEventListener("click", (e) => {
      e.preventDefault();
      const circle = circles.find((c) => String(c.point.lat) === link.dataset.lat && String(c.point.lon) === link.dataset.lon);
      if (circle) select(circle);
    });
  }
}
