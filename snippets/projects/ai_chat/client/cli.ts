import { ChatError, streamChat } from "./chat.js";

const baseUrl = process.env.CHAT_SERVICE_URL ?? "http://127.0.0.1:8000";
const timeoutMs = Number(process.env.CHAT_TIMEOUT_MS ?? 60_000);
const prompt = process.argv.slice(2).join(" ");

try {
  await streamChat(baseUrl, [{ role: "user", content: prompt }], (text) => process.stdout.write(text), timeoutMs);
  process.stdout.write("\n");
} catch (error) {
  console.error(error instanceof ChatError ? `HTTP ${error.status}: ${error.message}` : String(error));
  process.exitCode = 1;
}
