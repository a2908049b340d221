// Asks interpreter --server's OpenAI-compatible route through the official openai package.
// Usage: node openai-chat.mjs BASE_URL API_KEY stream|plain MESSAGE
// Prints {"content": "..."} (the whole reply) as one JSON line.
import OpenAI from "openai";

const [baseURL, apiKey, mode, message] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 120_000 });
const request = { model: "open-interpreter", messages: [{ role: "user", content: message }] };
let content = "";
if (mode === "stream") {
  const stream = await client.chat.completions.create({ ...request, stream: true });
  let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    content += chunk.choices[0]?.delta?.content ?? "";
  }
  console.log(JSON.stringify({ content, chunks }));
} else {
  const completion = await client.chat.completions.create(request);
  content = completion.choices[0].message.content;
  console.log(JSON.stringify({ content, finish_reason: completion.choices[0].finish_reason, usage: completion.usage }));
}
