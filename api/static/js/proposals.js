// The BCE/KBO proposals (staff): the facts the register's import proposes for organisations, each
// with the organisation, the current and proposed values and the register's file and line; staff
// accept (the organisation takes the value) or reject each one.

import { gql } from "./api.js";
import { display, fieldLabel } from "./fields.js";
import { asCards, displayDate, guarded, h, say } from "./ui.js";
import { labelOf } from "./vocabulary.js";

const PROPOSALS = `query Propositions($status: ProposalStatus!) {
  proposals(status: $status, limit: 500) {
    id target targetName field current proposed status createdAt decidedBy decidedAt
    provenance { source locator }
  }
}`;
const DECIDE = `mutation Decider($id: ID!, $accept: Boolean!) { decideProposal(id: $id, accept: $accept) { operation target } }`;
const STATUSES = ["PENDING", "ACCEPTED", "REJECTED"];

function value(field, v) {
  return v === null || v === undefined || v === "" ? h("span", { class: "hint" }, "(vide)") : display(field, v);
}

/** The register's file and line, e.g. « BCE/KBO open data kbo/denomination.csv, ligne 3 ». */
function source(p) {
  return h("span", { class: "prov" }, `${p.provenance.source}${p.provenance.locator ? `, ${p.provenance.locator}` : ""}`);
}

export async function initProposals(context) {
  const form = document.getElementById("filtres-propositions");
  const result = document.getElementById("propositions-resultat");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    guarded(() => context.navigate("propositions", { statut: form.status.value === "PENDING" ? "" : form.status.value.toLowerCase() }));
  });
  form.status.addEventListener("change", () => form.requestSubmit());

  const decide = (p, accept) => guarded(async () => {
    await gql(DECIDE, { id: p.id, accept });
    await context.refresh("propositions");
    const what = `${fieldLabel(p.field)} de « ${p.targetName || p.target} »`;
    say(accept ? `Proposition acceptée : ${what} vaut désormais « ${display(p.field, p.proposed)} ».` : `Proposition refusée : ${what} reste inchangé.`, "info");
  });

  async function show(status) {
    const found = (await gql(PROPOSALS, { status })).proposals;
    const pending = status === "PENDING";
    const headers = ["Organisation", "Champ", "Valeur actuelle", "Valeur proposée", "Source", "Reçue le", pending ? "Décision" : "Décidée"];
    const rows = found.map((p) => {
      const name = p.targetName || p.target;
      const decision = pending
        ? h("span", { class: "decide" },
          h("button", { type: "button", "aria-label": `Accepter : ${fieldLabel(p.field)} de ${name}`, onclick: () => decide(p, true) }, "Accepter"),
          h("button", { type: "button", "aria-label": `Refuser : ${fieldLabel(p.field)} de ${name}`, onclick: () => decide(p, false) }, "Refuser"))
        : `${labelOf("ProposalStatus", p.status.toLowerCase())} le ${displayDate((p.decidedAt || "").slice(0, 10))} par ${p.decidedBy || "?"}`;
      return h("tr", { "data-field": p.field },
        h("th", { scope: "row" }, h("a", { href: context.link("reseau", { fiche: p.target }) }, name)),
        h("td", {}, fieldLabel(p.field)),
        h("td", {}, value(p.field, p.current)),
        h("td", {}, h("strong", {}, value(p.field, p.proposed))),
        h("td", {}, source(p)),
        h("td", {}, displayDate(p.createdAt.slice(0, 10))),
        h("td", {}, decision));
    });
    const title = `${found.length} proposition(s) ${labelOf("ProposalStatus", status.toLowerCase()).toLowerCase()}`;
    result.replaceChildren(found.length
      ? h("div", { class: "table-wrap" }, asCards(h("table", { id: "propositions-table" },
        h("caption", {}, title),
        h("thead", {}, h("tr", {}, headers.map((x) => h("th", { scope: "col" }, x)))),
        h("tbody", {}, rows))))
      : h("p", { role: "status" }, pending
        ? "Aucune proposition en attente : importez le registre de la BCE (maillage kbo import DOSSIER) pour en recevoir."
        : `Aucune proposition ${labelOf("ProposalStatus", status.toLowerCase()).toLowerCase()}.`));
  }

  context.onRoleChange(() => context.refresh("propositions"));
  return async (params) => {
    const status = STATUSES.find((s) => s.toLowerCase() === (params.statut || "pending")) || "PENDING";
    form.status.value = status;
    const staff = context.session.role !== "anonymous";
    document.querySelector("#vue-propositions .staff-hint").hidden = staff;
    form.hidden = !staff;
    if (!staff) {
      result.replaceChildren();
      return;
    }
    await show(status);
  };
}
