// Talks to interpreter --server's websocket with the ws package, as OI's clients do.
// Usage: node ws-chat.mjs URL MESSAGE...   (each message is sent as start/content/end chunks; the next one after
// the server's {"role":"server","type":"status","content":"complete"})
// Environment: OI_AUTH=KEY sends {"auth": KEY} first; DROP_AFTER=TEXT closes the connection once a chunk's content
// holds TEXT; CHECK_FILE=PATH prints "file before the next message: CONTENT" at each complete before sending the next
// message. Every message received is printed as one JSON line; "closed CODE" when the server closes.
import { readFileSync } from "node:fs";
import WebSocket from "ws";

const [url, ...messages] = process.argv.slice(2);
const socket = new WebSocket(url);
const send = (chunk) => socket.send(JSON.stringify(chunk));
const sendMessage = (text) => {
  send({ role: "user", type: "message", start: true });
  send({ role: "user", type: "message", content: text });
  send({ role: "user", type: "message", end: true });
};

socket.on("open", () => {
  if (process.env.OI_AUTH !== undefined) send({ auth: process.env.OI_AUTH });
  sendMessage(messages.shift());
});
socket.on("message", (data) => {
  const text = data.toString();
  console.log(text);
  const chunk = JSON.parse(text);
  if (process.env.DROP_AFTER && typeof chunk.content === "string" && chunk.content.includes(process.env.DROP_AFTER)) {
    socket.terminate();
    process.exit(0);
  }
  if (chunk.role === "server" && chunk.type === "status" && chunk.content === "complete") {
    if (process.env.CHECK_FILE) console.log(`file before the next message: ${readFileSync(process.env.CHECK_FILE, "utf8").trim()}`);
    if (messages.length === 0) socket.close(1000);
    else sendMessage(messages.shift());
  }
});
socket.on("close", (code) => {
  console.log(`closed ${code}`);
  process.exit(0);
});
socket.on("error", (error) => {
  console.error(String(error));
  process.exit(1);
});
