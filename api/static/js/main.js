// Wires the page: the URL (every view and selection lives in it: deep links, Back/Forward), tabs,
// search with suggestions, the staff login, the network's focus and paths, and each view.

import { gql, setToken, token } from "./api.js";
import { autocomplete, resolve, set } from "./autocomplete.js";
import { currentFocus, drawNetwork, highlightPaths, setFocus } from "./network.js";
import { showEntity } from "./panel.js";
import { initRegistry } from "./registry.js";
import { initPartners } from "./partners.js";
import { initTracer, pathView } from "./tracer.js";
import { initGaps } from "./gaps.js";
import { initEvolution } from "./evolution.js";
import { initDuplicates } from "./duplicates.js";
import { initProposals } from "./proposals.js";
import { guarded, h, isoToday, nameOf, say } from "./ui.js";
import { loadVocabularies } from "./vocabulary.js";

const VIEWER = `query Moi { viewer { role name } }`;
const PATHS = `query Chemins($from: ID!, $to: ID!) {
  accessPaths(sourceId: $from, targetId: $to, k: 3, maxDepth: 6) { nodes { id label name } relationships { type reading source target } }
}`;
const TRACE_PATHS = `query CheminsReco($id: ID!) {
  traceRecommendation(id: $id) { recommendation { name } addressees { paths { nodes { id } } } }
}`;
const VIEWS = ["reseau", "mandats", "partenaires", "recommandations", "lacunes", "evolution", "doublons", "propositions"];

export const session = { role: "anonymous", listeners: [] };

// --- the URL: #/view?param=value ------------------------------------------------------------
function parseHash() {
  const [path, query] = location.hash.replace(/^#\/?/, "").split("?");
  const view = VIEWS.includes(path) ? path : "reseau";
  return { view, params: Object.fromEntries(new URLSearchParams(query || "")) };
}

/** The link to ``view`` with ``params`` (empty ones left out). */
function link(view, params = {}) {
  const kept = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== "");
  const query = new URLSearchParams(kept).toString();
  return `#/${view}${query ? `?${query}` : ""}`;
}

// --- tabs (WAI-ARIA tabs pattern: arrows move, Enter/click selects) ---------------------------
/** The staff's tabs are shown to staff, and to anyone whose link opened one (it says to log in). */
function showStaffTabs() {
  const staff = document.body.dataset.role && document.body.dataset.role !== "anonymous";
  for (const tab of document.querySelectorAll(".staff-tab")) tab.hidden = !staff && tab.getAttribute("aria-selected") !== "true";
}

function initTabs(onSelect) {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const show = (tab, focus = false) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
    }
    showStaffTabs();
    if (focus) tab.focus();
    tab.scrollIntoView({ block: "nearest", inline: "nearest" }); // on a phone the strip scrolls
  };
  tabs.forEach((tab) => {
    tab.addEventListener("click", () => onSelect(tab.id.replace("tab-", "")));
    tab.addEventListener("keydown", (event) => {
      const shown = tabs.filter((t) => !t.hidden); // the staff's tabs are hidden from the public
      const i = shown.indexOf(tab);
      const next = event.key === "ArrowRight" ? shown[(i + 1) % shown.length] : event.key === "ArrowLeft" ? shown[(i - 1 + shown.length) % shown.length]
        : event.key === "Home" ? shown[0] : event.key === "End" ? shown[shown.length - 1] : null;
      if (next) {
        show(next, true);
        onSelect(next.id.replace("tab-", ""));
      }
    });
  });
  return (view) => show(document.getElementById(`tab-${view}`));
}

// --- staff login ------------------------------------------------------------------------------
async function refreshViewer() {
  const who = document.getElementById("qui");
  const button = document.getElementById("connexion");
  let viewer = { role: "anonymous", name: null };
  let refused = null;
  if (token()) {
    try {
      viewer = (await gql(VIEWER)).viewer;
    } catch (error) {
      setToken(null);
      refused = error.code === "UNAUTHENTICATED"
        ? "Jeton refusé : il est inconnu, expiré ou révoqué. Vous restez en lecture publique ; demandez un nouveau jeton à l'administrateur."
        : error.message;
    }
  }
  session.role = String(viewer.role || "anonymous").toLowerCase();
  document.body.dataset.role = session.role;
  const staff = session.role !== "anonymous";
  who.textContent = staff ? `Connecté·e : ${viewer.name || "équipe"}` : "Lecture publique";
  button.textContent = staff ? "Se déconnecter" : "Connexion équipe";
  for (const form of document.querySelectorAll(".staff-only")) form.hidden = !staff;
  showStaffTabs();
  for (const listener of session.listeners) await listener(session.role);
  if (refused) say(refused); // after the views have redrawn: their refresh would wipe it
  return refused;
}

function initLogin() {
  const dialog = document.getElementById("dialogue-connexion");
  const button = document.getElementById("connexion");
  const error = document.getElementById("connexion-erreur");
  button.addEventListener("click", async () => {
    if (token()) {
      setToken(null);
      await refreshViewer();
      say("Vous êtes déconnecté·e.", "info");
    } else {
      error.hidden = true;
      dialog.showModal();
      document.getElementById("jeton").focus();
    }
  });
  document.getElementById("annuler-connexion").addEventListener("click", () => dialog.close());
  document.getElementById("form-connexion").addEventListener("submit", async (event) => {
    event.preventDefault();
    const field = document.getElementById("jeton");
    if (!field.value.trim()) return;
    setToken(field.value.trim());
    field.value = "";
    const refused = await refreshViewer();
    if (refused) {
      error.textContent = refused;
      error.hidden = false;
      field.focus();
    } else {
      dialog.close();
      say("Connexion réussie.", "info");
    }
  });
}

// --- network view -----------------------------------------------------------------------------
function networkFilters() {
  const form = document.getElementById("filtres-reseau");
  return {
    layers: [...form.querySelectorAll('input[name="layer"]:checked')].map((box) => box.value),
    territory: form.territory.value,
    asOf: form.asOf.value,
    size: form.size.value,
    group: form.group.value,
  };
}

function filtersToParams(filters) {
  return {
    maillages: filters.layers.length === 3 ? "" : filters.layers.join(",") || "aucun",
    territoire: filters.territory, date: filters.asOf === isoToday() ? "" : filters.asOf,
    taille: filters.size === "degree" ? "" : filters.size, groupe: filters.group,
  };
}

function paramsToFilters(params) {
  const form = document.getElementById("filtres-reseau");
  const layers = params.maillages === "aucun" ? [] : params.maillages ? params.maillages.split(",") : ["VERTICAL", "HORIZONTAL", "DIAGONAL"];
  for (const box of form.querySelectorAll('input[name="layer"]')) box.checked = layers.includes(box.value);
  form.territory.value = params.territoire || "";
  form.asOf.value = params.date || isoToday();
  form.size.value = params.taille || "degree";
  form.group.value = params.groupe || "";
}

async function start() {
  let lastDrawn = null;
  let current = { view: null, params: {} };
  const views = {};
  const selectTab = initTabs((view) => navigate(view, view === current.view ? current.params : (views[view]?.last || {})));
  const networkParams = (extra) => ({ ...filtersToParams(networkFilters()), ...extra });

  const apply = async ({ view, params }) => {
    current = { view, params };
    selectTab(view);
    document.title = `${document.getElementById(`tab-${view}`).textContent} — maillage`;
    if (views[view]) views[view].last = params;
    if (view === "reseau") await applyNetwork(params);
    else if (views[view]?.apply) await views[view].apply(params);
  };
  async function navigate(view, params = {}, { replace = false } = {}) {
    const target = link(view, view === "reseau" ? networkParams(params) : params);
    if (target !== location.hash) history[replace ? "replaceState" : "pushState"](null, "", target);
    await apply(parseHash());
  }
  const refresh = (view) => (current.view === view ? apply(current) : undefined);

  // the network: filters, focus, paths
  const pathForm = document.getElementById("form-chemin");
  const pathResult = document.getElementById("chemin-resultat");
  autocomplete(pathForm.elements.from, { labels: ["Organisation"], what: "organisation de départ" });
  autocomplete(pathForm.elements.to, { labels: ["Organisation"], what: "organisation d'arrivée" });
  pathForm.addEventListener("submit", (event) => {
    event.preventDefault();
    guarded(async () => {
      const [from, to] = await Promise.all([resolve(pathForm.elements.from), resolve(pathForm.elements.to)]);
      if (!from || !to) throw new Error("Indiquez les deux organisations : celle d'où part le chemin et celle où il arrive.");
      await navigate("reseau", { ...current.params, de: from.id, vers: to.id, chemins: "" });
    });
  });
  async function applyNetwork(params) {
    paramsToFilters(params);
    const filters = networkFilters();
    const key = JSON.stringify(filters);
    if (key !== lastDrawn) {
      lastDrawn = key;
      await drawNetwork(filters, (id) => navigate("reseau", { ...current.params, fiche: id || "", degres: id ? current.params.degres : "" }));
    }
    // paths: between two actors, or those of a traced recommendation
    const [from, to] = await Promise.all([params.de && nameOf(params.de), params.vers && nameOf(params.vers)]);
    set(pathForm.elements.from, from || null);
    set(pathForm.elements.to, to || null);
    if (from && to) {
      const found = (await gql(PATHS, { from: from.id, to: to.id })).accessPaths;
      highlightPaths(found.map((p) => p.nodes.map((n) => n.id)));
      pathResult.replaceChildren(found.length
        ? h("ol", { "aria-label": `Chemins de ${from.name} à ${to.name}` }, found.map((p) => pathView(p, { link })))
        : h("p", { role: "status" }, `Aucun chemin connu de ${from.name} à ${to.name} en 6 étapes au plus.`));
    } else if (params.chemins) {
      const trace = (await gql(TRACE_PATHS, { id: params.chemins })).traceRecommendation;
      highlightPaths(trace.addressees.flatMap((a) => a.paths.map((p) => p.nodes.map((n) => n.id))));
      pathResult.replaceChildren(h("p", { role: "status" }, `Chemins de la recommandation « ${trace.recommendation.name} » vers ses destinataires, en rouge.`));
    } else {
      if (!document.getElementById("recommandations-resultat").hasChildNodes()) highlightPaths([]);
      pathResult.replaceChildren();
    }
    // focus and panel
    setFocus(params.fiche || null, Number(params.degres) || 1);
    if (params.fiche) await showEntity(params.fiche, { link: (v, p) => link(v, v === "reseau" ? networkParams({ ...p, de: p.de, vers: p.vers }) : p), depth: () => currentFocus().depth });
    else {
      document.getElementById("fiche").replaceChildren(h("p", { class: "hint" }, "Cliquez sur un acteur ou cherchez-le pour voir sa fiche et ses voisins."));
      delete document.getElementById("fiche").dataset.entity;
    }
    if (params.fiche) setFocus(params.fiche, Number(params.degres) || 1);
  }

  // the search of the header: choosing an actor opens its panel in the network
  autocomplete(document.getElementById("recherche"), {
    what: "acteur",
    onChoose: (hit) => guarded(() => navigate("reseau", { ...(current.view === "reseau" ? current.params : {}), fiche: hit.id, degres: "" })),
  });
  document.getElementById("form-recherche").addEventListener("submit", (event) => {
    event.preventDefault();
    guarded(async () => {
      const hit = await resolve(document.getElementById("recherche"));
      if (hit) await navigate("reseau", { ...(current.view === "reseau" ? current.params : {}), fiche: hit.id, degres: "" });
    });
  });

  initLogin();
  document.getElementById("date-reseau").value = isoToday();
  document.getElementById("filtres-reseau").addEventListener("change", () => {
    const { fiche, degres, de, vers, chemins } = current.params;
    guarded(() => navigate("reseau", { fiche, degres, de, vers, chemins }));
  });
  document.getElementById("filtres-reseau").addEventListener("submit", (event) => event.preventDefault());
  await guarded(loadVocabularies);
  const context = { session, onRoleChange: (l) => session.listeners.push(l), navigate, link, refresh };
  const [registry, partners, tracer, gaps, evolution, duplicates, proposals] = await Promise.all([
    initRegistry(context), initPartners(context), initTracer(context), initGaps(context),
    initEvolution(context), initDuplicates(context), initProposals(context),
  ]);
  Object.assign(views, {
    mandats: { apply: registry }, partenaires: { apply: partners }, recommandations: { apply: tracer }, lacunes: { apply: gaps },
    evolution: { apply: evolution }, doublons: { apply: duplicates }, propositions: { apply: proposals },
  });
  await refreshViewer();
  window.addEventListener("popstate", () => guarded(() => apply(parseHash())));
  await guarded(() => apply(parseHash()));
  document.body.dataset.ready = "true";
}

start();
