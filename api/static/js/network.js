// The network view: cytoscape draws the chosen layers; nodes coloured by kind, sized by a measure,
// laid out by fcose (deterministic: seeded, positions cached per drawn graph), optionally grouped by
// kind, sector or province; clicking a node focuses it (the rest dimmed, N degrees shown, expandable step by
// step); highlighted paths are kept and drawn again after every redraw.

import cytoscape from "/static/vendor/cytoscape.esm.min.mjs";
import { gql } from "./api.js";
import { guarded, h } from "./ui.js";
import { kindLabel, labelOf, nodeLabel } from "./vocabulary.js";

if (window.cytoscapeFcose) cytoscape.use(window.cytoscapeFcose);

const NETWORK = `query Reseau($layers: [Layer!], $asOf: Date, $territory: ID) {
  network(layers: $layers, asOf: $asOf, territory: $territory) {
    truncated
    nodes { id label name kind sector ring province }
    edges { type reading source target layer }
  }
}`;

const CENTRALITY = `query Centralite($layer: Layer, $measure: String!) {
  centralityRanking(layer: $layer, measure: $measure, top: 500) {
    analysis { state message }
    scores { id value }
  }
}`;

const KIND_COLOURS = {
  coupole: "#b8860b", federation: "#d4a017", reseau: "#e0b84c", discri: "#7b1fa2", cri: "#9c27b0",
  ili: "#1e88e5", operateur: "#42a5f5", cisp: "#26a69a", ila: "#4db6ac", pcs: "#66bb6a", cpas: "#43a047",
  commune: "#2e7d32", province: "#558b2f", administration: "#6d4c41", organisme_public: "#8d6e63",
  gouvernement: "#c62828", ministre: "#e53935", cabinet: "#ef5350", parlement: "#ad1457",
};
const LABEL_COLOURS = { Platform: "#00838f", Body: "#5d4037", Mandate: "#9e9e9e", ReceptionOffice: "#f57c00", Territory: "#aed581" };
const OTHER_COLOUR = "#90a4ae";
const LAYER_STYLES = { VERTICAL: "solid", HORIZONTAL: "dashed", DIAGONAL: "dotted" };

export function colourOf(node) {
  return KIND_COLOURS[node.kind] || LABEL_COLOURS[node.label] || OTHER_COLOUR;
}

/** What a colour stands for in the legend. */
function colourMeaning(node) {
  if (KIND_COLOURS[node.kind]) return labelOf("OrgKind", node.kind);
  if (LABEL_COLOURS[node.label]) return nodeLabel(node.label);
  return "Autre";
}

let cy = null;
let paths = [];
let focus = { id: null, depth: 1 };
let drawn = null;

/** A pseudo-random generator with a fixed seed (mulberry32): the same graph is always laid out alike. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashOf(text) {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

/** Lay the graph out: cached positions for this exact graph, else fcose with a seeded random. */
function layOut(version) {
  const key = `maillage.positions.${version}`;
  const cached = sessionStorage.getItem(key);
  if (cached) {
    const positions = JSON.parse(cached);
    if (cy.nodes().every((n) => n.isParent() || positions[n.id()])) {
      cy.layout({ name: "preset", positions: (n) => positions[n.id()], fit: true, padding: 20 }).run();
      return "cache";
    }
  }
  const random = Math.random;
  Math.random = seeded(version);
  try {
    const name = window.cytoscapeFcose ? "fcose" : "cose";
    cy.layout({
      name, animate: false, randomize: true, quality: "default", nodeRepulsion: () => 9000, idealEdgeLength: () => 70,
      nodeSeparation: 90, packComponents: true, fit: true, padding: 20,
    }).run();
  } finally {
    Math.random = random;
  }
  const positions = {};
  cy.nodes().forEach((n) => { if (!n.isParent()) positions[n.id()] = n.position(); });
  try { sessionStorage.setItem(key, JSON.stringify(positions)); } catch { /* full: the next draw lays out again */ }
  return "fcose";
}

function groupOf(node, grouping) {
  if (grouping === "kind") return { id: `groupe:${node.kind || node.label}`, name: kindLabel(node) };
  if (grouping === "province") {
    return node.province ? { id: `groupe:${node.province}`, name: node.province } : { id: "groupe:wallonie", name: "Toute la Wallonie ou sans territoire connu" };
  }
  if (grouping === "sector") {
    return node.sector ? { id: `groupe:${node.sector}`, name: labelOf("Sector", node.sector) } : { id: `groupe:${node.label}`, name: nodeLabel(node.label) };
  }
  return null;
}

const STYLE = [
  {
    selector: "node",
    style: {
      "background-color": "data(colour)", width: "data(size)", height: "data(size)",
      label: "data(name)", "font-size": 11, "min-zoomed-font-size": 9, "text-wrap": "wrap", "text-max-width": 160,
      "text-valign": "bottom", "text-margin-y": 2, "text-background-color": "#fff", "text-background-opacity": 0.7,
    },
  },
  {
    selector: ":parent",
    style: {
      "background-color": "#eceff1", "background-opacity": 0.5, "border-color": "#b0bec5", "border-width": 1,
      label: "data(name)", "font-size": 14, "min-zoomed-font-size": 4, "text-valign": "top", "font-weight": "bold", shape: "round-rectangle",
    },
  },
  { selector: "node:selected", style: { "border-width": 3, "border-color": "#f0a500" } },
  { selector: "node.highlight", style: { "border-width": 4, "border-color": "#d50000", "font-size": 13, "min-zoomed-font-size": 0, "z-index": 20 } },
  { selector: "node.focus", style: { "border-width": 4, "border-color": "#f0a500", "font-size": 14, "min-zoomed-font-size": 0, "z-index": 30 } },
  {
    selector: "edge",
    style: { width: 1, "line-color": "#b0bec5", "line-style": "data(style)", "curve-style": "bezier",
             "target-arrow-shape": "triangle", "target-arrow-color": "#b0bec5", "arrow-scale": 0.6 },
  },
  { selector: "edge.highlight", style: { width: 4, "line-color": "#d50000", "target-arrow-color": "#d50000", "z-index": 20 } },
  { selector: ".faded", style: { opacity: 0.1, "text-opacity": 0 } },
  { selector: "node.near", style: { "min-zoomed-font-size": 0 } },
];

/** Draw the network for the filters of the form; ``onSelect(id)`` is called when a node is clicked. */
export async function drawNetwork(filters, onSelect) {
  return guarded(async () => {
    const started = performance.now();
    const data = await gql(NETWORK, {
      layers: filters.layers,
      asOf: filters.asOf || null,
      territory: filters.territory || null,
    });
    const { nodes, edges, truncated } = data.network;
    const sizes = await measureSizes(filters.size, nodes, edges, filters.layers);
    const groups = new Map();
    for (const n of nodes) {
      const group = groupOf(n, filters.group);
      if (group) groups.set(group.id, group);
    }
    const elements = [
      ...[...groups.values()].map((g) => ({ data: { id: g.id, name: g.name, colour: "#eceff1" } })),
      ...nodes.map((n) => ({
        data: {
          id: n.id, name: n.name || nodeLabel(n.label), colour: colourOf(n), size: sizes.get(n.id) || 14, label: n.label,
          parent: groupOf(n, filters.group)?.id,
        },
      })),
      ...edges.map((e, i) => ({
        data: { id: `e${i}`, source: e.source, target: e.target, reading: e.reading, style: LAYER_STYLES[e.layer] },
      })),
    ];
    if (!cy) {
      cy = cytoscape({ container: document.getElementById("graphe"), style: STYLE, wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 4 });
      cy.on("tap", "node", (event) => { if (!event.target.isParent()) onSelect(event.target.id()); });
      cy.on("tap", (event) => { if (event.target === cy) onSelect(null); });
    }
    cy.elements().remove();
    cy.add(elements);
    const version = hashOf([filters.group || "", ...nodes.map((n) => n.id).sort(), ...edges.map((e) => `${e.source}>${e.target}`).sort()].join("|"));
    const how = layOut(version);
    drawn = { nodes, edges };
    applyFocus();
    applyPaths();
    renderLegend(nodes, edges, truncated);
    const graph = document.getElementById("graphe");
    graph.dataset.nodes = String(nodes.length);
    graph.dataset.layout = how;
    graph.dataset.size = filters.size;
    graph.dataset.groups = String(groups.size);
    graph.dataset.groupNames = [...groups.values()].map((g) => g.name).sort().join(" | ");
    graph.dataset.positions = String(hashOf(cy.nodes().filter((n) => !n.isParent()).map((n) => `${n.id()}:${Math.round(n.position("x"))},${Math.round(n.position("y"))}`).sort().join("|")));
    graph.dataset.drawMs = String(Math.round(performance.now() - started));
    return data.network;
  });
}

function renderLegend(nodes, edges, truncated) {
  const legend = document.getElementById("legende");
  const colours = new Map();
  for (const n of nodes) {
    const meaning = colourMeaning(n);
    const entry = colours.get(meaning) || { colour: colourOf(n), count: 0 };
    entry.count += 1;
    colours.set(meaning, entry);
  }
  const layers = new Set(edges.map((e) => e.layer));
  legend.replaceChildren(
    h("p", {}, `${nodes.length} acteurs, ${edges.length} liens.`, truncated ? h("strong", {}, " Réseau tronqué : affinez le territoire.") : ""),
    h("ul", { class: "swatches", "aria-label": "Couleurs par type d'acteur" },
      [...colours.entries()].sort((a, b) => b[1].count - a[1].count).map(([meaning, { colour, count }]) =>
        h("li", {}, h("span", { class: "swatch", style: `background:${colour}` }), `${meaning} (${count})`))),
    h("ul", { class: "swatches", "aria-label": "Traits par maillage" },
      ["VERTICAL", "HORIZONTAL", "DIAGONAL"].filter((l) => layers.has(l)).map((l) =>
        h("li", {}, h("span", { class: `line line-${LAYER_STYLES[l]}` }), labelOf("Layer", l.toLowerCase())))),
  );
}

async function measureSizes(measure, nodes, edges, layers) {
  const sizes = new Map();
  let values = [];
  if (measure !== "degree") {
    const layer = layers.length === 1 ? layers[0] : null;
    const { centralityRanking: ranking } = await gql(CENTRALITY, { layer, measure });
    // Until the first analysis of the graph is computed (in the background), sizes follow the degree.
    if (ranking.analysis.state === "COMPUTING") measure = "degree";
    else values = ranking.scores;
  }
  if (measure === "degree") {
    const degree = new Map();
    for (const e of edges) {
      degree.set(e.source, (degree.get(e.source) || 0) + 1);
      degree.set(e.target, (degree.get(e.target) || 0) + 1);
    }
    for (const n of nodes) sizes.set(n.id, 12 + 4 * Math.sqrt(degree.get(n.id) || 0));
    return sizes;
  }
  const max = Math.max(1e-9, ...values.map((v) => v.value));
  for (const v of values) sizes.set(v.id, 12 + 30 * (v.value / max));
  return sizes;
}

function applyFocus() {
  if (!cy) return;
  cy.elements().removeClass("faded near focus");
  cy.elements().unselect();
  const status = document.getElementById("focus-etat");
  const node = focus.id ? cy.getElementById(focus.id) : null;
  document.getElementById("graphe").dataset.shown = "0";
  if (!node || node.empty()) {
    if (status) status.textContent = focus.id ? "Cet acteur n'est pas dans le réseau dessiné (changez les maillages, le territoire ou la date)." : "";
    return;
  }
  let shown = node.closedNeighborhood();
  for (let i = 1; i < focus.depth; i++) shown = shown.closedNeighborhood();
  const keep = shown.union(shown.ancestors());
  cy.elements().not(keep).addClass("faded");
  shown.nodes().addClass("near");
  node.addClass("focus");
  node.select();
  document.getElementById("graphe").dataset.shown = String(shown.nodes().length);
  cy.animate({ fit: { eles: shown, padding: 40 } }, { duration: 250 });
  if (status) status.textContent = `${node.data("name")} et ses voisins à ${focus.depth} degré${focus.depth > 1 ? "s" : ""} : ${shown.nodes().length - 1} acteurs.`;
}

/** Focus node ``id`` (null: none): the rest is dimmed, its neighbours to ``depth`` degrees stay. */
export function setFocus(id, depth = 1) {
  focus = { id, depth: Math.max(1, Math.min(6, depth || 1)) };
  applyFocus();
}

export function currentFocus() {
  return { ...focus };
}

function applyPaths() {
  if (!cy) return;
  cy.elements().removeClass("highlight");
  for (const ids of paths) {
    ids.forEach((id, i) => {
      cy.getElementById(id).addClass("highlight");
      if (i > 0) {
        cy.edges().filter((e) => (e.source().id() === ids[i - 1] && e.target().id() === id)
          || (e.source().id() === id && e.target().id() === ids[i - 1])).addClass("highlight");
      }
    });
  }
  const graph = document.getElementById("graphe");
  const highlighted = cy.elements(".highlight");
  graph.dataset.highlighted = String(highlighted.nodes().length);
  if (highlighted.nonempty() && !focus.id) cy.animate({ fit: { eles: highlighted, padding: 60 } }, { duration: 250 });
}

/** Highlight paths (lists of node ids) in the drawing, now and after every redraw. */
export function highlightPaths(list) {
  paths = list;
  applyPaths();
}

/** Whether node ``id`` is drawn. */
export function isDrawn(id) {
  return Boolean(drawn && drawn.nodes.some((n) => n.id === id));
}
