import { parentPort } from "node:worker_threads";
import variant from "@jitl/quickjs-singlefile-mjs-release-sync";
import { checkGroupingCode } from "./check-grouping-code";
import { openGroupingSession } from "./grouping-session";
import { createQuickJSEngine } from "./quickjs-engine";
import type { ThreadReply, ThreadRequest, WireRunResult } from "./thread-protocol";
import type { SyncGroupingSession } from "./types";

// Runs inside a sandbox worker thread (started by sandbox-thread.ts): the same QuickJS sessions as
// in-process, so results are identical; the host can terminate this thread when a single builtin
// (e.g. BigInt toString) runs past the time limit where QuickJS's interrupt handler can't stop it.

const port = parentPort;
if (!port) throw new Error("thread-entry.ts must run in a worker thread");
const engine = createQuickJSEngine(variant);
const sessions = new Map<number, SyncGroupingSession>();
const send = (reply: ThreadReply) => port.postMessage(reply);

async function handle(request: ThreadRequest): Promise<ThreadReply> {
  switch (request.op) {
    case "open":
      sessions.set(request.sessionId, await openGroupingSession(engine, request.code, request.limits));
      return { type: "reply", id: request.id };
    case "run": {
      const session = sessions.get(request.sessionId);
      if (!session) return { type: "reply", id: request.id, failure: "This grouping session is closed" };
      const result = session.run(request.records, request.context);
      const wire: WireRunResult = result.ok ? { ok: true, serialized: result.serialized, returnedString: result.returnedString } : { ok: false, error: result.error };
      return { type: "reply", id: request.id, result: wire };
    }
    case "close":
      sessions.get(request.sessionId)?.close();
      sessions.delete(request.sessionId);
      return { type: "reply", id: request.id };
    case "check":
      return { type: "reply", id: request.id, result: await checkGroupingCode(engine, request.code, request.limits) };
  }
}

port.on("message", (request: ThreadRequest) => {
  handle(request).then(send, (error: unknown) => send({ type: "reply", id: request.id, failure: String(error) }));
});

engine.loadModule().then(
  () => send({ type: "ready" }),
  (error: unknown) => send({ type: "boot-failed", message: String(error) }),
);
