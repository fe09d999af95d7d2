/**
 * The seller profile form: one typed control per profile key (rules-spec §5) — yes/no choices,
 * date and time pickers, percentages and numbers checked as they are typed — loaded from and
 * saved to the "AE Profile" sheet in Excel (or the browser's storage on the standalone page).
 * Hints say what to type below each field; no placeholder looks like a value.
 * @packageDocumentation
 */
import * as React from "react";
import { Button, Field, Input, Radio, RadioGroup } from "@fluentui/react-components";
import {
  PROFILE_KEYS,
  numberFromText,
  parseDate,
  parsePercent,
  parseTimeOfDay,
  readProfile,
  isoDate,
  parseBoolean,
  type ProfileKey,
} from "../engine";
import { ErrorBar, Muted, Note, errorMessage, type PaneError } from "./common";
import type { PaneHost } from "./host";
import { t, type Lang, type StringKey } from "./strings";

const KEYS = Object.keys(PROFILE_KEYS) as ProfileKey[];
type Kind = (typeof PROFILE_KEYS)[ProfileKey]["kind"];

const HINT: Readonly<Partial<Record<Kind, StringKey>>> = {
  percent: "hintPercent",
  number: "hintNumber",
  list: "hintList",
  version: "hintVersion",
};
const PROBLEM: Readonly<Partial<Record<Kind, StringKey>>> = {
  percent: "badPercent",
  number: "badNumber",
  list: "badList",
  time: "badTime",
  version: "badVersion",
  date: "badDate",
};

/** A cell value as the form shows it (dates as yyyy-mm-dd, times as hh:mm, yes/no as "yes"/"no"). */
export function shown(value: unknown, kind?: string): string {
  if (value === null || value === undefined) return "";
  if (kind === "date") {
    const day = parseDate(value);
    if (day.ok) return isoDate(day.value);
  }
  if (kind === "time") {
    const minutes = parseTimeOfDay(value);
    if (minutes.ok)
      return `${String(Math.floor(minutes.value / 60)).padStart(2, "0")}:${String(minutes.value % 60).padStart(2, "0")}`;
  }
  if (kind === "boolean") {
    const b = parseBoolean(value);
    if (b.ok) return b.value ? "yes" : "no";
  }
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/** Whether a typed value reads as its kind (blank is "not set", always accepted). */
export function acceptable(kind: Kind, text: string): boolean {
  const v = text.trim();
  if (v === "") return true;
  switch (kind) {
    case "percent": {
      const p = parsePercent(v, false);
      return p.ok && p.value >= 0 && p.value <= 1;
    }
    case "number":
      return numberFromText(v) !== undefined;
    case "list":
      return v
        .split(/[,，;；、\s]+/)
        .filter(Boolean)
        .every((x) => numberFromText(x) !== undefined);
    case "time":
      return parseTimeOfDay(v).ok;
    case "version":
      return /\d/.test(v);
    case "date":
      return parseDate(v).ok;
    default:
      return true;
  }
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

  const bad = KEYS.filter((k) => !acceptable(PROFILE_KEYS[k].kind, values[k] ?? ""));
  const set = (key: string, value: string) => {
    setSaved(false);
    setValues({ ...values, [key]: value });
  };

  async function save(): Promise<void> {
    setError(undefined);
    setSaved(false);
    if (bad.length > 0) {
      setError({ message: t(lang, "profileInvalid") });
      return;
    }
    try {
      const rows: Array<readonly [string, string]> = KEYS.filter((k) => (values[k] ?? "").trim() !== "").map(
        (k) => {
          const v = (values[k] ?? "").trim();
          // Yes/no is written in the sheet's words (是/否), which every reader of it knows.
          const text = PROFILE_KEYS[k].kind === "boolean" ? (v === "yes" ? "是" : v === "no" ? "否" : v) : v;
          return [PROFILE_KEYS[k].label.zh, text] as const;
        },
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
        {KEYS.map((key) => {
          const def = PROFILE_KEYS[key];
          const kind = def.kind;
          const label = def.label[lang];
          const value = values[key] ?? "";
          if (kind === "boolean")
            return (
              <Field key={key} label={label}>
                <RadioGroup layout="horizontal" value={value} onChange={(_, d) => set(key, d.value)}>
                  <Radio value="yes" label={t(lang, "yes")} />
                  <Radio value="no" label={t(lang, "no")} />
                  <Radio value="" label={t(lang, "notSet")} />
                </RadioGroup>
              </Field>
            );
          const wrong = !acceptable(kind, value);
          const problem = PROBLEM[kind];
          const hint = HINT[kind];
          return (
            <Field
              key={key}
              label={label}
              {...(hint ? { hint: t(lang, hint) } : {})}
              {...(wrong && problem
                ? { validationState: "error" as const, validationMessage: t(lang, problem) }
                : {})}
            >
              <Input
                value={value}
                type={kind === "date" ? "date" : kind === "time" ? "time" : "text"}
                {...(kind === "percent" || kind === "number" ? { inputMode: "decimal" as const } : {})}
                onChange={(_, d) => set(key, d.value)}
              />
            </Field>
          );
        })}
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
