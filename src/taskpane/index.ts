/**
 * The task pane page. It shares its runtime with the custom functions (one engine and rule pack).
 * Until the catalog-checker pane lands, it lists the functions in the Office display language.
 */
import { rulesVersion } from "../functions/core";

const HELP = {
  en: {
    title: "AE Modes — AliExpress fees and eligibility",
    intro: "Type these in any cell (arguments: weights kg, lengths cm, money CNY):",
    items: [
      '=AE.FEE("semi", 100, , 1.2, 30, 20, 10) — fee of one order',
      "=AE.FEEBREAKDOWN(…) — the fee's components (spills)",
      "=AE.NETPAYOUT(…) — amount minus fee",
      "=AE.VOLWEIGHT(30, 20, 15) · =AE.CHARGEWEIGHT(…) · =AE.BILLWEIGHT(…)",
      '=AE.ELIGIBLE("full", A1:T1, A2:T2) · =AE.ISSUES(…) — one catalog row',
      '=AE.SETTLEDATE("full", A2) · =AE.RULE("FEE-SEMI-BASE") · =AE.RULESVERSION()',
    ],
    more: "To check a whole workbook today: npm run check -- catalog.xlsx (see the README).",
  },
  zh: {
    title: "AE Modes — 速卖通托管模式费用与准入",
    intro: "在任意单元格输入（重量单位kg，长度cm，金额元）：",
    items: [
      '=AE.FEE("半托管", 100, , 1.2, 30, 20, 10) — 单笔订单费用',
      "=AE.FEEBREAKDOWN(…) — 费用明细（溢出）",
      "=AE.NETPAYOUT(…) — 金额减费用",
      "=AE.VOLWEIGHT(30, 20, 15) · =AE.CHARGEWEIGHT(…) · =AE.BILLWEIGHT(…)",
      '=AE.ELIGIBLE("全托管", A1:T1, A2:T2) · =AE.ISSUES(…) — 单行准入',
      '=AE.SETTLEDATE("全托管", A2) · =AE.RULE("FEE-SEMI-BASE") · =AE.RULESVERSION()',
    ],
    more: "检查整个工作簿：npm run check -- catalog.xlsx（见 README）。",
  },
};

function render(lang: "en" | "zh"): void {
  const t = HELP[lang];
  const title = document.getElementById("title");
  const version = document.getElementById("version");
  const help = document.getElementById("help");
  if (title) title.textContent = t.title;
  if (version) version.textContent = rulesVersion();
  if (help) {
    help.replaceChildren();
    const intro = document.createElement("p");
    intro.textContent = t.intro;
    const list = document.createElement("ul");
    for (const item of t.items) {
      const li = document.createElement("li");
      const code = document.createElement("code");
      code.textContent = item;
      li.append(code);
      list.append(li);
    }
    const more = document.createElement("p");
    more.textContent = t.more;
    help.append(intro, list, more);
  }
}

const office = (globalThis as { Office?: typeof Office }).Office;
if (office) {
  void office.onReady(() =>
    render(office.context?.displayLanguage?.toLowerCase().startsWith("zh") ? "zh" : "en"),
  );
} else render(navigator.language.toLowerCase().startsWith("zh") ? "zh" : "en");
