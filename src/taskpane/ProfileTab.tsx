/**
 * The seller profile form: one field per profile key (rules-spec §5), loaded from and saved to the
 * "AE Profile" sheet in Excel (or the browser's storage on the standalone page).
 * @packageDocumentation
 */
import * as React from "react";
import { Button, Field, Input } from "@fluentui/react-components";
import { PROFILE_KEYS, readProfile, type ProfileKey } from "../engine";
import { ErrorBar, Muted, Note, errorMessage, type PaneError } from "./common";
import type { PaneHost } from "./host";
import { t, type Lang } from "./strings";

const KEYS = Object.keys(PROFILE_KEYS) as ProfileKey[];
const HINT: Readonly<Record<string, string>> = {
  date: "2024-05-01",
  boolean: "是 / 否 · yes / no",
  percent: "65%",
  number: "4.7",
  list: "120000, 98000, 110000",
  time: "48h",
  version: "v2",
  text: "",
};

/** A cell value as the form shows it. */
function shown(value: unknown, kind?: string): string {
  if (value === null || value === undefined) return "";
  // Excel keeps dates as serial days since 1899-12-30.
  if (kind === "date" && typeof value === "number" && value > 0 && value < 2_958_466)
    return new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000).toISOString().slice(0, 10);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

export function ProfileTab({
  host,
  lang,
  generation,
}: {
  host: PaneHost;
  lang: Lang;
  generation: number;
}): React.ReactElement {
  const [values, setValues] = React.useState<Record<string, string>>({});
  const [extra, setExtra] = React.useState<ReadonlyArray<readonly [string, unknown]>>([]);
  const [error, setError] = React.useState<PaneError | undefined>();
  const [saved, setSaved] = React.useState(false);

  React.useEffect(() => {
    let live = true;
    if (!host.hasWorkbook() && host.kind === "excel") return;
    void host
      .loadProfile()
      .then((rows) => {
        if (!live) return;
        const profile = readProfile(rows as ReadonlyArray<readonly unknown[]>);
        const next: Record<string, string> = {};
        for (const key of KEYS) next[key] = shown(profile.values[key], PROFILE_KEYS[key].kind);
        setValues(next);
        // Rows the form does not know are kept and written back unchanged.
        const unknown = new Set(profile.unknownKeys);
        setExtra(rows.filter(([k]) => unknown.has(String(k))));
      })
      .catch((e: unknown) => live && setError(errorMessage(e, lang)));
    return () => {
      live = false;
    };
  }, [host, generation, lang]);

  async function save(): Promise<void> {
    setError(undefined);
    setSaved(false);
    try {
      const rows: Array<readonly [string, string]> = KEYS.filter((k) => (values[k] ?? "").trim() !== "").map(
        (k) => [PROFILE_KEYS[k].label.zh, (values[k] ?? "").trim()] as const,
      );
      for (const [k, v] of extra) rows.push([String(k), shown(v)]);
      await host.saveProfile(rows);
      setSaved(true);
    } catch (e) {
      setError(errorMessage(e, lang));
    }
  }

  return (
    <div className="stack">
      <Muted>{t(lang, host.kind === "excel" ? "profileIntro" : "profileIntroFile")}</Muted>
      <div className="grid2">
        {KEYS.map((key) => (
          <Field key={key} label={PROFILE_KEYS[key].label[lang]}>
            <Input
              value={values[key] ?? ""}
              placeholder={HINT[PROFILE_KEYS[key].kind] ?? ""}
              onChange={(_, d) => {
                setSaved(false);
                setValues({ ...values, [key]: d.value });
              }}
              aria-label={key}
            />
          </Field>
        ))}
      </div>
      <div>
        <Button appearance="primary" onClick={() => void save()}>
          {t(lang, "saveProfile")}
        </Button>
      </div>
      <ErrorBar error={error} />
      {saved ? <Note intent="success">{t(lang, "profileSaved")}</Note> : null}
    </div>
  );
}
