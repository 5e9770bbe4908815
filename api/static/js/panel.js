// The side panel: one entity, its details, and its links grouped in collapsible sections with counts
// (mandates, platforms, partners…, then by kind of link), each with the provenance of the fact (a
// link to the source line when it is a source document); for staff, the entity's edit history.

import { gql } from "./api.js";
import { guarded, h, isoToday } from "./ui.js";
import { HIDDEN, display, fieldLabel } from "./fields.js";
import { historySection } from "./history.js";
import { kindLabel, labelOf, sourceDocument } from "./vocabulary.js";

const NEIGHBOURHOOD = `query Fiche($id: ID!, $asOf: Date) {
  neighbourhood(id: $id, asOf: $asOf) {
    id labels properties
    relationships { type reading outgoing properties other { id label name kind } }
  }
}`;

const GROUPS = [
  ["Mandats et instances", ["HOLDS", "SEAT_IN", "EXERCISES", "ON_BEHALF_OF", "SITS_IN", "BODY_OF"]],
  ["Plateformes et coordinations", ["PARTICIPATES_IN", "COORDINATES"]],
  ["Partenaires", ["PARTNER_OF", "REFERS_TO", "ACCOMPANIES"]],
  ["Affiliations", ["MEMBER_OF"]],
  ["Financements et interpellations", ["FUNDS", "ADDRESSES"]],
  ["Recommandations", ["AUTHORED", "CONTAINS", "ADDRESSED_TO", "SUPPORTS", "HAS_STATUS"]],
  ["Territoires et thèmes", ["LOCATED_IN", "COVERS", "SERVES", "RUNS", "PART_OF", "WORKS_ON", "HAS_THEME"]],
  ["Personnes", ["WORKS_FOR"]],
];
const OPEN_UP_TO = 12; // sections with at most this many links are open; longer ones start closed

/** The provenance of a fact: its source (linked when it is a source document), place and confidence. */
export function provenance(props) {
  if (!props || !props.source) return h("span", { class: "prov" }, "provenance inconnue");
  const firstLine = /^L?(\d+)/.exec(props.locator || "");
  const place = props.locator ? `, ${/^\d/.test(props.locator) ? "l. " : ""}${props.locator.replace(/^L/, "l. ")}` : "";
  const doc = sourceDocument(props.source);
  let label = `${props.source}${place}`;
  if (doc) label = `${doc.title}${place}`;
  else if (props.source === "curation") label = "saisie de l'équipe";
  const sourceNode = doc
    ? h("a", { href: `${doc.url}${firstLine ? `#L${firstLine[1]}` : ""}`, target: "_blank", rel: "noopener", title: doc.id }, label)
    : label;
  return h("span", { class: "prov" }, "source : ", sourceNode, props.confidence && props.confidence !== "haute" ? ` (fiabilité ${labelOf("Confidence", props.confidence).toLowerCase()})` : "");
}

function relationDetails(props) {
  const parts = [];
  for (const key of ["role", "year", "count", "groupCount", "programme", "channel", "note", "validFrom", "validTo"]) {
    if (props[key] !== undefined && props[key] !== null) parts.push(`${fieldLabel(key)} : ${display(key, props[key])}`);
  }
  return parts.length ? ` (${parts.join(", ")})` : "";
}

/** Show entity ``id`` in the panel; ``context.link`` builds the links to other entities and views. */
export async function showEntity(id, context) {
  const panel = document.getElementById("fiche");
  return guarded(async () => {
    const asOf = document.getElementById("date-reseau").value || isoToday();
    const { neighbourhood: n } = await gql(NEIGHBOURHOOD, { id, asOf });
    const p = n.properties;
    const name = p.name || p.title || kindLabel({ labels: n.labels, kind: p.kind });
    const fields = Object.entries(p)
      .filter(([key, value]) => !HIDDEN.has(key) && value !== null && value !== "" && !(key === "title" && !p.name))
      .map(([key, value]) => h("li", {}, `${fieldLabel(key)} : ${display(key, value, n.labels)}`));
    const link = (other) => h("a", { href: context.link("reseau", { fiche: other.id }) }, other.name || kindLabel(other));
    const sections = GROUPS.map(([title, types]) => {
      const rels = n.relationships.filter((r) => types.includes(r.type));
      if (!rels.length) return null;
      const byReading = new Map();
      for (const r of rels) {
        const key = `${r.outgoing ? "→" : "←"}${r.reading}`;
        if (!byReading.has(key)) byReading.set(key, []);
        byReading.get(key).push(r);
      }
      const subsections = [...byReading.entries()].map(([key, list]) => {
        const heading = key.startsWith("→") ? `${name} ${list[0].reading}` : `${list[0].reading} ${name}`;
        list.sort((a, b) => (a.other.name || "").localeCompare(b.other.name || "", "fr"));
        const items = h("ul", {}, list.map((r) => h("li", {},
          r.outgoing ? link(r.other) : [link(r.other), h("span", { class: "prov" }, ` ${r.reading}`)],
          relationDetails(r.properties), " ", provenance(r.properties))));
        return byReading.size === 1 ? items : h("details", { open: list.length <= OPEN_UP_TO }, h("summary", {}, `${heading} (${list.length})`), items);
      });
      return h("details", { class: "section", open: rels.length <= OPEN_UP_TO }, h("summary", {}, `${title} (${rels.length})`), subsections);
    });
    const staff = document.body.dataset.role && document.body.dataset.role !== "anonymous";
    panel.replaceChildren(
      h("h2", { id: "fiche-titre", tabindex: "-1" }, name),
      h("p", { class: "prov" }, kindLabel({ labels: n.labels, kind: p.kind })),
      h("div", { class: "focus-tools", role: "group", "aria-label": "Voisinage dans le réseau" },
        h("a", { href: context.link("reseau", { fiche: id, degres: String(Math.max(1, context.depth() - 1)) }) }, "− un degré"),
        h("a", { href: context.link("reseau", { fiche: id, degres: String(context.depth() + 1) }) }, "+ étendre d'un degré"),
        h("a", { href: context.link("reseau", {}) }, "Tout le réseau")),
      h("p", { id: "focus-etat", class: "hint", role: "status" }),
      h("ul", {}, fields),
      h("p", {}, provenance(p)),
      h("p", { class: "actions" },
        n.labels.some((l) => l === "Organisation" || l === "Platform") ? h("a", { href: context.link("partenaires", { pour: id }) }, "Trouver des partenaires") : "",
        n.labels.includes("Organisation") ? h("a", { href: context.link("mandats", { organisation: id }) }, "Ses mandats") : "",
        h("a", { href: context.link("reseau", { de: id }) }, "Chemin depuis cet acteur…")),
      ...sections.filter(Boolean),
      staff ? await historySection(id) : "",
    );
    panel.dataset.entity = n.id;
  });
}
