/**
 * Target markets and languages: a seller writes "DE", "德国" or "Germany"; a manual's
 * language as "DE", "德语", "German" or "Deutsch". Both fold to ISO codes here.
 * @packageDocumentation
 */
import { compactKey } from "./text";

/** ISO 3166 alpha-2 market code → names that mean it. */
const MARKET_NAMES: Readonly<Record<string, readonly string[]>> = {
  US: ["US", "USA", "美国", "United States", "America"],
  GB: ["GB", "UK", "英国", "United Kingdom", "Britain", "Great Britain", "England"],
  AU: ["AU", "澳大利亚", "澳洲", "Australia"],
  CA: ["CA", "加拿大", "Canada"],
  NZ: ["NZ", "新西兰", "New Zealand"],
  IE: ["IE", "爱尔兰", "Ireland"],
  DE: ["DE", "德国", "Germany", "Deutschland"],
  AT: ["AT", "奥地利", "Austria"],
  CH: ["CH", "瑞士", "Switzerland"],
  FR: ["FR", "法国", "France"],
  BE: ["BE", "比利时", "Belgium"],
  ES: ["ES", "西班牙", "Spain", "España"],
  MX: ["MX", "墨西哥", "Mexico"],
  CL: ["CL", "智利", "Chile"],
  CO: ["CO", "哥伦比亚", "Colombia"],
  AR: ["AR", "阿根廷", "Argentina"],
  IT: ["IT", "意大利", "Italy"],
  KR: ["KR", "韩国", "South Korea", "Korea"],
  JP: ["JP", "日本", "Japan"],
  BR: ["BR", "巴西", "Brazil"],
  PT: ["PT", "葡萄牙", "Portugal"],
  PL: ["PL", "波兰", "Poland"],
  NL: ["NL", "荷兰", "Netherlands", "Holland"],
  SA: ["SA", "沙特", "沙特阿拉伯", "Saudi Arabia"],
  AE: ["AE", "UAE", "阿联酋", "United Arab Emirates"],
  RU: ["RU", "俄罗斯", "Russia"],
  UA: ["UA", "乌克兰", "Ukraine"],
  TR: ["TR", "土耳其", "Turkey", "Türkiye"],
  IL: ["IL", "以色列", "Israel"],
  CZ: ["CZ", "捷克", "Czechia", "Czech Republic"],
  SE: ["SE", "瑞典", "Sweden"],
  DK: ["DK", "丹麦", "Denmark"],
  FI: ["FI", "芬兰", "Finland"],
  NO: ["NO", "挪威", "Norway"],
  GR: ["GR", "希腊", "Greece"],
  HU: ["HU", "匈牙利", "Hungary"],
  RO: ["RO", "罗马尼亚", "Romania"],
  SK: ["SK", "斯洛伐克", "Slovakia"],
  VN: ["VN", "越南", "Vietnam"],
  TH: ["TH", "泰国", "Thailand"],
  ID: ["ID", "印度尼西亚", "印尼", "Indonesia"],
  MY: ["MY", "马来西亚", "Malaysia"],
  PH: ["PH", "菲律宾", "Philippines"],
  SG: ["SG", "新加坡", "Singapore"],
  LT: ["LT", "立陶宛", "Lithuania"],
  LV: ["LV", "拉脱维亚", "Latvia"],
  EE: ["EE", "爱沙尼亚", "Estonia"],
  SI: ["SI", "斯洛文尼亚", "Slovenia"],
  HR: ["HR", "克罗地亚", "Croatia"],
  BG: ["BG", "保加利亚", "Bulgaria"],
  LU: ["LU", "卢森堡", "Luxembourg"],
  CY: ["CY", "塞浦路斯", "Cyprus"],
  MT: ["MT", "马耳他", "Malta"],
  IS: ["IS", "冰岛", "Iceland"],
  MD: ["MD", "摩尔多瓦", "Moldova"],
  BY: ["BY", "白俄罗斯", "Belarus"],
  KZ: ["KZ", "哈萨克斯坦", "Kazakhstan"],
  QA: ["QA", "卡塔尔", "Qatar"],
  KW: ["KW", "科威特", "Kuwait"],
  EG: ["EG", "埃及", "Egypt"],
  MA: ["MA", "摩洛哥", "Morocco"],
  ZA: ["ZA", "南非", "South Africa"],
  NG: ["NG", "尼日利亚", "Nigeria"],
  PE: ["PE", "秘鲁", "Peru"],
  IN: ["IN", "印度", "India"],
  PK: ["PK", "巴基斯坦", "Pakistan"],
};

/** ISO 639-1 language code → names that mean it. */
const LANGUAGE_NAMES: Readonly<Record<string, readonly string[]>> = {
  en: ["EN", "English", "英语", "英文"],
  de: ["DE", "German", "Deutsch", "德语", "德文"],
  fr: ["FR", "French", "Français", "法语", "法文"],
  es: ["ES", "Spanish", "Español", "西班牙语", "西语"],
  it: ["IT", "Italian", "Italiano", "意大利语"],
  ko: ["KO", "KR", "Korean", "韩语", "韩文"],
  ja: ["JA", "JP", "Japanese", "日语", "日文"],
  pt: ["PT", "Portuguese", "Português", "葡萄牙语", "葡语"],
  pl: ["PL", "Polish", "Polski", "波兰语"],
  nl: ["NL", "Dutch", "Nederlands", "荷兰语"],
  ar: ["AR", "Arabic", "阿拉伯语"],
  ru: ["RU", "Russian", "俄语"],
  uk: ["UK", "UA", "Ukrainian", "乌克兰语"],
  tr: ["TR", "Turkish", "土耳其语"],
  he: ["HE", "IW", "Hebrew", "希伯来语"],
  cs: ["CS", "CZ", "Czech", "捷克语"],
  sv: ["SV", "Swedish", "瑞典语"],
  da: ["DA", "Danish", "丹麦语"],
  fi: ["FI", "Finnish", "芬兰语"],
  no: ["NO", "NB", "Norwegian", "挪威语"],
  el: ["EL", "Greek", "希腊语"],
  hu: ["HU", "Hungarian", "匈牙利语"],
  ro: ["RO", "Romanian", "罗马尼亚语"],
  sk: ["SK", "Slovak", "斯洛伐克语"],
  vi: ["VI", "Vietnamese", "越南语"],
  th: ["TH", "Thai", "泰语"],
  id: ["ID", "Indonesian", "印尼语"],
  ms: ["MS", "Malay", "马来语"],
  zh: ["ZH", "Chinese", "中文", "汉语"],
};

function index(table: Readonly<Record<string, readonly string[]>>): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const [code, names] of Object.entries(table))
    for (const name of names) map.set(compactKey(name), code);
  return map;
}

const MARKET_INDEX = index(MARKET_NAMES);
const LANGUAGE_INDEX = index(LANGUAGE_NAMES);

/**
 * The ISO market code of a market name or code, or undefined if unknown.
 *
 * @example
 * ```ts
 * marketCode("德国")    // => "DE"
 * marketCode("uk")      // => "GB"
 * marketCode("Atlantis") // => undefined
 * ```
 */
export function marketCode(name: string): string | undefined {
  return MARKET_INDEX.get(compactKey(name));
}

/**
 * The ISO language code of a language name or code ("德语", "German", "DE"), or undefined.
 * A two-letter code is read as a language code first (KR and JP, written as country codes, are accepted too).
 *
 * @example
 * ```ts
 * languageCode("英语") // => "en"
 * languageCode("DE")   // => "de"
 * ```
 */
export function languageCode(name: string): string | undefined {
  return LANGUAGE_INDEX.get(compactKey(name));
}

/**
 * A market's names for messages: the English name and the Chinese name, falling back to the code.
 *
 * @example
 * ```ts
 * marketLabel("DE") // => { en: "Germany", zh: "德国" }
 * ```
 */
export function marketLabel(code: string): { en: string; zh: string } {
  const names = MARKET_NAMES[code];
  return {
    en: names?.find((n, i) => i > 0 && /^[A-Za-z][a-z]/.test(n)) ?? code,
    zh: names?.find((n) => /[\u4e00-\u9fff]/.test(n)) ?? code,
  };
}

/** Language names for messages. */
export function languageLabel(code: string): { en: string; zh: string } {
  const names = LANGUAGE_NAMES[code];
  return { en: names?.[1] ?? code, zh: names?.find((n) => /[\u4e00-\u9fff]/.test(n)) ?? code };
}
