// --8<-- [start:types]
export interface ChatMessage {
  role: "user" | "assistant";
  content: string;
}

export class ChatError extends Error {
  constructor(readonly status: number, detail: string) {
    super(detail);
    this.name = "ChatError";
  }
}
// --8<-- [end:types]

// --8<-- [start:detail]
interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
}

async function errorDetail(response: Response): Promise<string> {
  try {
    const { detail } = (await response.json()) as { detail?: string | ValidationIssue[] };
    if (typeof detail === "string") return detail;
    if (Array.isArray(detail)) return detail.map((d) => `${d.loc.join(".")}: ${d.msg}`).join("; ");
  } catch {
    // not JSON: fall through to the status text
  }
  return response.statusText;
}
// --8<-- [end:detail]

// --8<-- [start:stream]
export async function streamChat(
  baseUrl: string,
  messages: ChatMessage[],
  onText: (text: string) => void,
  timeoutMs = 120_000,
): Promise<string> {
  const controller = new AbortController();
  const timer = setTimeout( // (1)!
    () => controller.abort(new Error(`no complete reply within ${timeoutMs} ms`)),
    timeoutMs,
  );
  try {
    const response = await fetch(`${baseUrl}/chat/stream`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ messages }), // (2)!
      signal: controller.signal,
    });
    if (!response.ok || response.body === null) { // (3)!
      throw new ChatError(response.status, await errorDetail(response));
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let reply = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const text = decoder.decode(value, { stream: true }); // (4)!
      reply += text;
      onText(text);
    }
    const rest = decoder.decode(); // the end of a character cut by the last chunk
    if (rest) onText(rest);
    return reply + rest;
  } catch (error) {
    // Some browsers reject a read cut by abort() with their own AbortError, not the reason given to it.
    if (controller.signal.aborted) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer); // (5)!
  }
}
// --8<-- [end:stream]
