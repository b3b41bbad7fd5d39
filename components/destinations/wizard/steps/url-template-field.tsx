"use client";

import { type KeyboardEvent, type SyntheticEvent, useId, useRef, useState } from "react";
import { useController, useFormContext } from "react-hook-form";
import type { WizardFormValues } from "../form-values";
import styles from "../wizard.module.css";
import { completePlaceholder, openPlaceholderAt } from "./open-placeholder";

/** The endpoint URL with `{attribute}` autocomplete: typing "{" offers the Nexset's attributes. */
export function UrlTemplateField({
  attributes,
  onEdited,
}: {
  attributes: readonly string[];
  onEdited?: (url: string) => void;
}) {
  const id = useId();
  const { control } = useFormContext<WizardFormValues>();
  const { field, fieldState } = useController({ control, name: "config.urlTemplate" });
  const inputRef = useRef<HTMLInputElement | null>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const value = field.value ?? "";
  const token = caret === null || dismissed ? undefined : openPlaceholderAt(value, caret);
  const matches = token
    ? attributes.filter((name) => name.toLowerCase().includes(token.partial.toLowerCase())).slice(0, 50)
    : [];
  const open = matches.length > 0;
  const listId = `${id}-attributes`;

  const update = (next: string, nextCaret: number) => {
    field.onChange(next);
    onEdited?.(next);
    setCaret(nextCaret);
    requestAnimationFrame(() => inputRef.current?.setSelectionRange(nextCaret, nextCaret));
  };

  const choose = (name: string) => {
    if (caret === null) return;
    const completed = completePlaceholder(value, caret, name);
    if (!completed) return;
    update(completed.text, completed.caret);
    setActive(0);
  };

  const trackCaret = (event: SyntheticEvent<HTMLInputElement>) => setCaret(event.currentTarget.selectionStart);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!open) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) => (current + step + matches.length) % matches.length);
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      choose(matches[Math.min(active, matches.length - 1)]!);
    } else if (event.key === "Escape") {
      event.preventDefault();
      setDismissed(true);
    }
  };

  return (
    <div className="field">
      <label htmlFor={id}>Endpoint URL</label>
      <div className={styles.autocomplete}>
        <input
          id={id}
          ref={(element) => {
            inputRef.current = element;
            field.ref(element);
          }}
          className="input input-mono"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open ? `${listId}-${Math.min(active, matches.length - 1)}` : undefined}
          aria-invalid={fieldState.error ? true : undefined}
          aria-describedby={`${id}-hint${fieldState.error ? ` ${id}-error` : ""}`}
          autoComplete="off"
          spellCheck={false}
          placeholder="https://api.intercom.io/contacts/{contact_id}"
          value={value}
          onChange={(event) => {
            field.onChange(event.target.value);
            onEdited?.(event.target.value);
            setCaret(event.target.selectionStart);
            setDismissed(false);
            setActive(0);
          }}
          onSelect={trackCaret}
          onClick={trackCaret}
          onKeyDown={onKeyDown}
          onBlur={() => {
            field.onBlur();
            setCaret(null);
          }}
        />
        {open && (
          <ul id={listId} role="listbox" aria-label="Nexset attributes" className={styles.suggestions}>
            {matches.map((name, index) => (
              <li
                key={name}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === Math.min(active, matches.length - 1)}
                className={styles.suggestion}
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(name);
                }}
              >
                {`{${name}}`}
              </li>
            ))}
          </ul>
        )}
      </div>
      <span id={`${id}-hint`} className="field-hint">
        A URL on your connection&apos;s host, or a path such as <code>/contacts</code>. Type <code>{"{"}</code> to
        insert a record attribute; its value is URL-encoded per record.
      </span>
      {fieldState.error?.message && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {fieldState.error.message}
        </span>
      )}
    </div>
  );
}
