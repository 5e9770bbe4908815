// The history of one entity in its panel (staff): every change — who, when, what was done — with a
// readable diff of its properties (field, before, after), never raw JSON.

import { gql } from "./api.js";
import { displayDate, h } from "./ui.js";
import { HIDDEN, display, fieldLabel } from "./fields.js";
import { nodeLabel } from "./vocabulary.js";

const HISTORY = `query Historique($id: ID!) {
  history(id: $id, first: 100) { entries { id at actor operation before after file row } }
}`;

/**
 * The changes of entity ``id``, newest first, as [{ id, at, actor, operation, before, after, file, row }]:
 * imports, staff edits, merges and BCE/KBO decisions, on the entity, its links and the ids merged into it
 * (the staff-only ``history`` field). Entries with a ``file`` (and ``row``) show where they come from.
 */
export async function fetchHistory(id) {
  return (await gql(HISTORY, { id })).history.entries;
}

const VERBS = { create: "Création", update: "Modification", end: "Fin", add: "Ajout" };
const LINKS = { MEMBER_OF: "d'une affiliation", PARTICIPATES_IN: "d'une participation à une plateforme" };
const OPERATIONS = {
  merge: "Fusion d'un doublon",
  undoMerge: "Annulation d'une fusion",
  acceptProposal: "Proposition de la BCE acceptée",
  rejectProposal: "Proposition de la BCE refusée",
  import: "Import",
};

/** An operation in French: « Fin (mandat) », « Ajout d'une affiliation », « Fusion d'un doublon »… */
export function operationLabel(operation) {
  if (OPERATIONS[operation]) return OPERATIONS[operation];
  const match = /^(create|update|end|add)(.*)$/.exec(operation);
  if (!match) return operation;
  if (/^[A-Z][a-z]/.test(match[2])) return `${VERBS[match[1]]} (${nodeLabel(match[2]).toLowerCase()})`;
  return `${VERBS[match[1]]} ${LINKS[match[2]] || "d'un lien"}`;
}

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const shown = (key, value) => (value === undefined || value === null || value === "" ? "(vide)" : display(key, value));

/** The properties that differ between ``before`` and ``after``, as [{ key, label, before, after }]. */
export function diff(before, after) {
  const keys = [...new Set([...Object.keys(before || {}), ...Object.keys(after || {})])];
  return keys
    .filter((key) => !HIDDEN.has(key) || key === "name")
    .filter((key) => !same((before || {})[key], (after || {})[key]))
    .map((key) => ({ key, label: fieldLabel(key), before: shown(key, (before || {})[key]), after: shown(key, (after || {})[key]) }));
}

function when(at) {
  return `le ${displayDate(at.slice(0, 10))} à ${at.slice(11, 16)}`;
}

function entryView(entry) {
  const note = entry.file ? `depuis ${entry.file}${entry.row ? `, ligne ${entry.row}` : ""}` : "";
  if (entry.operation === "rejectProposal") { // nothing changed: the refused value is said, not diffed
    const { proposal, ...refused } = entry.after || {};
    return h("li", { "data-operation": entry.operation, "data-proposal": proposal },
      h("p", {}, h("strong", {}, operationLabel(entry.operation)), ` ${when(entry.at)} par ${entry.actor}`),
      h("ul", { class: "diff" }, Object.entries(refused).map(([key, value]) => h("li", { "data-field": key },
        h("span", { class: "field" }, fieldLabel(key)), ` : valeur proposée « ${shown(key, value)} », refusée (inchangé)`))));
  }
  const rows = diff(entry.before, entry.after);
  const detail = rows.length
    ? h("ul", { class: "diff", "aria-label": "Changements" }, rows.map((r) => h("li", { "data-field": r.key },
      h("span", { class: "field" }, r.label), " : ",
      h("span", { class: "sr-only" }, "avant "), h("del", { class: "before" }, r.before),
      h("span", { "aria-hidden": "true" }, " → "), h("span", { class: "sr-only" }, ", après "), h("ins", { class: "after" }, r.after))))
    : h("p", { class: "hint" }, "Aucune propriété visible n'a changé.");
  return h("li", { "data-operation": entry.operation },
    h("p", {}, h("strong", {}, operationLabel(entry.operation)), ` ${when(entry.at)} par ${entry.actor}`, note ? h("span", { class: "prov" }, ` — ${note}`) : ""),
    detail);
}

/** The « Historique » section of the panel of entity ``id``. */
export async function historySection(id) {
  const entries = await fetchHistory(id);
  const body = entries.length
    ? h("ol", { class: "trail" }, entries.map(entryView))
    : h("p", {}, "Aucun changement enregistré pour cet élément.");
  return h("details", { class: "section", id: "fiche-historique" }, h("summary", {}, `Historique des modifications (${entries.length})`), body);
}
