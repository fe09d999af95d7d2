/**
 * Pieces both run tabs share: the error bar, the progress bar with Cancel, running a pipeline
 * call responsively, and turning failures and host errors into plain words.
 * @packageDocumentation
 */
import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Field,
  Text,
} from "@fluentui/react-components";
import type { CheckFailure } from "../pipeline/run";
import { PROFILE_SHEET, REPORT_SHEET, STATE_SHEET, type WorkbookPort } from "../pipeline/port";
import { HostError, type PaneHost, type PaneSettings } from "./host";
import { count, t, type Lang } from "./strings";

/** What the App hands each run tab. */
export interface TabProps {
  readonly host: PaneHost;
  readonly lang: Lang;
  readonly settings: PaneSettings;
  readonly onSettings: (s: PaneSettings) => void;
  /** Changes when another workbook is opened (the standalone page). */
  readonly generation: number;
  /** Called after a run or Clear changed the workbook. */
  readonly onWritten: () => void;
}

/** What went wrong, for the error bar. */
export interface PaneError {
  readonly title?: string;
  readonly message: string;
}

/** A pipeline failure in the pane's language. */
export function failureMessage(failure: CheckFailure, lang: Lang): PaneError {
  return { title: t(lang, "errTitle"), message: failure.message[lang] };
}

/** Any thrown error in plain words, with what to do. */
export function errorMessage(error: unknown, lang: Lang): PaneError {
  if (error instanceof HostError) {
    switch (error.kind) {
      case "protected":
        return { title: t(lang, "errTitle"), message: t(lang, "errProtected") };
      case "busy":
        return { title: t(lang, "errTitle"), message: t(lang, "errBusy") };
      case "write":
        return { message: t(lang, "errWrite", { reason: error.reason }) };
      case "file":
        // Wholly in the pane's language: the reason the reader gives is English.
        return {
          title: t(lang, "errTitle"),
          message:
            error.code === "encrypted"
              ? t(lang, "errFileEncrypted")
              : error.code === "corrupt"
                ? t(lang, "errFileCorrupt")
                : error.code === "csv" || error.code === "worded"
                  ? t(lang, "errFile", { reason: error.reason })
                  : error.code === "not-xlsx" || lang === "zh"
                    ? t(lang, "errFileNotXlsx")
                    : t(lang, "errFile", { reason: error.reason }),
        };
      default:
        return { message: t(lang, "errUnknown", { reason: error.reason }) };
    }
  }
  const reason = error instanceof Error ? error.message : String(error);
  return { message: t(lang, "errUnknown", { reason }) };
}

export function ErrorBar({ error }: { error: PaneError | undefined }): React.ReactElement | null {
  if (!error) return null;
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        {error.title ? <MessageBarTitle>{error.title}</MessageBarTitle> : null}
        {error.message}
      </MessageBarBody>
    </MessageBar>
  );
}

export function Note({
  intent,
  children,
}: {
  intent: "info" | "success" | "warning";
  children: React.ReactNode;
}): React.ReactElement {
  return (
    <MessageBar intent={intent}>
      <MessageBarBody>{children}</MessageBarBody>
    </MessageBar>
  );
}

/** Rows done / total, or "writing" once every row is read. */
export interface Progress {
  readonly done: number;
  readonly total: number;
}

export function RunProgress({
  progress,
  lang,
  onCancel,
}: {
  progress: Progress | undefined;
  lang: Lang;
  onCancel: () => void;
}): React.ReactElement | null {
  if (!progress) return null;
  const writing = progress.total > 0 && progress.done >= progress.total;
  const label =
    progress.total === 0
      ? t(lang, "reading")
      : writing
        ? t(lang, "writing")
        : t(lang, "progress", { done: count(progress.done), total: count(progress.total) });
  return (
    <div style={{ display: "flex", gap: 8, alignItems: "flex-end" }}>
      <Field label={label} style={{ flexGrow: 1 }} validationState="none">
        <ProgressBar
          aria-label={label}
          {...(progress.total > 0 ? { value: progress.done / progress.total } : {})}
          max={1}
        />
      </Field>
      <Button onClick={onCancel} disabled={writing}>
        {t(lang, "cancel")}
      </Button>
    </div>
  );
}

/** What a run is handed: progress and cancellation, in the pipeline's terms. */
export interface RunHooks {
  readonly onProgress: (done: number, total: number) => void;
  readonly isCancelled: () => boolean;
}

/**
 * A pipeline run from a tab: progress while it runs, Cancel, and its outcome — the result, a
 * failure in plain words (nothing written), "cancelled", or a thrown error turned into words.
 */
export function useRun(lang: Lang): {
  progress: Progress | undefined;
  error: PaneError | undefined;
  note: string | undefined;
  setError: (e: PaneError | undefined) => void;
  setNote: (n: string | undefined) => void;
  cancel: () => void;
  /** Forgets the last outcome (error and note). */
  reset: () => void;
  start: <T>(
    body: (hooks: RunHooks) => Promise<T | CheckFailure>,
    done: (result: T, seconds: number) => Promise<void> | void,
  ) => Promise<void>;
} {
  const [progress, setProgress] = React.useState<Progress | undefined>();
  const [error, setError] = React.useState<PaneError | undefined>();
  const [note, setNote] = React.useState<string | undefined>();
  const cancelled = React.useRef(false);
  async function start<T>(
    body: (hooks: RunHooks) => Promise<T | CheckFailure>,
    done: (result: T, seconds: number) => Promise<void> | void,
  ): Promise<void> {
    setError(undefined);
    setNote(undefined);
    cancelled.current = false;
    setProgress({ done: 0, total: 0 });
    const started = performance.now();
    try {
      const result = await body({
        onProgress: (d, total) => setProgress({ done: d, total }),
        isCancelled: () => cancelled.current,
      });
      const failure = result as CheckFailure;
      if (failure && typeof failure === "object" && failure.ok === false) {
        if (failure.code === "cancelled") setNote(t(lang, "cancelled"));
        else setError(failureMessage(failure, lang));
        return;
      }
      await done(result as T, (performance.now() - started) / 1000);
    } catch (e) {
      setError(errorMessage(e, lang));
    } finally {
      setProgress(undefined);
    }
  }
  const reset = () => {
    setError(undefined);
    setNote(undefined);
  };
  return {
    progress,
    error,
    note,
    setError,
    setNote,
    reset,
    cancel: () => (cancelled.current = true),
    start,
  };
}

/** The sheets a user can pick to check: not the add-in's own (report, state, profile). */
export function userSheets(names: readonly string[]): string[] {
  return names.filter((n) => n !== REPORT_SHEET && n !== STATE_SHEET && n !== PROFILE_SHEET);
}

/** Lets the page repaint (progress, Cancel) and Excel answer custom functions between chunks. */
export function yieldToUi(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The port, yielding to the UI before each block of rows it reads. */
export function responsive(port: WorkbookPort): WorkbookPort {
  return {
    sheetNames: () => port.sheetNames(),
    peek: (sheet, maxRows) => port.peek(sheet, maxRows),
    extent: (sheet) => port.extent(sheet),
    readRows: async (sheet, firstRow, n) => {
      await yieldToUi();
      return port.readRows(sheet, firstRow, n);
    },
    tables: (sheet) => port.tables(sheet),
    ...(port.mergedRanges ? { mergedRanges: (sheet: string) => port.mergedRanges!(sheet) } : {}),
    readProfile: () => port.readProfile(),
    readState: () => port.readState(),
    write: (plan) => port.write(plan),
    ...(port.rowsPerRead ? { rowsPerRead: (width: number) => port.rowsPerRead!(width) } : {}),
  };
}

export function Muted({ children }: { children: React.ReactNode }): React.ReactElement {
  return (
    <Text size={200} className="ae-muted">
      {children}
    </Text>
  );
}

/** A polite live region: its text is read out when it changes (it must be on the page before). */
export function Announce({ text }: { text: string }): React.ReactElement {
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="ae-sr-only">
      {text}
    </div>
  );
}

/** Saves bytes as a file through the browser (the page's Download, the disputes CSV). */
export function downloadFile(name: string, data: Uint8Array | string, type: string): void {
  const blob = new Blob([data as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
