// The dashboard's router: #/events, #/dyad, #/network, #/map, #/claims, #/search, #/article/<id>.
import { api, esc, fmtNumber, showError } from "./util.js";
import { renderEvents } from "./events.js";
import { renderDyad } from "./dyad.js";
import { renderNetwork } from "./network.js";
import { renderArticle } from "./article.js";
import { renderSearch } from "./search.js";
import { renderClaims } from "./claims.js";
import { renderMap } from "./map.js";
import { state } from "./state.js";

const PAGES = {
  events: renderEvents,
  dyad: renderDyad,
  network: renderNetwork,
  map: renderMap,
  claims: renderClaims,
  search: renderSearch,
  article: renderArticle,
};


function parseHash() {
  const hash = window.location.hash.replace(/^#\/?/, "") || "events";
  const [path, query = ""] = hash.split("?");
  const [page, ...rest] = path.split("/");
  return { page: PAGES[page] ? page : "events", arg: decodeURIComponent(rest.join("/")),
    params: Object.fromEntries(new URLSearchParams(query)) };
}

async function route() {
  const { page, arg, params } = parseHash();
  for (const link of document.querySelectorAll(".tabs a[data-page]")) {
    link.classList.toggle("active", link.dataset.page === page);
  }
  const view = document.getElementById("view");
  view.dataset.page = page;
  try {
    await PAGES[page](view, params, arg);
  } catch (error) {
    showError(view, error);
  }
}

async function loadShared() {
  const [summary, vocabulary, actors] = await Promise.all([
    api("/api/summary"), api("/api/vocabulary"), api("/api/actors", { limit: 500 }),
  ]);
  Object.assign(state, { summary, vocabulary, actors });
  const stats = document.getElementById("store-stats");
  const range = summary.first_date ? `${summary.first_date} – ${summary.last_date}` : "no dates";
  // The store's default view, as every page counts it: merged asserted events.
  stats.innerHTML = `<b>${esc(fmtNumber(summary.events))}</b> events
    <span class="muted">(from ${esc(fmtNumber(summary.reports))} reports)</span> ·
    <b>${esc(fmtNumber(summary.store_articles))}</b> articles · <span class="nowrap">${esc(range)}</span>`;
  const list = document.createElement("datalist");
  list.id = "actor-codes";
  list.innerHTML = actors.map((a) => `<option value="${esc(a.code)}">${esc(a.name)}</option>`).join("");
  document.body.appendChild(list);
}

window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", async () => {
  try {
    await loadShared();
  } catch (error) {
    showError(document.getElementById("view"), error);
    return;
  }
  await route();
});
