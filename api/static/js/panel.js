// The side panel: one entity, its details, its mandates, platforms, partners and other links,
// each with the provenance of the fact (a link to the source line when it is a source document).

import { gql } from "./api.js";
import { guarded, h, isoToday } from "./ui.js";
import { labelOf, sourceDocument } from "./vocabulary.js";

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

const FIELD_LABELS = {
  acronym: "Sigle", kind: "Type", sector: "Secteur", ring: "Cercle", website: "Site", description: "Description",
  level: "Niveau", seat: "Siège", validFrom: "Depuis", validTo: "Jusqu'au", year: "Année", memberCount: "Membres",
  meetingCount: "Réunions", title: "Titre", number: "Numéro", status: "Statut", date: "Date", role: "Rôle",
};
const VOCABULARY_OF = {
  kind: "OrgKind", sector: "Sector", level: "TerritoryLevel", seat: "SeatType", status: "RecommendationStatus",
};
const HIDDEN = new Set(["id", "name", "source", "locator", "confidence", "row", "revision"]);

/** The provenance of a fact: its source (linked when it is a source document), place and confidence. */
export function provenance(props) {
  if (!props || !props.source) return h("span", { class: "prov" }, "provenance inconnue");
  const place = props.locator ? ` ${props.locator}` : "";
  const firstLine = /^L(\d+)/.exec(props.locator || "");
  const doc = sourceDocument(props.source);
  const sourceNode = doc
    ? h("a", { href: `${doc.url}${firstLine ? `#L${firstLine[1]}` : ""}`, target: "_blank", rel: "noopener", title: doc.id }, `${doc.title}${place}`)
    : `${props.source}${place}`;
  return h("span", { class: "prov" }, "source : ", sourceNode, props.confidence && props.confidence !== "haute" ? ` (${labelOf("Confidence", props.confidence).toLowerCase()})` : "");
}

function display(key, value, labels) {
  if (Array.isArray(value)) return value.join(", ");
  if (key === "kind" && labels.includes("Platform")) return labelOf("PlatformKind", value);
  if (key === "kind" && labels.includes("Body")) return labelOf("BodyKind", value);
  return VOCABULARY_OF[key] ? labelOf(VOCABULARY_OF[key], value) : value;
}

function otherLink(other, open) {
  return h("a", { href: `#${other.id}`, onclick: (event) => { event.preventDefault(); open(other.id); } }, other.name || other.id);
}

function relationDetails(props) {
  const parts = [];
  for (const key of ["role", "year", "count", "groupCount", "programme", "channel", "note", "validFrom", "validTo"]) {
    if (props[key] !== undefined && props[key] !== null) parts.push(`${FIELD_LABELS[key] || key} : ${props[key]}`);
  }
  return parts.length ? ` (${parts.join(", ")})` : "";
}

/** Show entity ``id`` in the panel; ``open`` opens another entity. */
export async function showEntity(id, open) {
  const panel = document.getElementById("fiche");
  return guarded(async () => {
    const asOf = document.getElementById("date-reseau").value || isoToday();
    const { neighbourhood: n } = await gql(NEIGHBOURHOOD, { id, asOf });
    const p = n.properties;
    const fields = Object.entries(p)
      .filter(([key, value]) => !HIDDEN.has(key) && value !== null && value !== "")
      .map(([key, value]) => h("li", {}, `${FIELD_LABELS[key] || key} : ${display(key, value, n.labels)}`));
    const sections = GROUPS.map(([title, types]) => {
      const rels = n.relationships.filter((r) => types.includes(r.type));
      if (!rels.length) return null;
      return [
        h("h3", {}, `${title} (${rels.length})`),
        h("ul", {}, rels.map((r) => h("li", {},
          r.outgoing ? [r.reading, " ", otherLink(r.other, open)] : [otherLink(r.other, open), " ", r.reading, " ", p.name || n.id],
          relationDetails(r.properties), h("br"), provenance(r.properties)))),
      ];
    });
    panel.replaceChildren(
      h("h2", { id: "fiche-titre" }, p.name || p.title || n.id),
      h("p", { class: "prov" }, `${n.labels.join(", ")} · identifiant ${n.id}`),
      h("ul", {}, fields),
      h("p", {}, provenance(p)),
      ...sections.filter(Boolean).flat(),
    );
    panel.dataset.entity = n.id;
  });
}
