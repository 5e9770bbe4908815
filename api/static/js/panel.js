// The side panel: one entity, its details, and its links grouped in collapsible sections with counts
// (mandates, platforms, partners…, then by kind of link), each with the provenance of the fact (a
// link to the source line when it is a source document); for staff, the entity's edit history.

import { gql } from "./api.js";
import { displayDate, guarded, h, isoToday } from "./ui.js";
import { kindLabel, labelOf, nodeLabel, sourceDocument } from "./vocabulary.js";

const NEIGHBOURHOOD = `query Fiche($id: ID!, $asOf: Date) {
  neighbourhood(id: $id, asOf: $asOf) {
    id labels properties
    relationships { type reading outgoing properties other { id label name kind } }
  }
}`;
const TRAIL = `query Historique($id: ID!) { auditTrail(target: $id, limit: 50) { id at actor operation before after } }`;

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

const FIELD_LABELS = {
  acronym: "Sigle", kind: "Type", sector: "Secteur", ring: "Cercle", website: "Site", description: "Description",
  level: "Niveau", seat: "Siège", validFrom: "Depuis", validTo: "Jusqu'au", year: "Année", memberCount: "Membres",
  meetingCount: "Réunions", title: "Titre", number: "Numéro", status: "Statut", date: "Date", role: "Rôle",
  count: "Nombre", groupCount: "Groupes", programme: "Programme", channel: "Canal", note: "Note", text: "Texte",
  email: "Courriel", phone: "Téléphone", address: "Adresse", name: "Nom", updatedBy: "Modifié par", updatedAt: "Modifié le",
};
const VOCABULARY_OF = {
  kind: "OrgKind", sector: "Sector", level: "TerritoryLevel", seat: "SeatType", status: "RecommendationStatus",
  role: "MandateRole",
};
const RINGS = { 1: "premier cercle (secteur de l'intégration)", 2: "deuxième cercle (secteurs proches)", 3: "troisième cercle (non-marchand)" };
const HIDDEN = new Set(["id", "name", "source", "locator", "confidence", "row", "revision", "_lock", "updatedBy", "updatedAt", "createdAt"]);
const DATES = new Set(["validFrom", "validTo", "date", "statusDate"]);

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

function display(key, value, labels) {
  if (Array.isArray(value)) return value.join(", ");
  if (key === "ring") return RINGS[value] || String(value);
  if (DATES.has(key)) return displayDate(value);
  if (key === "kind" && labels.includes("Platform")) return labelOf("PlatformKind", value);
  if (key === "kind" && labels.includes("Body")) return labelOf("BodyKind", value);
  return VOCABULARY_OF[key] ? labelOf(VOCABULARY_OF[key], value) : String(value);
}

function relationDetails(props) {
  const parts = [];
  for (const key of ["role", "year", "count", "groupCount", "programme", "channel", "note", "validFrom", "validTo"]) {
    if (props[key] !== undefined && props[key] !== null) parts.push(`${FIELD_LABELS[key] || key} : ${display(key, props[key], [])}`);
  }
  return parts.length ? ` (${parts.join(", ")})` : "";
}

const VERBS = { create: "Création", update: "Modification", end: "Fin", add: "Ajout" };

/** An audit entry's operation in French: « Fin du lien », « Modification (Mandat) »… */
function operationLabel(operation) {
  const match = /^(create|update|end|add)(.*)$/.exec(operation);
  if (!match) return operation;
  const what = /^[A-Z][a-z]/.test(match[2]) ? nodeLabel(match[2]) : "d'un lien";
  return `${VERBS[match[1]]} ${/^d'/.test(what) ? what : `(${what.toLowerCase()})`}`;
}

function changes(before, after) {
  const keys = new Set([...Object.keys(before || {}), ...Object.keys(after || {})]);
  const shown = (key, value) => (value === undefined || value === null || value === "" ? "(vide)" : display(key, value, []));
  return [...keys].filter((k) => !HIDDEN.has(k) && JSON.stringify((before || {})[k]) !== JSON.stringify((after || {})[k]))
    .map((k) => `${FIELD_LABELS[k] || k} : ${shown(k, (before || {})[k])} → ${shown(k, (after || {})[k])}`);
}

async function historySection(id) {
  const entries = (await gql(TRAIL, { id })).auditTrail;
  const body = entries.length
    ? h("ol", { class: "trail" }, entries.map((e) => h("li", {},
      h("strong", {}, operationLabel(e.operation)), ` le ${displayDate(e.at.slice(0, 10))} à ${e.at.slice(11, 16)} par ${e.actor}`,
      h("ul", {}, changes(e.before, e.after).map((c) => h("li", {}, c))))))
    : h("p", {}, "Aucune modification par l'équipe : les données viennent des imports.");
  return h("details", { class: "section", id: "fiche-historique" }, h("summary", {}, `Historique des modifications (${entries.length})`), body);
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
      .map(([key, value]) => h("li", {}, `${FIELD_LABELS[key] || key} : ${display(key, value, n.labels)}`));
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
