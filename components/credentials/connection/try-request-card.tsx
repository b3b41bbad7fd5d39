"use client";

import { useId, useState } from "react";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import type { TryRequestResult } from "@/lib/credentials/schemas";
import { ApiRequestError } from "@/lib/query/fetch-json";
import { KeyValueRows } from "./key-value-rows";
import { TryRequestAnswer } from "./try-request-answer";
import { useTryRequest } from "./use-connection";

export interface TryRequestValues {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  query: { key: string; value: string }[];
  headers: { key: string; value: string }[];
  body: string;
}

const HISTORY_SIZE = 10;

/** Try a request (Tray's universal operation): any path of the region's API, answered as it came. */
export function TryRequestCard({ credentialId }: { credentialId: string }) {
  const methodId = useId();
  const pathId = useId();
  const bodyId = useId();
  const tryRequest = useTryRequest(credentialId);
  const form = useForm<TryRequestValues>({
    defaultValues: { method: "GET", path: "/contacts", query: [], headers: [], body: "" },
  });
  const query = useFieldArray({ control: form.control, name: "query" });
  const headers = useFieldArray({ control: form.control, name: "headers" });
  const [history, setHistory] = useState<TryRequestResult[]>([]);
  const [problem, setProblem] = useState<string | undefined>();
  const method = useWatch({ control: form.control, name: "method" });

  const send = form.handleSubmit(async (values) => {
    setProblem(undefined);
    try {
      const answer = await tryRequest.mutateAsync({
        ...values,
        body: values.method === "GET" || values.body.trim() === "" ? undefined : values.body,
      });
      setHistory((current) => [answer, ...current].slice(0, HISTORY_SIZE));
    } catch (error) {
      setProblem(error instanceof ApiRequestError ? error.message : "The request could not be sent");
    }
  });

  return (
    <section className="card" aria-labelledby="try-request-title">
      <h2 className="card-title" id="try-request-title">
        Try a request
      </h2>
      <p className="card-description">
        One call to this connection&apos;s Intercom API (the host comes from its region), with its token and within its
        rate limit.
      </p>
      <form className="form-stack" onSubmit={(e) => void send(e)} noValidate>
        <div className="form-row">
          <div className="field">
            <label htmlFor={methodId}>Method</label>
            <select id={methodId} className="input" {...form.register("method")}>
              {["GET", "POST", "PUT", "PATCH", "DELETE"].map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </div>
          <div className="field" style={{ flex: 1 }}>
            <label htmlFor={pathId}>Path</label>
            <input id={pathId} className="input" placeholder="/contacts" {...form.register("path")} />
          </div>
        </div>
        <KeyValueRows label="Query parameters" rows={query} register={form.register} name="query" />
        <KeyValueRows label="Headers" rows={headers} register={form.register} name="headers" />
        {method !== "GET" && (
          <div className="field">
            <label htmlFor={bodyId}>JSON body</label>
            <textarea id={bodyId} className="input" rows={6} spellCheck={false} {...form.register("body")} />
          </div>
        )}
        {problem && (
          <div className="alert alert-error" role="alert">
            {problem}
          </div>
        )}
        <div className="form-row">
          <button type="submit" className="btn btn-primary" disabled={tryRequest.isPending}>
            {tryRequest.isPending ? "Sending…" : "Send request"}
          </button>
        </div>
      </form>
      {history.length > 0 && (
        <div className="form-stack" aria-label="Answers">
          {history.map((answer, index) => (
            <TryRequestAnswer key={`${history.length - index}`} answer={answer} latest={index === 0} />
          ))}
        </div>
      )}
    </section>
  );
}
