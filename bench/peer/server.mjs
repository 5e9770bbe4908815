// The peer of maillage's API for bench/peer.py: @neo4j/graphql on graphql-yoga, over the same Neo4j.
// Environment: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, PORT, TYPE_DEFS (the type definitions bench/peer.py
// wrote from schema.graphql, its link fields filled in). `node server.mjs --print-schema`
// prints the generated GraphQL schema (no database needed). Prints "ready" once listening.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { printSchema } from "graphql";
import { createYoga } from "graphql-yoga";
import neo4j from "neo4j-driver";

const typeDefs = readFileSync(process.env.TYPE_DEFS, "utf8");
const printOnly = process.argv.includes("--print-schema");
const driver = printOnly
  ? undefined
  : neo4j.driver(process.env.NEO4J_URI, neo4j.auth.basic(process.env.NEO4J_USERNAME, process.env.NEO4J_PASSWORD));
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
if (printOnly) {
  console.log(printSchema(schema));
  process.exit(0);
}
const yoga = createYoga({ schema, graphqlEndpoint: "/graphql", logging: false, graphiql: false, maskedErrors: false });
const server = createServer(yoga);
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => driver.close().then(() => process.exit(0))));
}
