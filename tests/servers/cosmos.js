#!/usr/bin/env node
// The Cosmos DB stand-in for tests: @vercel/cosmosdb-server over HTTPS on loopback, with the few
// answers the .NET SDK needs that the server does not give:
//  - the query-plan request the SDK sends before any query (answered with a pass-through plan,
//    so the server itself filters, orders and applies TOP);
//  - queries without a partition key are cross-partition (the server otherwise demands the key in WHERE);
//  - a read of a missing document is 404, not the server's 500.
// Usage: node cosmos.js PORT   (prints "ready PORT" once listening)
"use strict";
const { createHttpsServer } = require("@vercel/cosmosdb-server");

const port = parseInt(process.argv[2] || "0", 10);
const server = createHttpsServer();
const [serve] = server.listeners("request");
server.removeAllListeners("request");

const passThroughPlan = JSON.stringify({
  partitionedQueryExecutionInfoVersion: 2,
  queryInfo: {
    distinctType: "None", top: null, offset: null, limit: null,
    orderBy: [], orderByExpressions: [], groupByExpressions: [], groupByAliases: [],
    aggregates: [], groupByAliasToAggregateType: {}, rewrittenQuery: "", hasSelectValue: false, dCountInfo: null,
  },
  queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }],
});

const isDocumentPath = url => /^\/dbs\/[^/]+\/colls\/[^/]+\/docs\/[^/?]+/.test(url);
const isQuery = req =>
  req.method === "POST" && /^\/dbs\/[^/]+\/colls\/[^/]+\/docs\/?(\?|$)/.test(req.url) &&
  (String(req.headers["x-ms-documentdb-isquery"]).toLowerCase() === "true" ||
   String(req.headers["content-type"]).startsWith("application/query+json"));

server.on("request", (req, res) => {
  if (req.headers["x-ms-cosmos-is-query-plan-request"]) {
    req.resume();
    res.writeHead(200, { "content-type": "application/json", "x-ms-request-charge": "1", "x-ms-activity-id": "00000000-0000-0000-0000-000000000000" });
    res.end(passThroughPlan);
    return;
  }
  if (isQuery(req) && !req.headers["x-ms-documentdb-partitionkey"]) {
    req.headers["x-ms-documentdb-query-enablecrosspartition"] = "true";
  }
  if (req.method === "GET" && isDocumentPath(req.url)) {
    const end = res.end.bind(res);
    res.end = (body, ...rest) => {
      if (res.statusCode === 500) {
        res.statusCode = 404;
        body = JSON.stringify({ code: "NotFound", message: "Entity with the specified id does not exist in the system." });
      }
      return end(body, ...rest);
    };
  }
  serve(req, res);
});

server.listen(port, "127.0.0.1", () => {
  console.log(`ready ${server.address().port}`);
});
