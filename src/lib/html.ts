/**
 * Rich text from editors, imports and reports: sanitised once on the way in with sanitize-html
 * (an allow-list: no script, no event handlers, no style, no `javascript:` or `data:` links),
 * and reduced to plain text for summaries, feeds and the search index.
 */
import sanitize from 'sanitize-html';

const OPTIONS: sanitize.IOptions = {
  allowedTags: ['p', 'br', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'blockquote', 'ul', 'ol', 'li', 'a', 'img', 'figure', 'figcaption', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'hr'],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  // images only from the portal itself (the CSP allows no other; nor should readers' addresses leak to other hosts)
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // h1 is the page's own title: an article's headings start at h2
  transformTags: {
    h1: 'h2',
    a: (tagName, attribs) => {
      const external = /^https?:/i.test(attribs.href ?? '');
      const out: Record<string, string> = { ...attribs };
      if (external) out.rel = 'noopener noreferrer';
      if (out.target && out.target !== '_blank') delete out.target;
      return { tagName, attribs: out };
    },
  },
  exclusiveFilter: (frame) => (frame.tag === 'a' && !frame.attribs.href && !frame.text.trim()) || (frame.tag === 'img' && !frame.attribs.src),
};

/** The HTML an article may hold, NFC; text outside any element becomes a paragraph, so the result reads back as HTML. */
export function sanitizeRichText(html: string): string {
  const out = sanitize(html.normalize('NFC'), OPTIONS).trim();
  return out && !out.startsWith('<') ? `<p>${out}</p>` : out;
}

const IMG = /<img\b[^>]*>/g;
const attrOf = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const hasAlt = (tag: string) => Boolean(attrOf(tag, 'alt')?.replace(/&nbsp;|&#160;/g, ' ').trim());
const escAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const withAlt = (tag: string, alt: string) => {
  const a = escAttr(alt.replace(/\s+/g, ' ').trim().slice(0, 300));
  return attrOf(tag, 'alt') !== undefined ? tag.replace(/\salt="[^"]*"/, ` alt="${a}"`) : tag.replace(/^<img\b/, `<img alt="${a}"`);
};

/**
 * The images of sanitised HTML that have no text alternative (no `alt`, or a blank one), by
 * their place among the body's images (1 = the first) and their address.
 */
export function imagesWithoutAlt(html: string): { n: number; src: string }[] {
  const out: { n: number; src: string }[] = [];
  let n = 0;
  for (const m of html.matchAll(IMG)) {
    n++;
    if (!hasAlt(m[0])) out.push({ n, src: htmlToText(attrOf(m[0], 'src') ?? '') });
  }
  return out;
}

/**
 * Gives every image of sanitised HTML that has no text alternative one (the rule for imported
 * bodies, docs/architecture.md): the caption of the figure it stands in, else its `title`, else
 * `fallback` (the article's "Ảnh minh họa: <title>"). Returns the body and how many were given.
 */
export function fillImageAlt(html: string, fallback: string): { html: string; filled: number } {
  let filled = 0;
  const fill = (tag: string, alt: string) => {
    if (hasAlt(tag)) return tag;
    filled++;
    return withAlt(tag, alt);
  };
  const inFigures = html.replace(/<figure>([\s\S]*?)<\/figure>/g, (fig, inner: string) => {
    const caption = htmlToText(/<figcaption>([\s\S]*?)<\/figcaption>/.exec(inner)?.[1] ?? '');
    return caption ? fig.replace(IMG, (tag) => fill(tag, caption)) : fig;
  });
  const out = inFigures.replace(IMG, (tag) => {
    const title = htmlToText(attrOf(tag, 'title') ?? '');
    return fill(tag, title || fallback);
  });
  return { html: out, filled };
}

/** Does this body look like HTML (a tag an editor would write), rather than plain text? */
export const looksLikeHtml = (s: string): boolean => /<(p|br|h[1-6]|div|ul|ol|li|b|strong|em|i|u|s|a|img|table|blockquote|figure|span|hr|sub|sup)(\s[^>]*)?\/?>/i.test(s);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Plain text of sanitised HTML: block ends become line breaks, entities decoded, spaces collapsed. */
export function htmlToText(html: string): string {
  return sanitize(html.replace(/<\/(p|h\d|li|blockquote|tr|figcaption)>|<br\s*\/?>/gi, '$&\n'), { allowedTags: [], allowedAttributes: {} })
    .replace(/&(#x?[0-9a-f]+|\w+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/** Plain text as paragraphs of HTML (an imported article body with no markup). */
export function textToHtml(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\n\s*\n|\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('\n');
}

/** The first `max` characters of a text, cut at a word, with "…". */
export function excerpt(text: string, max = 220): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 30)).trim()}…`;
}
