// The events filters as a form, shared by the events and map pages so that both read the same
// hash parameters (#/events?source=RUS&type=ASSAULT … and #/map?… with the same names).
import { html, raw } from "./util.js";
import { state } from "./state.js";

export const EVENT_FILTERS = ["source", "target", "actor", "type", "status", "since", "until", "q", "merged",
  "location_country", "location_adm1", "bbox"];

// The form's fields (inputs named as the API's filters), filled from the page's parameters,
// as raw HTML for the html`` tag.
export function filterFields(params, prefix = "f") {
  const types = state.vocabulary.plover_types;
  const statuses = state.vocabulary.statuses.filter((s) => s !== "asserted");
  const merged = params.merged !== "false";
  const actorField = (name, label, placeholder) => raw(html`<div class="field"><label for="${prefix}-${name}">${label}</label>
    <input id="${prefix}-${name}" name="${name}" class="code" list="actor-codes" placeholder="${placeholder}" value="${params[name] || ""}"></div>`);
  return raw(html`
    ${actorField("source", "Source", "RUS")}
    ${actorField("target", "Target", "UKR")}
    ${actorField("actor", "Either side", "USA")}
    <div class="field"><label for="${prefix}-type">Type</label>
      <select id="${prefix}-type" name="type"><option value="">all types</option>
      ${raw(types.map((t) => `<option value="${t.name}" ${params.type === t.name ? "selected" : ""}>${t.name}</option>`).join(""))}
      </select></div>
    <div class="field"><label for="${prefix}-status">Status</label>
      <select id="${prefix}-status" name="status"><option value="">asserted</option>
      ${raw(statuses.map((s) => `<option ${params.status === s ? "selected" : ""}>${s}</option>`).join(""))}
      <option value="all" ${raw(params.status === "all" ? "selected" : "")}>all statuses</option>
      </select></div>
    <div class="field"><label for="${prefix}-merged">Count</label>
      <select id="${prefix}-merged" name="merged">
        <option value="">each event once</option>
        <option value="false" ${raw(merged ? "" : "selected")}>every report</option>
      </select></div>
    <div class="field"><label for="${prefix}-since">Since</label>
      <input id="${prefix}-since" name="since" type="date" value="${params.since || ""}"></div>
    <div class="field"><label for="${prefix}-until">Until</label>
      <input id="${prefix}-until" name="until" type="date" value="${params.until || ""}"></div>
    <div class="field"><label for="${prefix}-q">Evidence contains</label>
      <input id="${prefix}-q" name="q" class="wide" placeholder="e.g. sanctions" value="${params.q || ""}"></div>
    <div class="field"><label for="${prefix}-location_country" title="Where the event happened: a country code or name">Happened in</label>
      <input id="${prefix}-location_country" name="location_country" class="code" placeholder="UKR" value="${params.location_country || ""}"></div>
    ${placeField(params, prefix, "location_adm1", "Region (ADM1)", "code")}
    ${placeField(params, prefix, "bbox", "Area (lon,lat,lon,lat)", "wide")}`);
}

// A place filter set elsewhere (the map's "Only this view", a link): shown, so it can be cleared.
function placeField(params, prefix, name, label, width) {
  const value = params[name];
  if (!value) return raw("");
  return raw(html`<div class="field"><label for="${prefix}-${name}">${label}</label>
    <input id="${prefix}-${name}" name="${name}" class="${width}" value="${value}"></div>`);
}

// The form's values as hash parameters (actor codes upper-cased).
export function readFilterForm(form) {
  const values = Object.fromEntries(new FormData(form));
  for (const k of ["source", "target", "actor"]) values[k] = (values[k] || "").trim().toUpperCase();
  return values;
}

// The filters a page passes to the API: the EVENT_FILTERS among its parameters.
export function pickFilters(params) {
  return Object.fromEntries(EVENT_FILTERS.map((k) => [k, params[k]]));
}
