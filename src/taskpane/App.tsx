/**
 * The pane: three tabs (check the catalog, reconcile a statement, the seller profile) over a
 * {@link PaneHost}. Settings (mode, options, mapping) are remembered per workbook through the host.
 * @packageDocumentation
 */
import * as React from "react";
import {
  Button,
  FluentProvider,
  Tab,
  TabList,
  webDarkTheme,
  webLightTheme,
  type Theme,
} from "@fluentui/react-components";
import { openSheet } from "../pipeline/run";
import { CheckTab } from "./CheckTab";
import { ProfileTab } from "./ProfileTab";
import { ReconcileTab } from "./ReconcileTab";
import { Muted, type TabProps } from "./common";
import type { PaneHost, PaneSettings } from "./host";
import { t, type Lang } from "./strings";

/* Laid out for Excel's 320 px pane: nothing is wider than the pane, long words and rule ids wrap. */
const CSS = `
html, body { margin: 0; overflow-x: hidden; }
.ae-root { min-height: 100vh; }
.ae-pane { padding: 12px; display: flex; flex-direction: column; gap: 12px; max-width: 720px;
  box-sizing: border-box; min-width: 0; overflow-wrap: anywhere; }
.ae-pane * { min-width: 0; }
.ae-pane .stack { display: flex; flex-direction: column; gap: 8px; }
.ae-pane .grid2 { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(200px, 100%), 1fr)); gap: 8px; }
.ae-pane ul.tight { margin: 4px 0 0; padding-left: 18px; }
.ae-pane header { display: flex; justify-content: space-between; align-items: baseline; gap: 8px; flex-wrap: wrap; }
.ae-pane [role="tablist"], .ae-pane [role="radiogroup"], .ae-wrap, .ae-badges { display: flex; flex-wrap: wrap; gap: 4px 12px; }
.ae-badges { gap: 6px; }
.ae-badges > * { max-width: 100%; height: auto; min-height: 20px; white-space: normal; }
.ae-muted { color: var(--colorNeutralForeground3); }
.ae-block { display: block; }
.ae-h1 { margin: 0; font-size: var(--fontSizeBase500); font-weight: var(--fontWeightSemibold); }
.ae-h2 { margin: 0; font-size: var(--fontSizeBase400); font-weight: var(--fontWeightSemibold); }
.ae-h3 { margin: 4px 0 0; font-size: var(--fontSizeBase300); font-weight: var(--fontWeightSemibold); }
.ae-h2:focus-visible, .ae-h3:focus-visible { outline: 2px solid var(--colorStrokeFocus2); outline-offset: 2px; }
.ae-sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.ae-list { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 6px; }
.ae-item { display: flex; flex-direction: column; gap: 2px; padding: 6px 8px; border-radius: 4px;
  background: var(--colorNeutralBackground2); }
.ae-rule { display: flex; flex-direction: column; gap: 1px; }
.ae-rule-title { font-weight: var(--fontWeightSemibold); }
.ae-rule-message { }
.ae-rule-id { font-size: var(--fontSizeBase100); color: var(--colorNeutralForeground3); word-break: break-all; }
.ae-item-foot { font-size: var(--fontSizeBase200); }
.ae-cell-link { margin-right: 6px; }
.ae-card { padding: 8px; border: 1px solid var(--colorNeutralStroke2); border-radius: 6px; }
.ae-filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(140px, 100%), 1fr)); gap: 8px; }
.ae-filters select, .ae-pane select { max-width: 100%; }
.ae-sku-list { overflow-y: auto; overflow-x: hidden; border: 1px solid var(--colorNeutralStroke2); border-radius: 4px; }
.ae-sku-row { position: absolute; left: 0; right: 0; box-sizing: border-box; padding: 2px; }
.ae-sku-button { all: unset; box-sizing: border-box; display: flex; flex-direction: column; gap: 1px; width: 100%;
  height: 100%; padding: 4px 8px; cursor: pointer; border-radius: 4px; overflow: hidden;
  font-size: var(--fontSizeBase200); color: var(--colorNeutralForeground1); background: var(--colorNeutralBackground1); }
.ae-sku-button:hover { background: var(--colorNeutralBackground1Hover); }
.ae-sku-button:focus-visible { outline: 2px solid var(--colorStrokeFocus2); outline-offset: -2px; }
.ae-sku-head, .ae-sku-mode { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.ae-sku-issues { color: var(--colorNeutralForeground2); display: -webkit-box; -webkit-line-clamp: 2;
  -webkit-box-orient: vertical; overflow: hidden; }
.ae-status { font-weight: var(--fontWeightSemibold); }
.ae-status-ELIGIBLE { color: var(--colorPaletteGreenForeground1); }
.ae-status-ELIGIBLE_WITH_WARNINGS { color: var(--colorPaletteMarigoldForeground2); }
.ae-status-NOT_ELIGIBLE { color: var(--colorPaletteRedForeground1); }
.ae-status-INCOMPLETE { color: var(--colorNeutralForeground2); }
.ae-cells { display: grid; grid-template-columns: minmax(0, 45%) minmax(0, 1fr); gap: 2px 8px; margin: 0; }
.ae-cells dt { color: var(--colorNeutralForeground3); }
.ae-cells dd { margin: 0; }
.ae-mapping { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 6px; }
.ae-pane table { table-layout: fixed; width: 100%; }
`;

/** Office's theme, as Office.context.officeTheme gives it. */
export interface OfficeThemeColors {
  readonly bodyBackgroundColor?: string;
  readonly bodyForegroundColor?: string;
}

/** Whether a "#rrggbb" colour is dark (relative luminance under a half). */
function isDark(color: string | undefined): boolean {
  const m = color?.match(/^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i);
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h as string, 16) / 255) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

/** The Fluent theme for Office's theme: dark on a dark Office theme, else light (the page). */
export function themeFor(office: OfficeThemeColors | undefined): Theme {
  if (!office || !isDark(office.bodyBackgroundColor)) return webLightTheme;
  return {
    ...webDarkTheme,
    ...(office.bodyBackgroundColor ? { colorNeutralBackground1: office.bodyBackgroundColor } : {}),
    ...(office.bodyForegroundColor ? { colorNeutralForeground1: office.bodyForegroundColor } : {}),
  };
}

export type TabName = "check" | "reconcile" | "profile";

export function App({
  host,
  lang: initialLang,
  generation = 0,
  toolbar,
  initialTab = "check",
  theme = webLightTheme,
}: {
  host: PaneHost;
  lang?: Lang;
  /** Bumped by the standalone page when another file is opened. */
  generation?: number;
  /** Host controls above the tabs (the standalone page's Open / Download). */
  toolbar?: (lang: Lang, written: number) => React.ReactNode;
  initialTab?: TabName;
  /** Office's theme in Excel; light on the page. */
  theme?: Theme;
}): React.ReactElement {
  const [lang, setLang] = React.useState<Lang>(initialLang ?? host.lang);
  const [tab, setTab] = React.useState<TabName>(initialTab);
  const [settings, setSettings] = React.useState<PaneSettings>({});
  const [written, setWritten] = React.useState(0);

  React.useEffect(() => {
    let live = true;
    if (!host.hasWorkbook()) return;
    void host
      .loadSettings()
      .then((s) => live && setSettings(s))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [host, generation]);

  // The document's language is the pane's (screen readers pick their voice by it).
  React.useEffect(() => {
    if (typeof document !== "undefined") document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  }, [lang]);

  // A statement (order ids, charged fees) opens on Reconcile, a catalog on Check.
  React.useEffect(() => {
    let live = true;
    if (!host.hasWorkbook() || generation === 0) return;
    void openSheet(host.port(), {})
      .then((opened) => {
        if (!live || "ok" in opened) return;
        const byField = opened.mapping.byField;
        setTab(byField.chargedFee || byField.orderId ? "reconcile" : "check");
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [host, generation]);

  const onSettings = (next: PaneSettings) => {
    setSettings(next);
    if (host.hasWorkbook()) void host.saveSettings(next).catch(() => undefined);
  };
  const onWritten = () => setWritten((n) => n + 1);
  const tabProps: TabProps = { host, lang, settings, onSettings, generation, onWritten };

  return (
    <FluentProvider theme={theme} lang={lang === "zh" ? "zh-CN" : "en"} className="ae-root">
      <style>{CSS}</style>
      <main className="ae-pane">
        <header>
          <div>
            <h1 className="ae-h1">{t(lang, "appTitle")}</h1>
            <div>
              {/* The rule pack is named with each run's results (the pack that run used). */}
              <Muted>{t(lang, "subtitle")}</Muted>
            </div>
          </div>
          <Button size="small" appearance="subtle" onClick={() => setLang(lang === "en" ? "zh" : "en")}>
            {t(lang, "language")}
          </Button>
        </header>
        {toolbar ? toolbar(lang, written) : null}
        <TabList size="small" selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabName)}>
          <Tab value="check">{t(lang, "tabCheck")}</Tab>
          <Tab value="reconcile">{t(lang, "tabReconcile")}</Tab>
          <Tab value="profile">{t(lang, "tabProfile")}</Tab>
        </TabList>
        {tab === "check" ? (
          <CheckTab {...tabProps} />
        ) : tab === "reconcile" ? (
          <ReconcileTab {...tabProps} />
        ) : (
          <ProfileTab host={host} lang={lang} generation={generation} />
        )}
      </main>
    </FluentProvider>
  );
}
