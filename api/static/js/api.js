// The only way the page talks to maillage: POST /graphql, with the staff token when logged in.

const TOKEN_KEY = "maillage.jeton";

const CODE_MESSAGES = {
  NOT_FOUND: "Introuvable",
  INVALID_INPUT: "Saisie invalide",
  UNAUTHENTICATED: "Jeton refusé : reconnectez-vous",
  FORBIDDEN: "Action réservée à l'équipe",
  UNAVAILABLE: "La base de données est indisponible pour le moment ; réessayez dans un instant",
  CONFLICT: "Conflit : la donnée a changé entre-temps",
  TOO_COMPLEX: "Demande trop lourde",
};

/** An error the API returned, with its stable code and a message for people. */
export class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** Run a GraphQL operation; resolve to its data or reject with an ApiError. */
export async function gql(query, variables = {}) {
  const headers = { "Content-Type": "application/json" };
  const bearer = token();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let response;
  try {
    response = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError("UNAVAILABLE", "Le serveur maillage ne répond pas.");
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError("UNAVAILABLE", `Le serveur a répondu ${response.status} sans résultat lisible.`);
  }
  if (body.errors && body.errors.length) {
    const first = body.errors[0];
    const code = (first.extensions && first.extensions.code) || "ERREUR";
    const prefix = CODE_MESSAGES[code];
    throw new ApiError(code, prefix ? `${prefix} — ${first.message}` : first.message);
  }
  return body.data;
}
