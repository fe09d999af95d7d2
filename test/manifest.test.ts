/**
 * The manifest checked offline for what Excel needs (the online validator cannot be reached here):
 * ids, every resid resolving, https URLs on one origin, the AE namespace, the shared runtime,
 * requirement sets, least permissions, icons that exist.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseStringPromise } from "xml2js";

const xml = readFileSync(join(__dirname, "../manifest.xml"), "utf8");
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let doc: any;
beforeAll(async () => {
  doc = await parseStringPromise(xml, { explicitArray: true });
});

const all = (re: RegExp) => [...xml.matchAll(re)].map((m) => m[1] as string);

test("identity, host, permissions, requirement sets", () => {
  const app = doc.OfficeApp;
  expect(app.$["xsi:type"]).toBe("TaskPaneApp");
  expect(app.Id[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(app.Version[0]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  expect(app.Hosts[0].Host.map((h: { $: { Name: string } }) => h.$.Name)).toEqual(["Workbook"]);
  expect(app.Permissions[0]).toBe("ReadWriteDocument");
  // The minimum the code uses without a guard (newer APIs are checked with isSetSupported).
  expect(app.Requirements[0].Sets[0].Set.map((s: { $: unknown }) => s.$)).toEqual([
    { Name: "SharedRuntime", MinVersion: "1.1" },
    { Name: "ExcelApi", MinVersion: "1.7" },
    { Name: "CustomFunctionsRuntime", MinVersion: "1.2" },
  ]);
  // SupportUrl is the help page served with the add-in (Chinese for every zh-* Office), not the pane.
  expect(app.SupportUrl[0].$.DefaultValue).toBe("https://localhost:3000/help.html");
  expect(app.SupportUrl[0].Override.map((o: { $: { Locale: string; Value: string } }) => o.$)).toEqual(
    ["zh-CN", "zh-TW", "zh-HK"].map((Locale) => ({ Locale, Value: "https://localhost:3000/help.html#zh" })),
  );
  expect(existsSync(join(__dirname, "../src/help/help.html"))).toBe(true);
  expect(app.DisplayName[0].Override[0].$.Locale).toBe("zh-CN");
});

test("custom functions: AE namespace, script, page and metadata in a long-lived shared runtime", () => {
  const host = doc.OfficeApp.VersionOverrides[0].Hosts[0].Host[0];
  expect(host.$["xsi:type"]).toBe("Workbook");
  expect(host.Runtimes[0].Runtime[0].$).toEqual({ resid: "Taskpane.Url", lifetime: "long" });
  const cf = host.AllFormFactors[0].ExtensionPoint[0];
  expect(cf.$["xsi:type"]).toBe("CustomFunctions");
  expect(cf.Page[0].SourceLocation[0].$.resid).toBe("Taskpane.Url");
  expect(cf.Namespace[0].$.resid).toBe("Functions.Namespace");
  expect(xml).toMatch(/<bt:String id="Functions.Namespace" DefaultValue="AE"\/>/);
  expect(host.DesktopFormFactor[0].FunctionFile[0].$.resid).toBe("Taskpane.Url");
});

test("every resid resolves to exactly one resource, and every resource is used", () => {
  const ids = all(/<bt:(?:Image|Url|String) id="([^"]+)"/g);
  expect(new Set(ids).size).toBe(ids.length);
  const used = new Set(all(/resid="([^"]+)"/g));
  for (const resid of used) expect([resid, ids.includes(resid)]).toEqual([resid, true]);
  for (const id of ids) expect([id, used.has(id)]).toEqual([id, true]);
});

test("URLs are https on the add-in's own origin; icons exist in assets/", () => {
  const urls = all(/(?:DefaultValue|Value)="(https?:[^"]+)"/g);
  expect(urls.length).toBeGreaterThan(8);
  for (const url of urls) expect(url).toMatch(/^https:\/\/localhost:3000\//);
  expect(xml).not.toMatch(/<AppDomain>/);
  for (const icon of all(/\/assets\/(icon-\d+\.png)/g))
    expect([icon, existsSync(join(__dirname, "../assets", icon))]).toEqual([icon, true]);
});

test("function help in Chinese for zh-TW and zh-HK Excel as well as zh-CN", () => {
  for (const locale of ["zh-CN", "zh-TW", "zh-HK"])
    expect(xml).toContain(
      `<bt:Override Locale="${locale}" Value="https://localhost:3000/functions.zh-cn.json"/>`,
    );
});
