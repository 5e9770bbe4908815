// The network between two dates: the ties and mandates that began or ended in the period, grouped,
// with links to the actors, and how the actors' centrality moved from the first date to the second.

import { gql } from "./api.js";
import { provenance } from "./panel.js";
import { displayDate, guarded, h, isoToday } from "./ui.js";
import { labelOf } from "./vocabulary.js";

const CHANGES = `query Evolution($since: Date!, $until: Date!, $layers: [Layer!]) {
  changes(since: $since, until: $until, layers: $layers, limit: 500) {
    truncated
    ties { change date type reading layer source { id name label kind } target { id name label kind } properties }
    mandates { change date id title holder holderName body bodyName source locator }
  }
}`;
const CENTRALITY = `query EvolutionCentralite($since: Date!, $until: Date!, $measure: String!, $layer: Layer) {
  centralityChange(since: $since, until: $until, measure: $measure, layer: $layer, top: 20) {
    analysis { state message }
    changes { id name before after delta rankBefore rankAfter }
  }
}`;
const MEASURES = {
  degree: "nombre de liens", betweenness: "intermédiarité", pagerank: "PageRank", closeness: "proximité", eigenvector: "vecteur propre",
};
const RETRY_MS = 1500;
const RETRIES = 40; // the two analyses are computed in the background: about a minute at most

/** A year before ``iso`` (YYYY-MM-DD). */
function yearBefore(iso) {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() - 1);
  return date.toISOString().slice(0, 10);
}

function number(value) {
  if (value === null || value === undefined) return "absent";
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}

function signed(value) {
  const text = number(Math.abs(value));
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : "0";
}

function tieItem(tie, link) {
  const details = [tie.properties.role, tie.properties.note].filter(Boolean).join(" — ");
  return h("li", {},
    h("time", { datetime: tie.date }, displayDate(tie.date)), " : ",
    h("a", { href: link("reseau", { fiche: tie.source.id }) }, tie.source.name || tie.source.id),
    h("span", { class: "rel" }, ` ${tie.reading} `),
    h("a", { href: link("reseau", { fiche: tie.target.id }) }, tie.target.name || tie.target.id),
    details ? h("span", { class: "prov" }, ` (${details})`) : "",
    " ", provenance(tie.properties));
}

function mandateItem(mandate, link) {
  return h("li", {},
    h("time", { datetime: mandate.date }, displayDate(mandate.date)), " : ",
    mandate.holder ? h("a", { href: link("reseau", { fiche: mandate.holder }) }, mandate.holderName || mandate.holder) : "titulaire inconnu",
    " à ",
    mandate.body ? h("a", { href: link("reseau", { fiche: mandate.body }) }, mandate.bodyName || mandate.body) : "instance inconnue",
    mandate.title ? h("span", { class: "prov" }, ` (${mandate.title})`) : "",
    " ", provenance({ source: mandate.source, locator: mandate.locator }));
}

/** A titled group (``level``: h3, h4…) of ``children``, or nothing when it has no ``count``. */
function group(id, level, title, count, children) {
  if (!count) return null;
  return h("section", { class: "period-group", id, "aria-labelledby": `${id}-titre` }, h(level, { id: `${id}-titre` }, `${title} (${count})`), children);
}

/** Ties of one kind of change, one list per layer. */
function tiesGroup(id, title, ties, link) {
  const layers = ["VERTICAL", "HORIZONTAL", "DIAGONAL"].map((layer) => {
    const list = ties.filter((t) => t.layer === layer);
    return group(`${id}-${layer.toLowerCase()}`, "h4", labelOf("Layer", layer.toLowerCase()), list.length, h("ul", {}, list.map((t) => tieItem(t, link))));
  });
  return group(id, "h3", title, ties.length, layers.filter(Boolean));
}

function changesView(data, since, until, link) {
  const began = data.ties.filter((t) => t.change === "BEGAN");
  const ended = data.ties.filter((t) => t.change === "ENDED");
  const started = data.mandates.filter((m) => m.change === "BEGAN");
  const stopped = data.mandates.filter((m) => m.change === "ENDED");
  const summary = `Du ${displayDate(since)} au ${displayDate(until)} : ${began.length} lien(s) apparu(s), ${ended.length} lien(s) terminé(s), `
    + `${started.length} mandat(s) commencé(s), ${stopped.length} mandat(s) terminé(s).`;
  const nothing = !began.length && !ended.length && !started.length && !stopped.length;
  return h("section", { class: "period", "aria-labelledby": "evolution-changements" },
    h("h2", { id: "evolution-changements" }, "Ce qui a changé"),
    h("p", { role: "status", id: "evolution-resume" }, summary),
    data.truncated ? h("p", { class: "error" }, "Liste tronquée à 500 changements par sorte : réduisez la période ou choisissez un maillage.") : "",
    nothing ? h("p", {}, "Aucun lien ni mandat daté n'a commencé ou pris fin dans cette période.") : "",
    h("div", { class: "period-columns" },
      tiesGroup("evolution-apparus", "Liens apparus", began, link),
      tiesGroup("evolution-termines", "Liens terminés", ended, link),
      group("evolution-mandats-commences", "h3", "Mandats commencés", started.length, h("ul", {}, started.map((m) => mandateItem(m, link)))),
      group("evolution-mandats-termines", "h3", "Mandats terminés", stopped.length, h("ul", {}, stopped.map((m) => mandateItem(m, link))))));
}

function centralityView(data, since, until, measure, link) {
  const title = `Centralité (${MEASURES[measure]}) au ${displayDate(since)} et au ${displayDate(until)}`;
  const heading = h("h2", { id: "evolution-centralite-titre" }, "Centralité par période");
  if (data.analysis.state === "COMPUTING" && !data.changes.length) {
    return h("section", { "aria-labelledby": "evolution-centralite-titre", id: "evolution-centralite", "aria-busy": "true" },
      heading, h("p", { role: "status" }, `Calcul de la centralité aux deux dates en cours… ${data.analysis.message}`));
  }
  const moved = data.changes.filter((c) => c.delta !== 0);
  const rows = moved.map((c) => h("tr", {},
    h("th", { scope: "row" }, h("a", { href: link("reseau", { fiche: c.id }) }, c.name || c.id)),
    h("td", { class: "score" }, number(c.before)), h("td", { class: "score" }, c.rankBefore ?? "—"),
    h("td", { class: "score" }, number(c.after)), h("td", { class: "score" }, c.rankAfter ?? "—"),
    h("td", { class: `score ${c.delta > 0 ? "up" : c.delta < 0 ? "down" : ""}` }, signed(c.delta))));
  return h("section", { "aria-labelledby": "evolution-centralite-titre", id: "evolution-centralite" },
    heading,
    data.analysis.state === "STALE" ? h("p", { class: "hint" }, data.analysis.message) : "",
    rows.length
      ? h("div", { class: "table-wrap" }, h("table", {},
        h("caption", {}, `${title} : les plus grands écarts`),
        h("thead", {}, h("tr", {},
          ["Acteur", `Au ${displayDate(since)}`, "Rang", `Au ${displayDate(until)}`, "Rang", "Écart"].map((label) => h("th", { scope: "col" }, label)))),
        h("tbody", {}, rows)))
      : h("p", {}, `${title} : aucun écart.`),
    rows.length && moved.length < data.changes.length ? h("p", { class: "hint" }, "Les autres acteurs gardent la même valeur aux deux dates.") : "");
}

export async function initEvolution(context) {
  const form = document.getElementById("filtres-evolution");
  const result = document.getElementById("evolution-resultat");
  let shown = 0; // the latest display: a slower, older one must not overwrite it
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    guarded(async () => {
      if (!form.since.value || !form.until.value) throw new Error("Choisissez les deux dates de la période.");
      if (form.until.value <= form.since.value) throw new Error("La seconde date doit suivre la première.");
      await context.navigate("evolution", {
        du: form.since.value, au: form.until.value, maillage: form.layer.value, mesure: form.measure.value === "degree" ? "" : form.measure.value,
      });
    });
  });

  async function centrality(since, until, measure, layer, turn) {
    const visible = () => !document.getElementById("vue-evolution").hidden; // another view: stop asking
    for (let attempt = 0; attempt < RETRIES && turn === shown && visible(); attempt += 1) {
      const data = (await gql(CENTRALITY, { since, until, measure, layer })).centralityChange;
      if (turn !== shown) return;
      const old = document.getElementById("evolution-centralite");
      const view = centralityView(data, since, until, measure, context.link);
      if (old) old.replaceWith(view);
      else result.append(view);
      if (data.analysis.state !== "COMPUTING" || data.changes.length) return;
      await new Promise((done) => setTimeout(done, RETRY_MS));
    }
  }

  return async (params) => {
    const until = params.au || isoToday();
    const since = params.du || yearBefore(until);
    form.since.value = since;
    form.until.value = until;
    form.layer.value = params.maillage || "";
    form.measure.value = params.mesure || "degree";
    if (!params.du || !params.au) {
      result.replaceChildren(h("p", { class: "hint" }, "Choisissez deux dates pour voir les liens et mandats apparus ou terminés entre elles, et l'évolution de la centralité."));
      return;
    }
    const turn = ++shown;
    result.replaceChildren(h("p", { role: "status" }, "Chargement…"));
    const layer = form.layer.value || null;
    const data = (await gql(CHANGES, { since, until, layers: layer ? [layer] : null })).changes;
    if (turn !== shown) return;
    result.replaceChildren(changesView(data, since, until, context.link));
    await guarded(() => centrality(since, until, form.measure.value, layer, turn));
  };
}
