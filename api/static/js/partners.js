// The partner finder: for an organisation or a platform, the organisations working on its themes in
// its territory that are not yet connected, ranked, with the reason for each score.

import { gql } from "./api.js";
import { autocomplete, resolve, set } from "./autocomplete.js";
import { fillSelect, guarded, h, nameOf, table } from "./ui.js";

const SUGGEST = `query Suggestions($id: ID!, $theme: ID, $territory: ID) {
  partnerSuggestions(id: $id, theme: $theme, territory: $territory, limit: 20) {
    organisation { id name kind }
    score
    parts { factor value weight explanation }
  }
}`;
const CHOICES = `query Choix {
  themes(first: 100) { edges { node { id name } } }
  territories(first: 100, sortBy: NAME) { edges { node { id name kindLabel } } }
}`;

async function show(target, form, context) {
  const result = document.getElementById("partenaires-resultat");
  const data = await gql(SUGGEST, { id: target.id, theme: form.theme.value || null, territory: form.territory.value || null });
  const rows = data.partnerSuggestions.map((s, i) => [
    String(i + 1),
    h("a", { href: context.link("reseau", { fiche: s.organisation.id }) }, s.organisation.name),
    h("span", { class: "score" }, s.score.toFixed(2)),
    h("ul", { class: "reason" }, s.parts.filter((p) => p.value).map((p) => h("li", {}, p.explanation))),
  ]);
  const theme = form.theme.value ? ` sur le thème « ${form.theme.selectedOptions[0].textContent} »` : "";
  const territory = form.territory.value ? ` à ${form.territory.selectedOptions[0].textContent}` : "";
  result.replaceChildren(rows.length
    ? table(`Partenaires suggérés pour ${target.name}${theme}${territory}, du plus pertinent au moins pertinent`, ["Rang", "Organisation", "Score", "Pourquoi"], rows)
    : h("p", { role: "status" }, `Aucune organisation non encore reliée à ${target.name} ne travaille sur ${theme ? `le thème${theme.slice(9)}` : "ses thèmes"}${territory || " dans son territoire"}.`));
}

export async function initPartners(context) {
  const form = document.getElementById("filtres-partenaires");
  autocomplete(form.elements.target, { labels: ["Organisation", "Platform"], what: "organisation ni plateforme" });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    guarded(async () => {
      const target = await resolve(form.elements.target);
      if (!target) throw new Error("Indiquez l'organisation ou la plateforme pour laquelle chercher des partenaires.");
      await context.navigate("partenaires", { pour: target.id, theme: form.theme.value, territoire: form.territory.value });
    });
  });
  await guarded(async () => {
    const data = await gql(CHOICES);
    fillSelect(form.theme, data.themes.edges.map((e) => ({ value: e.node.id, label: e.node.name })));
    fillSelect(form.territory, data.territories.edges.map((e) => ({ value: e.node.id, label: e.node.name })));
    fillSelect(document.getElementById("territoire"), data.territories.edges.map((e) => ({ value: e.node.id, label: e.node.name })));
  });
  return (params) => guarded(async () => {
    form.theme.value = params.theme || "";
    form.territory.value = params.territoire || "";
    if (!params.pour) {
      document.getElementById("partenaires-resultat").replaceChildren();
      return;
    }
    const target = await nameOf(params.pour);
    set(form.elements.target, target);
    await show(target, form, context);
  });
}
