/**
 * The standalone page: the same pane over a workbook opened from disk, for sellers without Excel.
 * The file is read in the page; the annotated copy is downloaded. Nothing is uploaded.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { Button, Text } from "@fluentui/react-components";
import { App } from "./App";
import { ErrorBar, Muted, downloadFile, errorMessage, type PaneError } from "./common";
import { FileHost } from "./file-host";
import { t, type Lang } from "./strings";

const SAMPLES = [
  { file: "catalog-semi.xlsx", label: "trySample" },
  { file: "statement.xlsx", label: "trySampleStatement" },
] as const;

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function Standalone({ host }: { host: FileHost }): React.ReactElement {
  const [generation, setGeneration] = React.useState(0);
  const [error, setError] = React.useState<PaneError | undefined>();
  const input = React.useRef<HTMLInputElement>(null);

  async function open(name: string, bytes: Uint8Array, lang: Lang): Promise<void> {
    setError(undefined);
    try {
      await host.open(name, bytes);
      setGeneration((g) => g + 1);
    } catch (e) {
      setError(errorMessage(e, lang));
    }
  }

  function download(): void {
    const bytes = host.bytes();
    if (!bytes) return;
    const name = host.downloadName();
    downloadFile(
      name,
      bytes,
      /\.xlsm$/i.test(name)
        ? "application/vnd.ms-excel.sheet.macroEnabled.12"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
  }

  const toolbar = (lang: Lang, _written: number) => (
    <div className="stack">
      <div className="ae-wrap" style={{ gap: 8 }}>
        <input
          ref={input}
          type="file"
          accept=".xlsx,.csv,.tsv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,text/tab-separated-values"
          style={{ display: "none" }}
          data-testid="file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.arrayBuffer().then((b) => open(file.name, new Uint8Array(b), lang));
            e.target.value = "";
          }}
        />
        <Button appearance="primary" onClick={() => input.current?.click()}>
          {t(lang, "openFile")}
        </Button>
        {SAMPLES.map((s) => (
          <Button
            key={s.file}
            onClick={() =>
              void fetch(`samples/${s.file}`)
                .then((r) => {
                  if (!r.ok) throw new Error(`${s.file}: ${r.status}`);
                  return r.arrayBuffer();
                })
                .then(
                  (b) => open(s.file, new Uint8Array(b), lang),
                  () => setError({ title: t(lang, "errTitle"), message: t(lang, "errSample") }),
                )
            }
          >
            {t(lang, s.label)}
          </Button>
        ))}
        <Button onClick={download} disabled={!host.changed} data-testid="download">
          {t(lang, "download")}
        </Button>
      </div>
      {host.name ? (
        <Text>
          {t(lang, "opened")} <b data-testid="file-name">{host.name}</b>
          {host.changed ? <Muted> · {t(lang, "downloadHint")}</Muted> : null}
        </Text>
      ) : (
        <Muted>{t(lang, "noFile")}</Muted>
      )}
      <ErrorBar error={error} />
    </div>
  );

  return <App host={host} generation={generation} toolbar={toolbar} />;
}

const root = typeof document !== "undefined" ? document.getElementById("root") : null;
if (root) {
  const params = new URLSearchParams(window.location.search);
  const host = new FileHost(params.get("lang") ?? navigator.language, safeStorage());
  createRoot(root).render(<Standalone host={host} />);
}
