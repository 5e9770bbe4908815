// Duplicates (staff): the pairs of entities that may be one, with the reason; two entities compared
// side by side; a merge (choosing which one is kept) after confirmation; the past merges, each undoable.

import { gql } from "./api.js";
import { autocomplete, resolve, set } from "./autocomplete.js";
import { HIDDEN, display, fieldLabel } from "./fields.js";
import { provenance } from "./panel.js";
import { asCards, displayDate, fillSelect, guarded, h, nameOf, say } from "./ui.js";
import { kindLabel, nodeLabel } from "./vocabulary.js";

const CANDIDATES = `query Doublons($label: String!) { duplicateCandidates(label: $label, limit: 100) { first firstName second secondName reason score } }`;
const MERGES = `query Fusions { merges(limit: 100) { id kept merged by at status undoneBy undoneAt } }`;
const ENTITY = `query Comparer($id: ID!) {
  neighbourhood(id: $id) { id labels properties relationships { type reading outgoing other { id name } } }
}`;
const MERGE = `mutation Fusion($kept: ID!, $merged: ID!) {
  mergeEntities(kept: $kept, merged: $merged) { merge kept merged moved keptExisting droppedLoops copied }
}`;
const UNDO = `mutation Annuler($merge: ID!) { undoMerge(merge: $merge) { target } }`;
const LABELS = ["Organisation", "Platform", "Body", "Territory", "Theme", "ReceptionOffice"];
const FIRST = ["name", "acronym", "kind", "sector", "enterpriseNumber", "nameNl", "nameDe", "address", "website"];

/** A dialog asking to confirm ``question``; resolves true when confirmed (Escape or « Annuler »: false). */
function confirmDialog(title, question, action, cancel = "Annuler") {
  return new Promise((done) => {
    const dialog = h("dialog", { "aria-labelledby": "confirmation-titre", id: "confirmation" });
    const finish = (answer) => {
      dialog.close();
      dialog.remove();
      done(answer);
    };
    dialog.append(
      h("h2", { id: "confirmation-titre" }, title),
      h("p", {}, question),
      h("menu", {},
        h("button", { type: "button", class: "danger", onclick: () => finish(true) }, action),
        h("button", { type: "button", onclick: () => finish(false) }, cancel)),
    );
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      finish(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    dialog.querySelector("button").focus();
  });
}

/** ``request``, its error naming the mutation's arguments as people say them (« kept » → « élément gardé »). */
async function inFrench(request) {
  try {
    return await request;
  } catch (error) {
    error.message = error.message.replace(/\bkept : /g, "élément gardé : ").replace(/\bmerged : /g, "élément fondu : ");
    throw error;
  }
}

function entityName(n) {
  return n.properties.name || n.properties.title || n.id;
}

/** The two entities side by side: their properties, how many links and of which kinds, their sources. */
function comparison(a, b, link) {
  const keys = [...new Set([...FIRST, ...Object.keys(a.properties), ...Object.keys(b.properties)])]
    .filter((k) => k !== "kind" && (k === "name" || !HIDDEN.has(k)) && (a.properties[k] ?? b.properties[k]) !== undefined);
  const cell = (n, key) => display(key, n.properties[key], n.labels);
  const linkSummary = (n) => {
    const counts = new Map();
    for (const r of n.relationships) counts.set(r.reading, (counts.get(r.reading) || 0) + 1);
    return h("ul", { class: "reason" }, [...counts.entries()].sort((x, y) => y[1] - x[1]).map(([reading, count]) => h("li", {}, `${reading} : ${count}`)));
  };
  const rows = keys.map((k) => {
    const [x, y] = [cell(a, k), cell(b, k)];
    return h("tr", { class: x === y ? "" : "differs" }, h("th", { scope: "row" }, fieldLabel(k)), h("td", {}, x || "—"), h("td", {}, y || "—"));
  });
  return h("div", { class: "table-wrap" }, h("table", { class: "compare", id: "doublons-table" },
    h("caption", {}, `Comparaison de « ${entityName(a)} » et « ${entityName(b)} » (les lignes qui diffèrent sont marquées)`),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Champ"),
      [a, b].map((n) => h("th", { scope: "col" }, h("a", { href: link("reseau", { fiche: n.id }) }, entityName(n)), h("span", { class: "prov" }, ` ${n.id}`))))),
    h("tbody", {},
      h("tr", {}, h("th", { scope: "row" }, "Type"), h("td", {}, kindLabel({ labels: a.labels, kind: a.properties.kind })), h("td", {}, kindLabel({ labels: b.labels, kind: b.properties.kind }))),
      rows,
      h("tr", {}, h("th", { scope: "row" }, "Liens"), [a, b].map((n) => h("td", {}, `${n.relationships.length} lien(s)`, linkSummary(n)))),
      h("tr", {}, h("th", { scope: "row" }, "Source"), [a, b].map((n) => h("td", {}, provenance(n.properties)))))));
}

export async function initDuplicates(context) {
  const form = document.getElementById("filtres-doublons");
  const list = document.getElementById("doublons-resultat");
  const compare = document.getElementById("doublons-comparaison");
  const history = document.getElementById("fusions-resultat");
  fillSelect(form.label, LABELS.map((l) => ({ value: l, label: nodeLabel(l) })), false);
  let current = {};

  // two entities chosen by name, for pairs the candidates missed
  const pick = h("form", { class: "controls", id: "form-comparer" },
    h("label", {}, "Comparer ", h("input", { name: "first", id: "comparer-a", placeholder: "un élément" })),
    h("label", {}, "avec ", h("input", { name: "second", id: "comparer-b", placeholder: "un autre élément" })),
    h("button", { type: "submit" }, "Comparer"));
  form.after(pick);
  autocomplete(pick.elements.first, { what: "élément à comparer" });
  autocomplete(pick.elements.second, { what: "élément à comparer" });
  pick.addEventListener("submit", (event) => {
    event.preventDefault();
    guarded(async () => {
      const [a, b] = await Promise.all([resolve(pick.elements.first), resolve(pick.elements.second)]);
      if (!a || !b) throw new Error("Indiquez les deux éléments à comparer.");
      await context.navigate("doublons", { ...current, a: a.id, b: b.id });
    });
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    guarded(() => context.navigate("doublons", { type: form.label.value === "Organisation" ? "" : form.label.value }));
  });
  form.label.addEventListener("change", () => form.requestSubmit());

  async function showCandidates(label) {
    const found = (await gql(CANDIDATES, { label })).duplicateCandidates;
    const rows = found.map((c) => h("tr", {},
      h("td", {}, h("a", { href: context.link("reseau", { fiche: c.first }) }, c.firstName || c.first)),
      h("td", {}, h("a", { href: context.link("reseau", { fiche: c.second }) }, c.secondName || c.second)),
      h("td", {}, c.reason),
      h("td", { class: "score" }, `${Math.round(c.score * 100)} %`),
      h("td", {}, h("a", {
        href: context.link("doublons", { ...current, a: c.first, b: c.second }),
        "aria-label": `Comparer ${c.firstName || c.first} et ${c.secondName || c.second}`,
      }, "Comparer"))));
    list.replaceChildren(found.length
      ? h("div", { class: "table-wrap" }, asCards(h("table", { id: "doublons-candidats" },
        h("caption", {}, `${found.length} doublon(s) possible(s) parmi les éléments de type « ${nodeLabel(label)} »`),
        h("thead", {}, h("tr", {}, ["Premier élément", "Second élément", "Raison", "Ressemblance des noms", "Action"].map((x) => h("th", { scope: "col" }, x)))),
        h("tbody", {}, rows))))
      : h("p", { role: "status" }, `Aucun doublon possible parmi les éléments de type « ${nodeLabel(label)} ».`));
  }

  async function showComparison(aId, bId) {
    const [a, b] = await Promise.all([aId, bId].map(async (id) => (await gql(ENTITY, { id })).neighbourhood));
    set(pick.elements.first, { id: aId, name: entityName(a) });
    set(pick.elements.second, { id: bId, name: entityName(b) });
    if (a.id === b.id) {
      compare.replaceChildren(h("p", { role: "status" }, aId === bId
        ? `Choisissez deux éléments différents : « ${entityName(a)} » serait comparé à lui-même.`
        : `« ${aId === a.id ? bId : aId} » a déjà été fondu dans « ${entityName(a)} » : il n'y a plus qu'un élément.`));
      return;
    }
    const choice = h("fieldset", { class: "keep" }, h("legend", {}, "Élément à garder"),
      [a, b].map((n, i) => h("label", {}, h("input", { type: "radio", name: "kept", value: n.id, checked: i === 0 }), ` garder « ${entityName(n)} » (${n.id})`)));
    const mergeForm = h("form", { id: "form-fusion", class: "controls" }, choice, h("button", { type: "submit" }, "Fusionner…"));
    mergeForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const kept = [a, b].find((n) => n.id === mergeForm.elements.kept.value) || a;
      const merged = kept === a ? b : a;
      guarded(async () => {
        const ok = await confirmDialog("Confirmer la fusion",
          `Fondre « ${entityName(merged)} » (${merged.id}) dans « ${entityName(kept)} » (${kept.id}) ? Ses liens (${merged.relationships.length}), `
          + `ses propriétés absentes de l'élément gardé et sa source passent à « ${entityName(kept)} » ; son identifiant le désignera. `
          + "La fusion peut être annulée depuis la liste des fusions.", "Confirmer la fusion");
        if (!ok) return;
        const done = (await inFrench(gql(MERGE, { kept: kept.id, merged: merged.id }))).mergeEntities;
        await context.navigate("doublons", { type: current.type });
        say(`« ${entityName(merged)} » fondu dans « ${entityName(kept)} » : ${done.moved} lien(s) déplacé(s)`
          + `${done.keptExisting ? `, ${done.keptExisting} déjà présent(s)` : ""}`
          + `${done.copied.length ? ` ; propriétés recopiées : ${done.copied.map(fieldLabel).join(", ")}` : ""}.`, "info");
      });
    });
    compare.replaceChildren(h("section", { "aria-labelledby": "comparaison-titre" },
      h("h2", { id: "comparaison-titre", tabindex: "-1" }, "Comparaison"), comparison(a, b, context.link), mergeForm));
    if (compare.dataset.pair !== `${aId} ${bId}`) document.getElementById("comparaison-titre").focus(); // a new pair: read it next
    compare.dataset.pair = `${aId} ${bId}`;
  }

  async function showMerges() {
    const merges = (await gql(MERGES)).merges;
    const names = new Map(await Promise.all([...new Set(merges.map((m) => m.kept))].map(async (id) => {
      try {
        return [id, (await nameOf(id)).name];
      } catch {
        return [id, id];
      }
    })));
    const rows = merges.map((m) => h("tr", {},
      h("td", {}, h("a", { href: context.link("reseau", { fiche: m.kept }) }, names.get(m.kept) || m.kept)),
      h("td", {}, h("code", {}, m.merged)),
      h("td", {}, `${displayDate(m.at.slice(0, 10))} par ${m.by}`),
      h("td", {}, m.status === "active" ? "en vigueur" : `annulée le ${displayDate((m.undoneAt || "").slice(0, 10))} par ${m.undoneBy || "?"}`),
      h("td", {}, m.status === "active" ? h("button", {
        type: "button", "aria-label": `Annuler la fusion de ${m.merged} dans ${names.get(m.kept) || m.kept}`,
        onclick: () => guarded(async () => {
          const ok = await confirmDialog("Annuler la fusion",
            `Séparer « ${m.merged} » de « ${names.get(m.kept) || m.kept} » ? L'élément fondu revient avec ses liens et ses propriétés.`, "Annuler la fusion", "Garder la fusion");
          if (!ok) return;
          await gql(UNDO, { merge: m.id });
          await context.refresh("doublons");
          say(`Fusion annulée : « ${m.merged} » est de nouveau un élément distinct de « ${names.get(m.kept) || m.kept} ».`, "info");
        }),
      }, "Annuler la fusion") : "")));
    history.replaceChildren(h("section", { "aria-labelledby": "fusions-titre" },
      h("h2", { id: "fusions-titre" }, "Fusions"),
      merges.length
        ? h("div", { class: "table-wrap" }, asCards(h("table", { id: "fusions-table" },
          h("caption", {}, `${merges.length} fusion(s), les plus récentes d'abord`),
          h("thead", {}, h("tr", {}, ["Élément gardé", "Identifiant fondu", "Fusionné", "État", "Action"].map((x) => h("th", { scope: "col" }, x)))),
          h("tbody", {}, rows))))
        : h("p", {}, "Aucune fusion pour l'instant.")));
  }

  context.onRoleChange(() => context.refresh("doublons"));
  return async (params) => {
    current = { type: params.type || "" };
    form.label.value = params.type || "Organisation";
    const staff = context.session.role !== "anonymous";
    document.querySelector("#vue-doublons .staff-hint").hidden = staff;
    for (const el of [form, pick]) el.hidden = !staff;
    if (!staff) {
      for (const el of [list, compare, history]) el.replaceChildren();
      return;
    }
    if (params.a && params.b) await showComparison(params.a, params.b);
    else {
      compare.replaceChildren();
      delete compare.dataset.pair;
      set(pick.elements.first, null);
      set(pick.elements.second, null);
    }
    await Promise.all([showCandidates(form.label.value), showMerges()]);
  };
}
