import { parentPort } from "node:worker_threads";
import variant from "@jitl/quickjs-singlefile-mjs-release-sync";
import { checkGroupingCode } from "./check-grouping-code";
import { openGroupingSession } from "./grouping-session";
import { prepareSpareSession } from "./quickjs-session";
import { createQuickJSEngine } from "./quickjs-engine";
import type { ThreadReply, ThreadRequest, WireRunResult } from "./thread-protocol";
import { DEFAULT_SANDBOX_LIMITS, type SandboxLimits, type SyncGroupingSession } from "./types";

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
      const wire: WireRunResult = result.ok
        ? { ok: true, serialized: result.serialized, returnedString: result.returnedString }
        : { ok: false, error: result.error };
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

// One request at a time, in order: the host pipelines a session's open and runs without waiting for
// each reply, and an open may await a module (re)load.
let queue = Promise.resolve();
let queued = 0;
let lastLimits: SandboxLimits = DEFAULT_SANDBOX_LIMITS;

port.on("message", (request: ThreadRequest) => {
  queued++;
  if (request.op === "open" || request.op === "check") lastLimits = request.limits;
  queue = queue
    .then(() => handle(request))
    .then(send, (error: unknown) => send({ type: "reply", id: request.id, failure: String(error) }))
    .finally(() => {
      if (--queued === 0) setImmediate(prepareWhenIdle);
    });
});

// Idle: get the next session's runtime ready, off the critical path of the next build.
function prepareWhenIdle(): void {
  if (queued === 0) void prepareSpareSession(engine, lastLimits);
}

engine.loadModule().then(
  () => {
    send({ type: "ready" });
    setImmediate(prepareWhenIdle);
  },
  (error: unknown) => send({ type: "boot-failed", message: String(error) }),
);
