// The recommendation tracer: a memorandum, one of its recommendations, its addressees, the paths
// from its authors and supporters to them (highlighted in the network), who can carry it, and its
// status timeline; staff may record a new status.

import { gql } from "./api.js";
import { highlightPaths } from "./network.js";
import { fillSelect, guarded, h, say, table } from "./ui.js";
import { optionsOf } from "./vocabulary.js";

const MEMORANDA = `query Memoranda { memoranda { id title year } }`;
const RECOMMENDATIONS = `query Recos($id: ID!) { recommendationsOf(memorandumId: $id) { id number title } }`;
const TRACE = `query Trace($id: ID!) {
  traceRecommendation(id: $id) {
    recommendation { id name }
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
const RECORD = `mutation Statut($input: StatusChangeInput!) { recordRecommendationStatus(input: $input) { id } }`;

function pathView(path) {
  const parts = [];
  path.nodes.forEach((node, i) => {
    if (i > 0) parts.push(" ", h("span", { class: "rel" }, `— ${path.relationships[i - 1].reading} —`), " ");
    parts.push(node.name || (node.label === "Person" ? "(personne)" : node.id));
  });
  return h("li", { class: "path" }, parts);
}

export async function initTracer(context) {
  const form = document.getElementById("filtres-recommandations");
  const result = document.getElementById("recommandations-resultat");
  const loadRecommendations = () => guarded(async () => {
    if (!form.memorandum.value) return;
    const data = await gql(RECOMMENDATIONS, { id: form.memorandum.value });
    fillSelect(form.recommendation, data.recommendationsOf.map((r) => ({ value: r.id, label: `${r.number ? r.number + ". " : ""}${r.title}` })), false);
  });
  form.memorandum.addEventListener("change", loadRecommendations);
  const trace = () => guarded(async () => {
    const id = form.recommendation.value;
    if (!id) return;
    const data = await gql(TRACE, { id });
    const t = data.traceRecommendation;
    const allPaths = t.addressees.flatMap((a) => a.paths.map((p) => p.nodes.map((n) => n.id)));
    highlightPaths(allPaths);
    result.replaceChildren(
      h("h2", {}, t.recommendation.name),
      h("p", {}, "Auteurs : ", t.authors.map((a) => a.name).join(", ") || "—", " · Soutiens : ", t.supporters.map((a) => a.name).join(", ") || "—"),
      h("h3", {}, "Destinataires et chemins pour les atteindre"),
      h("ul", {}, t.addressees.map((a) => h("li", {}, h("strong", {}, a.addressee.name),
        a.isSource ? " (est aussi auteur ou soutien)" : "",
        a.paths.length ? h("ul", {}, a.paths.map(pathView)) : h("p", {}, "Aucun chemin connu.")))),
      h("h3", {}, "Qui peut la porter"),
      data.carriers.length
        ? table("Organisations siégeant dans une instance où siège un destinataire", ["Organisation", "Destinataires atteints", "Par"],
          data.carriers.map((c) => [c.organisation.name, String(c.addresseesReached), c.routes.map((r) => `${r.body.name} → ${r.addressee.name}`).join(" ; ")]))
        : h("p", {}, "Aucune organisation ne siège dans une instance d'un destinataire."),
      h("h3", {}, "Historique du statut"),
      h("ol", { id: "historique" }, data.statusTimeline.steps.map((s) => h("li", {}, `${s.date} : ${s.label}${s.note ? ` — ${s.note}` : ""}`))),
    );
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    trace();
  });
  const statusForm = document.getElementById("form-statut");
  statusForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    await guarded(async () => {
      const values = Object.fromEntries(new FormData(statusForm).entries());
      if (!values.note) delete values.note;
      await gql(RECORD, { input: { ...values, recommendation: form.recommendation.value } });
      await trace();
      say("Statut enregistré.", "info");
    });
  });
  await guarded(async () => {
    const memoranda = await gql(MEMORANDA);
    fillSelect(form.memorandum, memoranda.memoranda.map((m) => ({ value: m.id, label: `${m.title} (${m.year})` })), false);
    fillSelect(document.getElementById("statut-valeur"), optionsOf("RecommendationStatus").map((o) => ({ value: o.value.toUpperCase(), label: o.label })), false);
    await loadRecommendations();
  });
}
