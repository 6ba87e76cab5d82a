"use client"; // (1)!

import { useState, type FormEvent } from "react";
import { ChatError, streamChat, type ChatMessage } from "../chat";

const SERVICE_URL = process.env.NEXT_PUBLIC_CHAT_SERVICE_URL ?? "http://127.0.0.1:8000"; // (2)!
const TIMEOUT_MS = Number(process.env.NEXT_PUBLIC_CHAT_TIMEOUT_MS ?? 120_000);
const MAX_MESSAGES = 40; // what the service accepts: this many messages,
const MAX_CHARACTERS = 100_000; // this many characters in all of them,
const MAX_MESSAGE_CHARACTERS = 32_000; // and in each one

function recentWindow(messages: ChatMessage[]): ChatMessage[] {
  const recent: ChatMessage[] = [];
  let characters = 0;
  for (const message of [...messages].reverse()) {
    const length = message.content.length; // UTF-16 units: never fewer than the service counts
    characters += length;
    if (recent.length === MAX_MESSAGES || length > MAX_MESSAGE_CHARACTERS || characters > MAX_CHARACTERS) break;
    recent.unshift(message);
  }
  return recent;
}

export default function ChatPage() {
  const [history, setHistory] = useState<ChatMessage[]>([]);
  const [prompt, setPrompt] = useState("");
  const [reply, setReply] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const messages: ChatMessage[] = [...history, { role: "user", content: prompt }]; // (3)!
    const recent = recentWindow(messages);
    setBusy(true);
    setReply("");
    setError("");
    try {
      const answer = await streamChat(SERVICE_URL, recent, (text) => setReply((shown) => shown + text), TIMEOUT_MS); // (4)!
      setHistory([...messages, { role: "assistant", content: answer }]);
      setReply("");
      setPrompt("");
    } catch (failure) {
      setError(failure instanceof ChatError ? `HTTP ${failure.status}: ${failure.message}` : String(failure)); // (5)!
    } finally {
      setBusy(false);
    }
  }

  return (
    <main>
      <h1>AI chat</h1>
      <ol aria-label="Conversation">
        {history.map((message, index) => (
          <li key={index} data-role={message.role}>{message.content}</li>
        ))}
      </ol>
      <p id="reply" aria-live="polite">{reply}</p>
      {error && <p id="error" role="alert">{error}</p>}
      <form onSubmit={send}>
        <label htmlFor="prompt">Your message</label>
        <textarea id="prompt" value={prompt} onChange={(event) => setPrompt(event.target.value)} maxLength={4000} required />
        <button type="submit" disabled={busy}>Send</button>
      </form>
    </main>
  );
}
