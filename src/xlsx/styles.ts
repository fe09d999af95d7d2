/**
 * The workbook's style sheet as the writer extends it: number formats and cell formats (xf)
 * the add-in's cells need are found or appended, and the part is edited in place (only the
 * sections that grow change). A workbook without a styles part gets one, related from the
 * workbook and given a content type.
 *
 * Extension point: {@link StyleBook.append} adds an element to any section (fonts, fills,
 * borders, dxfs…) and returns its index, and {@link StyleBook.xf} takes a font, fill and border,
 * so output styling (bold header, fills) is one call each.
 * @packageDocumentation
 */
import type { SmallPart } from "./parts";
import { type Edit } from "./parts";
import { attrValue, localName, prefixOf, type XmlAttr } from "./sax";

/** A section of the style sheet (numFmts, fonts, fills, borders, cellStyleXfs, cellXfs, …). */
interface Section {
  readonly local: string;
  /** Offsets of the start tag. */
  readonly tagStart: number;
  readonly tagEnd: number;
  readonly empty: boolean;
  readonly count: XmlAttr | undefined;
  /** Where `</x:section>` starts (the tag's end when empty). */
  closeStart: number;
  children: number;
  readonly added: string[];
}

/** A cell format as the add-in asks for it. */
export interface XfSpec {
  readonly numFmtId: number;
  readonly fontId?: number;
  readonly fillId?: number;
  readonly borderId?: number;
}

interface Xf extends Required<XfSpec> {
  readonly plain: boolean;
}

/** Where each section goes in a style sheet (CT_Stylesheet's sequence). */
const ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];

const BUILTIN_FORMATS: Readonly<Record<string, number>> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "0%": 9,
  "0.00%": 10,
};

/** The minimal style sheet for a workbook that has none. */
export function defaultStyleSheet(mainNs: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${mainNs}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
}

/** The style sheet being extended. */
export class StyleBook {
  private readonly sections = new Map<string, Section>();
  private readonly formats = new Map<string, number>();
  private maxFormatId = 163;
  private readonly xfs: Xf[] = [];
  private prefix = "";
  private rootTagEnd = 0;

  constructor(readonly part: SmallPart) {
    let depth = 0;
    let section: Section | undefined;
    let xfDepth = -1;
    let current: { spec: Xf; index: number } | undefined;
    part.scan({
      start: (name, attrs, empty, start, end) => {
        const local = localName(name);
        if (depth === 0) {
          this.prefix = prefixOf(name);
          this.rootTagEnd = end;
        } else if (depth === 1) {
          section = {
            local,
            tagStart: start,
            tagEnd: end,
            empty,
            count: attrs.find((a) => a.name === "count"),
            closeStart: end,
            children: 0,
            added: [],
          };
          if (!this.sections.has(local)) this.sections.set(local, section);
        } else if (depth === 2 && section) {
          section.children++;
          if (local === "numFmt" && section.local === "numFmts") {
            const id = Number(attrValue(attrs, "numFmtId"));
            const code = attrValue(attrs, "formatCode");
            if (Number.isInteger(id)) {
              if (id > this.maxFormatId) this.maxFormatId = id;
              if (code !== undefined && !this.formats.has(code)) this.formats.set(code, id);
            }
          } else if (local === "xf" && section.local === "cellXfs") {
            const num = (k: string) => Number(attrValue(attrs, k) ?? 0) || 0;
            const spec: Xf = {
              numFmtId: num("numFmtId"),
              fontId: num("fontId"),
              fillId: num("fillId"),
              borderId: num("borderId"),
              plain: true,
            };
            this.xfs.push(spec);
            if (!empty) {
              xfDepth = depth;
              current = { spec, index: this.xfs.length - 1 };
            }
          }
        } else if (current && depth > xfDepth) {
          // An xf with alignment or protection is not a plain number format.
          this.xfs[current.index] = { ...current.spec, plain: false };
        }
        if (!empty) depth++;
      },
      end: (name, start, end) => {
        if (start === end) return;
        depth--;
        if (depth === 1 && section) section.closeStart = start;
        if (depth === xfDepth) {
          xfDepth = -1;
          current = undefined;
        }
        void name;
      },
    });
  }

  /** The id of a number format, added if the workbook lacks it. */
  numFmt(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    const found = this.formats.get(code);
    if (found !== undefined) return found;
    const id = ++this.maxFormatId;
    this.formats.set(code, id);
    this.append("numFmts", `<${this.prefix}numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }

  /** The index of a cell format with exactly this number format, font, fill and border. */
  xf(spec: XfSpec): number {
    const want = { fontId: 0, fillId: 0, borderId: 0, ...spec };
    const found = this.xfs.findIndex(
      (x) =>
        x.plain &&
        x.numFmtId === want.numFmtId &&
        x.fontId === want.fontId &&
        x.fillId === want.fillId &&
        x.borderId === want.borderId,
    );
    if (found >= 0) return found;
    const apply = `${want.numFmtId ? ' applyNumberFormat="1"' : ""}${want.fontId ? ' applyFont="1"' : ""}${want.fillId ? ' applyFill="1"' : ""}${want.borderId ? ' applyBorder="1"' : ""}`;
    this.append(
      "cellXfs",
      `<${this.prefix}xf numFmtId="${want.numFmtId}" fontId="${want.fontId}" fillId="${want.fillId}" borderId="${want.borderId}" xfId="0"${apply}/>`,
    );
    this.xfs.push({ ...want, plain: true });
    return this.xfs.length - 1;
  }

  /** Appends an element (already serialised, with this sheet's prefix) to a section; its index. */
  append(local: string, xml: string): number {
    let s = this.sections.get(local);
    if (!s) {
      // A section the workbook lacks: inserted where the schema's order puts it.
      const rank = ORDER.indexOf(local);
      let at = this.rootTagEnd;
      for (const other of this.sections.values()) {
        const r = ORDER.indexOf(other.local);
        if (r >= 0 && r < rank)
          at = Math.max(
            at,
            other.empty ? other.tagEnd : other.closeStart + `</${this.prefix}${other.local}>`.length,
          );
      }
      s = {
        local,
        tagStart: at,
        tagEnd: at,
        empty: true,
        count: undefined,
        closeStart: at,
        children: 0,
        added: [],
      };
      (s as { missing?: boolean }).missing = true;
      this.sections.set(local, s);
    }
    s.added.push(xml);
    return s.children + s.added.length - 1;
  }

  /** The prefix the style sheet's elements use (with its colon). */
  get elementPrefix(): string {
    return this.prefix;
  }

  /** The edits that add what was asked for (none when the workbook had it all). */
  edits(): Edit[] {
    const edits: Edit[] = [];
    for (const s of this.sections.values()) {
      if (s.added.length === 0) continue;
      const count = s.children + s.added.length;
      const open = `<${this.prefix}${s.local}`;
      const close = `</${this.prefix}${s.local}>`;
      if ((s as { missing?: boolean }).missing) {
        edits.push({
          from: s.tagStart,
          to: s.tagStart,
          text: `${open} count="${count}">${s.added.join("")}${close}`,
        });
      } else if (s.empty) {
        // <numFmts count="0"/> → the element with its children; the rest of its attributes kept.
        const tag = new TextDecoder().decode(this.part.stream.subarray(s.tagStart, s.tagEnd));
        const attrs = tag.slice(open.length, tag.length - 2).replace(/\s+count\s*=\s*("[^"]*"|'[^']*')/, "");
        edits.push({
          from: s.tagStart,
          to: s.tagEnd,
          text: `${open}${attrs} count="${count}">${s.added.join("")}${close}`,
        });
      } else {
        if (s.count) edits.push({ from: s.count.start, to: s.count.end, text: ` count="${count}"` });
        else edits.push({ from: s.tagEnd - 1, to: s.tagEnd - 1, text: ` count="${count}"` });
        edits.push({ from: s.closeStart, to: s.closeStart, text: s.added.join("") });
      }
    }
    return edits;
  }
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
}
