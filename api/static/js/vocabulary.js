// The controlled vocabularies with their French labels, and the titles of the source documents,
// loaded once from the API.

import { gql } from "./api.js";

const VOCABULARIES = `query Vocabulaires {
  vocabularies { name entries { value label } }
  sourceDocuments { id title url }
}`;
const byName = new Map();
const documents = new Map();

export async function loadVocabularies() {
  const data = await gql(VOCABULARIES);
  for (const vocabulary of data.vocabularies) {
    byName.set(vocabulary.name, new Map(vocabulary.entries.map((e) => [e.value, e.label])));
  }
  for (const doc of data.sourceDocuments) documents.set(doc.id, doc);
}

/** The source document a provenance names (``{ id, title, url }``), or undefined when it is not one (an import file). */
export function sourceDocument(id) {
  return documents.get(id);
}

/** The French label of ``value`` in vocabulary ``name`` (the value itself when unknown). */
export function labelOf(name, value) {
  const entries = byName.get(name);
  return (entries && entries.get(value)) || value;
}

/** The entries of a vocabulary as select options. */
export function optionsOf(name) {
  return [...(byName.get(name) || new Map()).entries()].map(([value, label]) => ({ value, label }));
}

const KIND_VOCABULARY = { Organisation: "OrgKind", Platform: "PlatformKind", Body: "BodyKind", Territory: "TerritoryLevel" };

/** What an entity is, in French: its kind's label, else its node label's (« Territoire », « Instance »…). */
export function kindLabel(entity) {
  const labels = entity.labels || (entity.label ? [entity.label] : []);
  const main = labels.find((l) => KIND_VOCABULARY[l]);
  if (entity.kind && main) return labelOf(KIND_VOCABULARY[main], entity.kind);
  return labels.map((l) => labelOf("NodeLabel", l)).join(", ");
}

/** The French name of a node label (``Territory`` → « Territoire »). */
export function nodeLabel(label) {
  return labelOf("NodeLabel", label);
}
