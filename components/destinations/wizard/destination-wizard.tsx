"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type FieldErrors, FormProvider, type Path, useForm, useWatch } from "react-hook-form";
import { useCredentials } from "@/components/credentials/use-credentials";
import { useOAuthOutcome } from "@/components/credentials/use-oauth-outcome";
import { SamplePayloadPanel } from "@/components/destinations/sample-payload/sample-payload-panel";
import { PreviewContext } from "@/components/destinations/sample-payload/preview-context";
import { usePreview } from "@/components/destinations/sample-payload/use-preview";
import { applyServerErrors } from "@/components/ui/apply-server-errors";
import type { PublicCredential } from "@/lib/credentials/schemas";
import type { DestinationView } from "@/lib/destinations/destination-view";
import { WIZARD_STEPS } from "@/lib/destinations/schemas";
import { ApiRequestError } from "@/lib/query/fetch-json";
import { credentialKeys } from "@/lib/query/keys/credentials";
import {
  errorAt,
  initialFormValues,
  stepIndexFor,
  WIZARD_FIELDS,
  type WizardFormValues,
  type WizardOutput,
} from "./form-values";
import { STEP_COMPONENTS } from "./step-components";
import { StepNav } from "./step-nav";
import { useCreateDestination } from "./use-create-destination";
import { useUpdateDestination } from "./use-update-destination";
import { takeWizardDraft, wizardDraftScope } from "./wizard-draft";
import { credentialFor, type WizardData, WizardDataProvider } from "./wizard-data";
import { createWizardResolver } from "./wizard-resolver";
import styles from "./wizard.module.css";
import { FormError } from "@/components/ui/form-error";

const LAST_STEP = WIZARD_STEPS.length - 1;
const BATCHING_STEP = WIZARD_STEPS.findIndex((step) => step.id === "batching");
const CREDENTIAL_STEP = Math.max(
  0,
  WIZARD_STEPS.findIndex((step) => step.id === "credential"),
);

/**
 * The destination wizard: ONE react-hook-form form (the API's schema through zodResolver) in a
 * FormProvider, its steps rendered from WIZARD_STEPS, and the Sample Payload panel beside every
 * step, built in the browser from the current values.
 */
export function DestinationWizard({
  data,
  destination,
  savedNotice,
}: {
  data: WizardData;
  destination?: DestinationView;
  savedNotice?: string;
}) {
  const router = useRouter();
  const credentials = useCredentials();
  const queryClient = useQueryClient();
  // The resolver reads the credentials from the query cache when it runs, so it sees new ones.
  const [resolver] = useState(() =>
    createWizardResolver(
      (credentialId) =>
        credentialFor(
          queryClient.getQueryData<PublicCredential[]>(credentialKeys.list()),
          credentialId,
          data.regionBaseUrls,
        ).baseUrl,
      data.nexset.schema,
    ),
  );
  const form = useForm<WizardFormValues, unknown, WizardOutput>({
    resolver,
    mode: "onTouched",
    defaultValues: initialFormValues(data.nexset, destination),
  });
  const [credentialId, config] = useWatch({ control: form.control, name: ["credentialId", "config"] });
  const selected = credentialFor(credentials.data, credentialId, data.regionBaseUrls);
  const preview = usePreview({
    config,
    samples: data.nexset.samples,
    credentialBaseUrl: selected.baseUrl,
    fallbackBaseUrl: data.regionBaseUrls.us ?? "https://api.intercom.io",
    tokenMasked: selected.credential?.tokenMasked,
  });
  const [current, setCurrent] = useState(0);
  const [notice, setNotice] = useState(savedNotice);
  const createDestination = useCreateDestination();
  const updateDestination = useUpdateDestination(data.destinationId ?? "");
  // Back from Connect with Intercom: the unsaved form as it was, with the new connection selected.
  const oauth = useOAuthOutcome((outcome) => {
    const draft = takeWizardDraft(wizardDraftScope(data));
    if (draft) form.reset(draft);
    if (outcome.connected) {
      void queryClient.invalidateQueries({ queryKey: credentialKeys.all });
      form.setValue("credentialId", outcome.connected, { shouldDirty: true });
      setNotice("Connected to Intercom; the new connection is selected.");
    }
    setCurrent(CREDENTIAL_STEP);
  });
  const step = WIZARD_STEPS[current]!;
  const StepComponent = STEP_COMPONENTS[step.id]!;

  const goTo = (index: number) => {
    setCurrent(Math.max(0, Math.min(LAST_STEP, index)));
    setNotice(undefined);
  };
  const next = async () => {
    if (await form.trigger(step.fields as Path<WizardFormValues>[])) goTo(current + 1);
  };
  const showFirstError = (errors: FieldErrors<WizardFormValues>) => {
    const index = stepIndexFor(WIZARD_FIELDS.filter((field) => errorAt(errors, field) !== undefined));
    goTo(index === -1 ? LAST_STEP : index);
  };

  const save = async (values: WizardOutput) => {
    // The preview ran the code on the samples; the server would refuse it just the same.
    if (values.config.batching.enabled && values.config.batching.algorithm === "code" && preview.codeError) {
      form.setError("config.batching.code", { message: preview.codeError.message });
      goTo(BATCHING_STEP);
      return;
    }
    try {
      if (data.mode === "create") {
        const created = await createDestination.mutateAsync({
          ...values,
          ...(data.flowId ? { flowId: data.flowId } : {}),
        });
        router.replace(`/destinations/${created.id}/edit?saved=1`);
        return;
      }
      const updated = await updateDestination.mutateAsync(values);
      form.reset(values, { keepValues: true });
      setNotice(`Saved as version ${updated.configVersion}.`);
    } catch (error) {
      applyServerErrors(error, WIZARD_FIELDS as unknown as Path<WizardFormValues>[], form.setError);
      const paths = error instanceof ApiRequestError ? error.issues.map((issue) => issue.path) : [];
      const index = stepIndexFor(paths);
      if (index !== -1) goTo(index);
    }
  };

  const onSubmit = form.handleSubmit(save, showFirstError);
  const saving = form.formState.isSubmitting;
  const title =
    data.mode === "create" ? `Send “${data.nexset.name}” to Intercom` : `Edit “${destination?.name ?? "destination"}”`;

  return (
    <FormProvider {...form}>
      <WizardDataProvider value={data}>
        <PreviewContext.Provider value={preview}>
          <div className={styles.shell}>
            <div className={styles.header}>
              <div>
                <h1 className="page-title">{title}</h1>
                <p className="page-subtitle">
                  {data.mode === "edit"
                    ? `Version ${data.configVersion ?? 1}; saving creates a new version.`
                    : "Configure each step; the Sample Payload shows what will be sent."}
                </p>
              </div>
              {data.destinationId && (
                <Link className="btn" href={`/destinations/${data.destinationId}`}>
                  Open destination
                </Link>
              )}
            </div>
            {oauth?.error && (
              <div className="alert alert-error" role="alert" style={{ marginBottom: 16 }}>
                {oauth.error}
              </div>
            )}
            {notice && (
              <div className="alert alert-success" role="status" style={{ marginBottom: 16 }}>
                {notice}
              </div>
            )}
            <form
              className={styles.layout}
              noValidate
              onSubmit={(event) => {
                // Enter in a field moves on; only the last step saves.
                if (current < LAST_STEP) {
                  event.preventDefault();
                  void next();
                  return;
                }
                void onSubmit(event);
              }}
            >
              <StepNav current={current} onSelect={goTo} />
              <section className={`card ${styles.stepCard}`} aria-labelledby="wizard-step-title">
                <h2 className="card-title" id="wizard-step-title">
                  {current + 1}. {step.title}
                </h2>
                <p className="card-description">{step.description}</p>
                <StepComponent />
                <FormError message={form.formState.errors.root?.message} style={{ marginTop: 16 }} />
                <div className={styles.footer}>
                  <button type="button" className="btn" onClick={() => goTo(current - 1)} disabled={current === 0}>
                    Back
                  </button>
                  {/* Distinct keys: reusing the element would turn the clicked Next into a submit button mid-click. */}
                  {current < LAST_STEP ? (
                    <button key="next" type="button" className="btn btn-primary" onClick={() => void next()}>
                      Next
                    </button>
                  ) : (
                    <button key="done" type="submit" className="btn btn-primary" disabled={saving}>
                      {saving ? "Saving…" : "Done"}
                    </button>
                  )}
                </div>
              </section>
              <SamplePayloadPanel />
            </form>
          </div>
        </PreviewContext.Provider>
      </WizardDataProvider>
    </FormProvider>
  );
}
