// The recommendation tracer: a recommendation (found by words of its title, or picked in its
// memorandum), its addressees, the paths from its authors and supporters to them (highlighted in the
// network), who can carry it, and its status timeline; staff may record a new status.

import { gql } from "./api.js";
import { autocomplete, set } from "./autocomplete.js";
import { highlightPaths } from "./network.js";
import { displayDate, fillSelect, guarded, h, say, table } from "./ui.js";
import { nodeLabel, optionsOf } from "./vocabulary.js";

const MEMORANDA = `query Memoranda { memoranda { id title year } }`;
const RECOMMENDATIONS = `query Recos($id: ID!) { recommendationsOf(memorandumId: $id) { id number title } }`;
const TRACE = `query Trace($id: ID!) {
  traceRecommendation(id: $id) {
    recommendation { id name }
    memorandum { id name }
    authors { id name }
    supporters { id name }
    addressees {
      addressee { id name }
      isSource
      paths { nodes { id label name } relationships { type reading source target } }
    }
  }
  carriers(id: $id) { organisation { id name } addresseesReached routes { body { name } addressee { name } } }
  statusTimeline(id: $id) { steps { status label date note } }
}`;
const RECORD = `mutation Statut($input: StatusInput!) { recordRecommendationStatus(input: $input) { id } }`;

/** One path, read step by step in the API's reading of each relationship. */
export function pathView(path, context) {
  const parts = [];
  path.nodes.forEach((node, i) => {
    if (i > 0) parts.push(" ", h("span", { class: "rel" }, path.relationships[i - 1].reading), " ");
    const name = node.name || (node.label === "Person" ? "une personne" : nodeLabel(node.label));
    parts.push(context && node.name ? h("a", { href: context.link("reseau", { fiche: node.id }) }, name) : name);
  });
  return h("li", { class: "path" }, parts);
}

export async function initTracer(context) {
  const form = document.getElementById("filtres-recommandations");
  const result = document.getElementById("recommandations-resultat");
  const statusForm = document.getElementById("form-statut");
  const loadRecommendations = async () => {
    if (!form.memorandum.value) return;
    const data = await gql(RECOMMENDATIONS, { id: form.memorandum.value });
    fillSelect(form.recommendation, data.recommendationsOf.map((r) => ({ value: r.id, label: `${r.number ? r.number + ". " : ""}${r.title}` })), false);
  };
  form.memorandum.addEventListener("change", () => guarded(loadRecommendations));
  autocomplete(form.elements.cherche, {
    labels: ["Recommendation"], what: "recommandation",
    onChoose: (hit) => guarded(() => context.navigate("recommandations", { recommandation: hit.id })),
  });

  const trace = async (id) => {
    const data = await gql(TRACE, { id });
    const t = data.traceRecommendation;
    if (t.memorandum && form.memorandum.value !== t.memorandum.id) {
      form.memorandum.value = t.memorandum.id;
      await loadRecommendations();
    }
    form.recommendation.value = id;
    set(form.elements.cherche, null);
    const allPaths = t.addressees.flatMap((a) => a.paths.map((p) => p.nodes.map((n) => n.id)));
    highlightPaths(allPaths);
    const names = (list) => list.map((a) => a.name).join(", ") || "—";
    result.replaceChildren(
      h("h2", {}, t.recommendation.name),
      h("p", {}, `Auteurs : ${names(t.authors)} · Soutiens : ${names(t.supporters)}`),
      h("h3", {}, `Destinataires et chemins pour les atteindre (${t.addressees.length})`),
      t.addressees.length
        ? h("ul", {}, t.addressees.map((a) => h("li", {}, h("strong", {}, a.addressee.name),
          a.isSource ? " (est aussi auteur ou soutien)" : "",
          a.paths.length ? h("ul", {}, a.paths.map((p) => pathView(p, context))) : h("p", {}, `Aucun chemin connu vers ${a.addressee.name}.`))))
        : h("p", { role: "status" }, "Cette recommandation n'a pas de destinataire connu."),
      allPaths.length ? h("p", {}, h("a", { href: context.link("reseau", { chemins: id }) }, "Voir ces chemins sur le réseau")) : "",
      h("h3", {}, `Qui peut la porter (${data.carriers.length})`),
      data.carriers.length
        ? table("Organisations siégeant dans une instance où siège un destinataire", ["Organisation", "Destinataires atteints", "Par"],
          data.carriers.map((c) => [h("a", { href: context.link("reseau", { fiche: c.organisation.id }) }, c.organisation.name), String(c.addresseesReached),
            c.routes.map((r) => `${r.body.name} → ${r.addressee.name}`).join(" ; ")]))
        : h("p", { role: "status" }, "Aucune organisation connue ne siège dans une instance où siège un destinataire de cette recommandation."),
      h("h3", {}, "Historique du statut"),
      data.statusTimeline.steps.length
        ? h("ol", { id: "historique" }, data.statusTimeline.steps.map((s) => h("li", {}, `${displayDate(s.date)} : ${s.label}${s.note ? ` — ${s.note}` : ""}`)))
        : h("p", { id: "historique" }, "Aucun statut enregistré."),
    );
    return t;
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!form.recommendation.value) {
      say("Ce mémorandum ne contient aucune recommandation : choisissez-en un autre.");
      return;
    }
    guarded(() => context.navigate("recommandations", { recommandation: form.recommendation.value }));
  });
  statusForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    await guarded(async () => {
      const id = form.recommendation.value;
      if (!id) throw new Error("Choisissez d'abord la recommandation dont le statut change.");
      const label = statusForm.status.selectedOptions[0].textContent;
      const input = { recommendation: id, status: statusForm.status.value, date: statusForm.date.value, note: statusForm.note.value.trim() || null };
      await gql(RECORD, { input });
      const t = await trace(id);
      statusForm.reset();
      say(`Statut « ${label} » enregistré pour « ${t.recommendation.name} ».`, "info");
    });
  });
  await guarded(async () => {
    const memoranda = await gql(MEMORANDA);
    fillSelect(form.memorandum, memoranda.memoranda.map((m) => ({ value: m.id, label: `${m.title}${m.year ? ` (${m.year})` : ""}` })), false);
    fillSelect(statusForm.status, optionsOf("RecommendationStatus").map((o) => ({ value: o.value.toUpperCase(), label: o.label })), false);
    await loadRecommendations();
  });
  return (params) => guarded(async () => {
    if (params.recommandation) await trace(params.recommandation);
    else result.replaceChildren();
  });
}
