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
  /** Attributes of an <alignment> child, e.g. `wrapText="1" vertical="top"`. */
  readonly alignment?: string;
}

interface Xf extends Required<Omit<XfSpec, "alignment">> {
  readonly plain: boolean;
  /**
   * Its index in cellXfs: its position among the section's children, as Excel counts them (an
   * mc:AlternateContent block is one xf, so this is not the count of xf elements before it).
   */
  readonly index: number;
  /** The alignment of an xf this book added (workbook xfs with children are not plain). */
  readonly alignment?: string;
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

/** Sections whose existing children are matched by their text before one is appended. */
const KNOWN = new Set(["fonts", "fills", "cellXfs"]);

/** The style sheet being extended. */
export class StyleBook {
  private readonly sections = new Map<string, Section>();
  private readonly formats = new Map<string, number>();
  private maxFormatId = 163;
  private readonly xfs: Xf[] = [];
  private prefix = "";
  private rootTagEnd = 0;
  /** Where the workbook's first font is (the default font), to derive a bold one from. */
  private firstFont: { start: number; end: number; tagEnd: number; empty: boolean } | undefined;
  private fontDepth = -1;
  private boldFontId: number | undefined;
  /** The serialised children of fonts, fills and cellXfs, by section: a re-run finds what it added. */
  private readonly known = new Map<string, Map<string, number>>();

  constructor(readonly part: SmallPart) {
    let depth = 0;
    let section: Section | undefined;
    let xfDepth = -1;
    let current: { spec: Xf; index: number } | undefined;
    let child: { section: string; start: number; index: number } | undefined;
    const remember = (c: { section: string; start: number; index: number }, end: number): void => {
      const text = new TextDecoder().decode(part.stream.subarray(c.start, end));
      let m = this.known.get(c.section);
      if (!m) this.known.set(c.section, (m = new Map()));
      if (!m.has(text)) m.set(text, c.index);
    };
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
          if (KNOWN.has(section.local) && this.sections.get(section.local) === section) {
            const c = { section: section.local, start, index: section.children - 1 };
            if (empty) remember(c, end);
            else child = c;
          }
          if (local === "numFmt" && section.local === "numFmts") {
            const id = Number(attrValue(attrs, "numFmtId"));
            const code = attrValue(attrs, "formatCode");
            if (Number.isInteger(id)) {
              if (id > this.maxFormatId) this.maxFormatId = id;
              if (code !== undefined && !this.formats.has(code)) this.formats.set(code, id);
            }
          } else if (local === "font" && section.local === "fonts" && !this.firstFont) {
            this.firstFont = { start, end, tagEnd: end, empty };
            if (!empty) this.fontDepth = depth;
          } else if (local === "xf" && section.local === "cellXfs") {
            const num = (k: string) => Number(attrValue(attrs, k) ?? 0) || 0;
            const spec: Xf = {
              numFmtId: num("numFmtId"),
              fontId: num("fontId"),
              fillId: num("fillId"),
              borderId: num("borderId"),
              plain: true,
              index: section.children - 1,
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
        if (depth === 2 && child) {
          remember(child, end);
          child = undefined;
        }
        if (depth === this.fontDepth && this.firstFont) {
          this.firstFont.end = end;
          this.fontDepth = -1;
        }
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

  /** The index of a cell format with exactly this number format, font, fill, border and alignment. */
  xf(spec: XfSpec): number {
    const { alignment, ...rest } = spec;
    const want = { fontId: 0, fillId: 0, borderId: 0, ...rest };
    const found = this.xfs.find(
      (x) =>
        x.plain &&
        x.alignment === alignment &&
        x.numFmtId === want.numFmtId &&
        x.fontId === want.fontId &&
        x.fillId === want.fillId &&
        x.borderId === want.borderId,
    );
    if (found) return found.index;
    const apply = `${want.numFmtId ? ' applyNumberFormat="1"' : ""}${want.fontId ? ' applyFont="1"' : ""}${want.fillId ? ' applyFill="1"' : ""}${want.borderId ? ' applyBorder="1"' : ""}${alignment ? ' applyAlignment="1"' : ""}`;
    const open = `<${this.prefix}xf numFmtId="${want.numFmtId}" fontId="${want.fontId}" fillId="${want.fillId}" borderId="${want.borderId}" xfId="0"${apply}`;
    const xml = alignment
      ? `${open}><${this.prefix}alignment ${alignment}/></${this.prefix}xf>`
      : `${open}/>`;
    const earlier = this.known.get("cellXfs")?.get(xml);
    // An xf with this alignment that an earlier run added (it has a child, so it is not plain).
    if (earlier !== undefined) return earlier;
    const index = this.append("cellXfs", xml);
    this.xfs.push({ ...want, plain: true, index, ...(alignment ? { alignment } : {}) });
    return index;
  }

  /** A bold copy of the workbook's default font (its first), added once; its index. */
  boldFont(): number {
    if (this.boldFontId !== undefined) return this.boldFontId;
    const f = this.firstFont;
    let xml = `<${this.prefix}font><${this.prefix}b/></${this.prefix}font>`;
    if (f) {
      const text = new TextDecoder().decode(this.part.stream.subarray(f.start, f.end));
      if (f.empty)
        xml = `${text.slice(0, text.length - 2).trimEnd()}><${this.prefix}b/></${this.prefix}font>`;
      else {
        const tagLen = f.tagEnd - f.start;
        // <b/> is the first child of CT_Font's sequence; a font already bold keeps its own.
        xml = /<(?:\w+:)?b(?:\s[^>]*)?\/?>/.test(text.slice(tagLen))
          ? text
          : `${text.slice(0, tagLen)}<${this.prefix}b/>${text.slice(tagLen)}`;
      }
    }
    this.boldFontId = this.known.get("fonts")?.get(xml) ?? this.append("fonts", xml);
    return this.boldFontId;
  }

  /** A solid fill of an ARGB colour (e.g. "FFC6EFCE"), added once per colour; its index. */
  solidFill(argb: string): number {
    const key = `fill:${argb}`;
    const known = this.fillIds.get(key);
    if (known !== undefined) return known;
    const p = this.prefix;
    const xml = `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`;
    const id = this.known.get("fills")?.get(xml) ?? this.append("fills", xml);
    this.fillIds.set(key, id);
    return id;
  }
  private readonly fillIds = new Map<string, number>();

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
