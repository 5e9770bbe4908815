// The partner finder: for an organisation or a platform, the organisations working on its themes in
// its territory that are not yet connected, ranked, with the reason for each score.

import { gql } from "./api.js";
import { fillSelect, guarded, h, table } from "./ui.js";

const SUGGEST = `query Suggestions($id: ID!, $theme: ID, $territory: ID) {
  partnerSuggestions(id: $id, theme: $theme, territory: $territory, limit: 20) {
    organisation { id name kind }
    score
    parts { factor value weight explanation }
  }
}`;
const SEARCH = `query Cibles($text: String!) { search(text: $text, limit: 10) { id labels name } }`;
const CHOICES = `query Choix {
  themes(first: 100) { edges { node { id name } } }
  territories(first: 100, sortBy: NAME) { edges { node { id name kindLabel } } }
}`;

let targets = new Map();

async function findTargets(text) {
  if (!/[\p{L}\p{N}]/u.test(text)) return [];
  const hits = (await gql(SEARCH, { text })).search.filter((hit) => hit.labels.includes("Organisation") || hit.labels.includes("Platform"));
  targets = new Map(hits.map((hit) => [hit.name, hit.id]));
  return hits;
}

export async function initPartners(context) {
  const form = document.getElementById("filtres-partenaires");
  const result = document.getElementById("partenaires-resultat");
  const list = document.getElementById("partenaires-liste");
  form.target.addEventListener("input", () => guarded(async () => {
    const hits = await findTargets(form.target.value.trim());
    list.replaceChildren(...hits.map((hit) => h("option", { value: hit.name })));
  }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    guarded(async () => {
      const typed = form.target.value.trim();
      let id = targets.get(typed);
      if (!id) {
        const hits = await findTargets(typed);
        if (!hits.length) throw new Error(`Aucune organisation ni plateforme ne correspond à « ${typed} ».`);
        id = hits[0].id;
      }
      const data = await gql(SUGGEST, { id, theme: form.theme.value || null, territory: form.territory.value || null });
      const rows = data.partnerSuggestions.map((s, i) => [
        String(i + 1),
        h("a", { href: `#${s.organisation.id}`, onclick: (e) => { e.preventDefault(); context.open(s.organisation.id); } }, s.organisation.name),
        h("span", { class: "score" }, s.score.toFixed(2)),
        h("ul", { class: "reason" }, s.parts.filter((p) => p.value).map((p) => h("li", {}, p.explanation))),
      ]);
      result.replaceChildren(rows.length
        ? table("Partenaires suggérés, du plus pertinent au moins pertinent", ["Rang", "Organisation", "Score", "Pourquoi"], rows)
        : h("p", {}, "Aucune organisation non encore reliée ne travaille sur ces thèmes dans ce territoire."));
    });
  });
  await guarded(async () => {
    const data = await gql(CHOICES);
    fillSelect(form.theme, data.themes.edges.map((e) => ({ value: e.node.id, label: e.node.name })));
    fillSelect(form.territory, data.territories.edges.map((e) => ({ value: e.node.id, label: e.node.name })));
    fillSelect(document.getElementById("territoire"), data.territories.edges.map((e) => ({ value: e.node.id, label: e.node.name })));
  });
}
