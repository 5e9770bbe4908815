// Wires the page: tabs, search with suggestions, the staff login, and each view.

import { gql, setToken, token } from "./api.js";
import { drawNetwork, focusNode } from "./network.js";
import { showEntity } from "./panel.js";
import { initRegistry } from "./registry.js";
import { initPartners } from "./partners.js";
import { initTracer } from "./tracer.js";
import { initGaps } from "./gaps.js";
import { guarded, h, isoToday, say } from "./ui.js";
import { labelOf, loadVocabularies } from "./vocabulary.js";

const SEARCH = `query Recherche($text: String!) { search(text: $text, limit: 8) { id labels name acronym kind } }`;
const VIEWER = `query Moi { viewer { role name } }`;

export const session = { role: "anonymous", listeners: [] };

function onRoleChange(listener) {
  session.listeners.push(listener);
}

// --- tabs (WAI-ARIA tabs pattern: arrows move, Enter/click selects) ---------------------------
function initTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const select = (tab) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
    }
    tab.focus();
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (event) => {
      if (event.key === "ArrowRight") select(tabs[(i + 1) % tabs.length]);
      if (event.key === "ArrowLeft") select(tabs[(i - 1 + tabs.length) % tabs.length]);
    });
  });
  return (id) => select(document.getElementById(id));
}

// --- search with suggestions (combobox) -----------------------------------------------------
const KIND_VOCABULARY = { Organisation: "OrgKind", Platform: "PlatformKind", Body: "BodyKind", Territory: "TerritoryLevel" };

function kindLabel(hit) {
  const vocabulary = KIND_VOCABULARY[hit.labels.find((l) => KIND_VOCABULARY[l])];
  return hit.kind && vocabulary ? labelOf(vocabulary, hit.kind) : hit.labels.join(", ");
}

function initSearch(open) {
  const input = document.getElementById("recherche");
  const list = document.getElementById("suggestions");
  let hits = [];
  let active = -1;
  let timer = null;
  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    active = -1;
  };
  const render = () => {
    list.replaceChildren(
      ...hits.map((hit, i) =>
        h("li", { role: "option", id: `suggestion-${i}`, "aria-selected": String(i === active), onmousedown: () => choose(i) },
          hit.name || hit.id, " ", h("span", { class: "kind" }, hit.acronym ? `(${hit.acronym}) ` : "", kindLabel(hit))),
      ),
    );
    list.hidden = hits.length === 0;
    input.setAttribute("aria-expanded", String(hits.length > 0));
    if (active >= 0) input.setAttribute("aria-activedescendant", `suggestion-${active}`);
    else input.removeAttribute("aria-activedescendant");
  };
  const choose = (i) => {
    const hit = hits[i];
    if (!hit) return;
    input.value = hit.name || hit.id;
    close();
    open(hit.id);
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (!/[\p{L}\p{N}]/u.test(text)) {
      hits = [];
      render();
      return;
    }
    timer = setTimeout(() => guarded(async () => {
      hits = (await gql(SEARCH, { text })).search;
      active = -1;
      render();
    }), 150);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") { active = Math.min(active + 1, hits.length - 1); render(); event.preventDefault(); }
    else if (event.key === "ArrowUp") { active = Math.max(active - 1, 0); render(); event.preventDefault(); }
    else if (event.key === "Enter") { choose(active >= 0 ? active : 0); event.preventDefault(); }
    else if (event.key === "Escape") close();
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
}

// --- staff login ------------------------------------------------------------------------------
async function refreshViewer() {
  const who = document.getElementById("qui");
  const button = document.getElementById("connexion");
  let viewer = { role: "anonymous", name: null };
  if (token()) {
    try {
      viewer = (await gql(VIEWER)).viewer;
    } catch (error) {
      setToken(null);
      say(error.message);
    }
  }
  session.role = String(viewer.role || "anonymous").toLowerCase();
  const staff = session.role !== "anonymous";
  who.textContent = staff ? `Connecté·e : ${viewer.name || session.role} (${session.role})` : "Lecture publique";
  button.textContent = staff ? "Se déconnecter" : "Connexion équipe";
  for (const form of document.querySelectorAll(".staff-only")) form.hidden = !staff;
  for (const listener of session.listeners) listener(session.role);
}

function initLogin() {
  const dialog = document.getElementById("dialogue-connexion");
  const button = document.getElementById("connexion");
  button.addEventListener("click", () => {
    if (token()) {
      setToken(null);
      refreshViewer();
      say("Vous êtes déconnecté·e.", "info");
    } else {
      dialog.showModal();
      document.getElementById("jeton").focus();
    }
  });
  document.getElementById("annuler-connexion").addEventListener("click", () => dialog.close());
  document.getElementById("form-connexion").addEventListener("submit", async () => {
    const field = document.getElementById("jeton");
    setToken(field.value.trim());
    field.value = "";
    await refreshViewer();
    if (session.role !== "anonymous") say("Connexion réussie.", "info");
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
  };
}

async function start() {
  const selectTab = initTabs();
  const open = async (id) => {
    selectTab("tab-reseau");
    focusNode(id);
    await showEntity(id, open);
  };
  initSearch(open);
  initLogin();
  document.getElementById("date-reseau").value = isoToday();
  const redraw = () => drawNetwork(networkFilters(), open);
  document.getElementById("filtres-reseau").addEventListener("change", redraw);
  await guarded(loadVocabularies);
  const context = { session, onRoleChange, open, selectTab };
  await Promise.all([initRegistry(context), initPartners(context), initTracer(context), initGaps(context)]);
  await refreshViewer();
  await redraw();
  document.body.dataset.ready = "true";
}

start();
