/**
 * The pane: three tabs (check the catalog, reconcile a statement, the seller profile) over a
 * {@link PaneHost}. Settings (mode, options, mapping) are remembered per workbook through the host.
 * @packageDocumentation
 */
import * as React from "react";
import { Button, FluentProvider, Tab, TabList, Text, webLightTheme } from "@fluentui/react-components";
import { rulesVersion } from "../runtime/engine";
import { CheckTab } from "./CheckTab";
import { ProfileTab } from "./ProfileTab";
import { ReconcileTab } from "./ReconcileTab";
import { Muted, type TabProps } from "./common";
import type { PaneHost, PaneSettings } from "./host";
import { t, type Lang } from "./strings";

const CSS = `
.ae-pane { padding: 12px; display: flex; flex-direction: column; gap: 12px; max-width: 720px; }
.ae-pane .stack { display: flex; flex-direction: column; gap: 8px; }
.ae-pane .grid2 { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 8px; }
.ae-pane ul.tight { margin: 4px 0 0; padding-left: 18px; }
.ae-pane header { display: flex; justify-content: space-between; align-items: baseline; gap: 8px; flex-wrap: wrap; }
`;

export type TabName = "check" | "reconcile" | "profile";

export function App({
  host,
  lang: initialLang,
  generation = 0,
  toolbar,
  initialTab = "check",
}: {
  host: PaneHost;
  lang?: Lang;
  /** Bumped by the standalone page when another file is opened. */
  generation?: number;
  /** Host controls above the tabs (the standalone page's Open / Download). */
  toolbar?: (lang: Lang, written: number) => React.ReactNode;
  initialTab?: TabName;
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

  const onSettings = (next: PaneSettings) => {
    setSettings(next);
    if (host.hasWorkbook()) void host.saveSettings(next).catch(() => undefined);
  };
  const onWritten = () => setWritten((n) => n + 1);
  const tabProps: TabProps = { host, lang, settings, onSettings, generation, onWritten };

  return (
    <FluentProvider theme={webLightTheme} lang={lang === "zh" ? "zh-CN" : "en"}>
      <style>{CSS}</style>
      <main className="ae-pane">
        <header>
          <div>
            <Text as="h1" weight="semibold" size={500} style={{ margin: 0 }}>
              {t(lang, "appTitle")}
            </Text>
            <div>
              <Muted>
                {t(lang, "subtitle")} · {t(lang, "rules")} {rulesVersion()}
              </Muted>
            </div>
          </div>
          <Button size="small" appearance="subtle" onClick={() => setLang(lang === "en" ? "zh" : "en")}>
            {t(lang, "language")}
          </Button>
        </header>
        {toolbar ? toolbar(lang, written) : null}
        <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabName)}>
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
