// The coordination gaps of a CRI's territory (policy brief 004): communes that referred nobody (or
// fewer than a threshold) in a year, CPAS with no link to their CRI, territories with no operator
// for a theme.

import { gql } from "./api.js";
import { fillSelect, guarded, h, table } from "./ui.js";

const CHOICES = `query ChoixLacunes {
  organisations(first: 50, kind: [CRI]) { edges { node { id name } } }
  themes(first: 100) { edges { node { id name } } }
}`;
const YEARS = `query Annees($cri: ID!) { referralYears(criId: $cri) }`;
const GAPS = `query Lacunes($cri: ID!, $year: Int!, $threshold: Int!, $theme: ID!, $territory: ID) {
  silentCommunes(criId: $cri, year: $year, threshold: $threshold) {
    commune { id name } referrals referrers { organisation { name } count }
  }
  cpasWithoutCriLink(criId: $cri, first: 500) { cpas { id name } place { name } cri { name } }
  territoriesWithoutOperator(themeId: $theme, withinId: $territory) { territory { id name } parent { name } }
}`;
const CRI_TERRITORY = `query TerritoireCri($id: ID!) {
  neighbourhood(id: $id) { relationships { type outgoing other { id label } } }
}`;

export async function initGaps(context) {
  const form = document.getElementById("filtres-lacunes");
  const result = document.getElementById("lacunes-resultat");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    guarded(() => context.navigate("lacunes", {
      cri: form.cri.value, annee: form.year.value, seuil: form.threshold.value, theme: form.theme.value,
    }));
  });
  const show = () => guarded(async () => {
      const around = await gql(CRI_TERRITORY, { id: form.cri.value });
      const covered = around.neighbourhood.relationships.find((r) => r.type === "COVERS" && r.outgoing && r.other.label === "Territory");
      const data = await gql(GAPS, {
        cri: form.cri.value,
        year: Number(form.year.value),
        threshold: Number(form.threshold.value || 1),
        theme: form.theme.value,
        territory: covered ? covered.other.id : null,
      });
      result.replaceChildren(
        data.silentCommunes.length
          ? table(`Communes qui ont orienté moins de ${form.threshold.value} personne(s) en ${form.year.value}`, ["Commune", "Personnes orientées", "Par"],
            data.silentCommunes.map((c) => [c.commune.name, String(c.referrals), c.referrers.map((r) => `${r.organisation.name} (${r.count})`).join(", ")]))
          : h("p", {}, "Toutes les communes du territoire atteignent le seuil."),
        data.cpasWithoutCriLink.length
          ? table("CPAS sans lien avec le centre régional", ["CPAS", "Lieu", "Centre régional"], data.cpasWithoutCriLink.map((c) => [c.cpas.name, c.place.name, c.cri.name]))
          : h("p", {}, "Chaque CPAS du territoire a un lien avec le centre régional."),
        data.territoriesWithoutOperator.length
          ? table(`Communes sans opérateur pour le thème « ${form.theme.selectedOptions[0].textContent} »`, ["Commune", "Dans"], data.territoriesWithoutOperator.map((t) => [t.territory.name, t.parent ? t.parent.name : ""]))
          : h("p", {}, `Chaque commune du territoire a au moins un opérateur pour le thème « ${form.theme.selectedOptions[0].textContent} ».`),
      );
  });
  const loadYears = () => guarded(async () => {
    const years = (await gql(YEARS, { cri: form.cri.value })).referralYears;
    if (years.length && !form.year.value) form.year.value = String(years[years.length - 1]);
  });
  form.cri.addEventListener("change", loadYears);
  await guarded(async () => {
    const data = await gql(CHOICES);
    fillSelect(form.cri, data.organisations.edges.map((e) => ({ value: e.node.id, label: e.node.name })), false);
    fillSelect(form.theme, data.themes.edges.map((e) => ({ value: e.node.id, label: e.node.name })), false);
    await loadYears();
  });
  return async (params) => {
    if (!params.cri) {
      result.replaceChildren();
      return;
    }
    form.cri.value = params.cri;
    form.year.value = params.annee || "";
    if (!form.year.value) await loadYears();
    form.threshold.value = params.seuil || "1";
    if (params.theme) form.theme.value = params.theme;
    await show();
  };
}
