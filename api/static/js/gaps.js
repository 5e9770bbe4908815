// The coordination gaps of a CRI's territory (policy brief 004): communes that referred nobody (or
// fewer than a threshold) in a year, CPAS with no link to their CRI, territories with no operator
// for a theme.

import { gql } from "./api.js";
import { fillSelect, guarded, h, table } from "./ui.js";

const CRIS = `query Cris { organisations(first: 50, kind: CRI) { edges { node { id name } } } }`;
const GAPS = `query Lacunes($cri: ID!, $year: Int, $threshold: Int!) {
  silentCommunes(criId: $cri, year: $year, threshold: $threshold) { commune { id name } referred referrers { id name } }
  cpasWithoutCriLink(criId: $cri) { cpas { id name } commune { id name } }
  territoriesWithoutOperator(criId: $cri) { territory { id name } theme { id name } }
}`;

export async function initGaps(context) {
  const form = document.getElementById("filtres-lacunes");
  const result = document.getElementById("lacunes-resultat");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    guarded(async () => {
      const data = await gql(GAPS, { cri: form.cri.value, year: form.year.value ? Number(form.year.value) : null, threshold: Number(form.threshold.value || 1) });
      result.replaceChildren(
        data.silentCommunes.length
          ? table("Communes qui ont orienté moins de personnes que le seuil", ["Commune", "Personnes orientées", "Par"],
            data.silentCommunes.map((c) => [c.commune.name, String(c.referred), c.referrers.map((r) => r.name).join(", ")]))
          : h("p", {}, "Toutes les communes du territoire atteignent le seuil."),
        data.cpasWithoutCriLink.length
          ? table("CPAS sans lien avec le centre régional", ["CPAS", "Commune"], data.cpasWithoutCriLink.map((c) => [c.cpas.name, c.commune ? c.commune.name : ""]))
          : h("p", {}, "Chaque CPAS du territoire a un lien avec le centre régional."),
        data.territoriesWithoutOperator.length
          ? table("Territoires sans opérateur pour un thème", ["Territoire", "Thème"], data.territoriesWithoutOperator.map((t) => [t.territory.name, t.theme.name]))
          : h("p", {}, "Chaque territoire a au moins un opérateur par thème."),
      );
    });
  });
  await guarded(async () => {
    const data = await gql(CRIS);
    fillSelect(form.cri, data.organisations.edges.map((e) => ({ value: e.node.id, label: e.node.name })), false);
  });
}
