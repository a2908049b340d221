// Drives interpreter --mcp with the official MCP TypeScript SDK client over stdio.
// Usage: node mcp-client.mjs COMMAND ARGS... -- CALLS_JSON
// CALLS_JSON is a list of {"name", "arguments"}; prints {"tools": [...], "results": [...]} as one JSON line.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const argv = process.argv.slice(2);
const cut = argv.indexOf("--");
const [command, ...args] = argv.slice(0, cut);
const calls = JSON.parse(argv[cut + 1]);
const transport = new StdioClientTransport({ command, args, env: { ...process.env }, stderr: "inherit" });
const client = new Client({ name: "oi-test-client", version: "1.0.0" });
await client.connect(transport);
const { tools } = await client.listTools();
const results = [];
for (const call of calls) {
  results.push(await client.callTool(call));
}
console.log(JSON.stringify({ server: client.getServerVersion(), tools, results }));
await client.close();
