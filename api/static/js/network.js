// The network view: cytoscape draws the chosen layers; nodes coloured by kind, sized by a measure.

import cytoscape from "/static/vendor/cytoscape.esm.min.mjs";
import { gql } from "./api.js";
import { guarded, h } from "./ui.js";

const NETWORK = `query Reseau($layers: [Layer!], $asOf: Date, $territory: ID) {
  network(layers: $layers, asOf: $asOf, territory: $territory) {
    truncated
    nodes { id label name kind sector ring }
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
const LABEL_COLOURS = { Platform: "#00838f", Body: "#5d4037", Mandate: "#9e9e9e", ReceptionOffice: "#f57c00" };
const LAYER_STYLES = { VERTICAL: "solid", HORIZONTAL: "dashed", DIAGONAL: "dotted" };

export function colourOf(node) {
  return KIND_COLOURS[node.kind] || LABEL_COLOURS[node.label] || "#90a4ae";
}

let cy = null;

/** Draw the network for the filters of the form; ``onSelect(id)`` is called when a node is clicked. */
export async function drawNetwork(filters, onSelect) {
  return guarded(async () => {
    const data = await gql(NETWORK, {
      layers: filters.layers,
      asOf: filters.asOf || null,
      territory: filters.territory || null,
    });
    const { nodes, edges, truncated } = data.network;
    const sizes = await measureSizes(filters.size, nodes, edges, filters.layers);
    const elements = [
      ...nodes.map((n) => ({
        data: { id: n.id, name: n.name || n.id, colour: colourOf(n), size: sizes.get(n.id) || 14, label: n.label },
      })),
      ...edges.map((e, i) => ({
        data: { id: `e${i}`, source: e.source, target: e.target, reading: e.reading, style: LAYER_STYLES[e.layer] },
      })),
    ];
    if (!cy) {
      cy = cytoscape({
        container: document.getElementById("graphe"),
        style: [
          {
            selector: "node",
            style: {
              "background-color": "data(colour)", width: "data(size)", height: "data(size)",
              label: "data(name)", "font-size": 8, "text-wrap": "ellipsis", "text-max-width": 90,
            },
          },
          { selector: "node:selected", style: { "border-width": 3, "border-color": "#f0a500" } },
          { selector: "node.highlight", style: { "border-width": 4, "border-color": "#d50000" } },
          {
            selector: "edge",
            style: { width: 1, "line-color": "#b0bec5", "line-style": "data(style)", "curve-style": "bezier",
                     "target-arrow-shape": "triangle", "target-arrow-color": "#b0bec5", "arrow-scale": 0.6 },
          },
          { selector: "edge.highlight", style: { width: 3, "line-color": "#d50000", "target-arrow-color": "#d50000" } },
        ],
      });
      cy.on("tap", "node", (event) => onSelect(event.target.id()));
    }
    cy.elements().remove();
    cy.add(elements);
    cy.layout({ name: "cose", animate: false, randomize: true, nodeRepulsion: () => 8000, numIter: 600 }).run();
    const legend = document.getElementById("legende");
    legend.replaceChildren(
      `${nodes.length} acteurs, ${edges.length} liens. Traits : plein = vertical, tirets = horizontal, pointillés = diagonal.`,
      truncated ? h("strong", {}, " Réseau tronqué : affinez le territoire.") : "",
    );
    document.getElementById("graphe").dataset.nodes = String(nodes.length);
    return data.network;
  });
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

/** Select and centre a node (from the search), if it is drawn. */
export function focusNode(id) {
  if (!cy) return false;
  const node = cy.getElementById(id);
  if (node.empty()) return false;
  cy.elements().unselect();
  node.select();
  cy.animate({ center: { eles: node }, zoom: 1.4 }, { duration: 300 });
  return true;
}

/** Highlight paths (lists of node ids) in the drawing. */
export function highlightPaths(paths) {
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
}
