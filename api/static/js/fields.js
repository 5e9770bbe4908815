// The properties of entities and links as people read them: French field names and values shown
// through their vocabularies (kinds, sectors…), dates in full; shared by the panel, its history, the
// duplicates' comparison and the BCE/KBO proposals.

import { displayDate } from "./ui.js";
import { labelOf } from "./vocabulary.js";

const FIELD_LABELS = {
  acronym: "Sigle", kind: "Type", sector: "Secteur", ring: "Cercle", website: "Site", description: "Description",
  level: "Niveau", seat: "Siège", validFrom: "Depuis", validTo: "Jusqu'au", year: "Année", memberCount: "Membres",
  meetingCount: "Réunions", title: "Titre", number: "Numéro", status: "Statut", date: "Date", role: "Rôle",
  count: "Nombre", groupCount: "Groupes", programme: "Programme", channel: "Canal", note: "Note", text: "Texte",
  email: "Courriel", phone: "Téléphone", address: "Adresse", name: "Nom", updatedBy: "Modifié par", updatedAt: "Modifié le",
  nameNl: "Nom en néerlandais", nameDe: "Nom en allemand", nameFr: "Nom en français", legalForm: "Forme juridique",
  naceCodes: "Activités (codes NACE)", enterpriseNumber: "Numéro d'entreprise (BCE)", mergedSources: "Fusionné depuis",
  source: "Source", locator: "Emplacement dans la source", confidence: "Fiabilité", statusDate: "Date du statut",
  project: "Projet", proposal: "Proposition", aliases: "Autres noms",
};
const VOCABULARY_OF = {
  kind: "OrgKind", sector: "Sector", level: "TerritoryLevel", seat: "SeatType", status: "RecommendationStatus",
  role: "MandateRole", confidence: "Confidence",
};
const RINGS = { 1: "premier cercle (secteur de l'intégration)", 2: "deuxième cercle (secteurs proches)", 3: "troisième cercle (non-marchand)" };
const DATES = new Set(["validFrom", "validTo", "date", "statusDate"]);

/** Bookkeeping properties no reader needs to see. */
export const HIDDEN = new Set(["id", "name", "source", "locator", "confidence", "row", "revision", "_lock", "updatedBy", "updatedAt", "createdAt"]);

/** The French name of property ``key`` (the key itself when it has none). */
export function fieldLabel(key) {
  return FIELD_LABELS[key] || key;
}

/** The value of property ``key`` as people read it; ``labels`` are the node's labels (kinds depend on them). */
export function display(key, value, labels = []) {
  if (value === undefined || value === null || value === "") return "";
  if (Array.isArray(value)) return value.map((v) => display(key, v, labels)).join(", ");
  if (typeof value === "object") return Object.entries(value).map(([k, v]) => `${fieldLabel(k)} : ${display(k, v, labels)}`).join(", ");
  if (typeof value === "boolean") return value ? "oui" : "non";
  if (key === "ring") return RINGS[value] || String(value);
  if (DATES.has(key)) return /^\d{4}-\d{2}-\d{2}$/.test(String(value)) ? displayDate(value) : String(value);
  if (key === "kind" && labels.includes("Platform")) return labelOf("PlatformKind", value);
  if (key === "kind" && labels.includes("Body")) return labelOf("BodyKind", value);
  return VOCABULARY_OF[key] ? labelOf(VOCABULARY_OF[key], value) : String(value);
}
