/**
 * The portal search: one index (`search_entries`) over every public thing the portal shows.
 * The slices that own the things keep it in step, calling `indexEntry` when a thing becomes or
 * stays public and `unindexEntry` when it stops being public or is deleted — in the
 * transaction of the write, so the index never shows what the database does not.
 *
 * Text is indexed folded (lib/vi `fold`: no marks, đ → d, lower case) and cut into `[a-z0-9]+`
 * words; a query is folded and cut the same way, every word matched as a prefix, all required,
 * so "dan van kheo", "ĐƯỜNG" and NFD input find what they should on both databases.
 */
import type { Db, Tx } from '../../db/index.js';
import { fieldError } from '../../lib/errors.js';
import { fold, nfc } from '../../lib/vi.js';
import * as repo from './search.repository.js';
import { SEARCH_KIND_LABELS, SEARCH_KINDS, type SearchKind } from './search.table.js';

export interface SearchEntryInput {
  kind: SearchKind;
  refId: number;
  title: string;
  /** the public page, e.g. /bai-viet/ket-qua-9-thang */
  url: string;
  /** a plain-text line shown under the title */
  summary?: string | null;
  /** plain text searched besides the title (HTML already stripped) */
  body: string;
  /** yyyy-mm-dd shown beside the hit */
  dated?: string | null;
  /** ISO instant before which it stays hidden (scheduled publishing) */
  visibleFrom?: string | null;
}

/** Hits per page, on the search page and in the API. */
const SEARCH_PAGE_SIZE = 20;
/** A longer query is cut (and the page says so). */
export const MAX_QUERY_CHARS = 200;
/** Words of a query beyond these are dropped (and the page says so). */
export const MAX_QUERY_TOKENS = 10;
/** Matches ranked and shown at most (50 pages); more matches say "more than" and ask to narrow. */
const MAX_HITS = 1000;
/** Folded body text kept in the index (PostgreSQL refuses a tsvector above 1 MB). */
const MAX_BODY_CHARS = 200_000;

/** Folded words separated by single spaces: what both databases index and what a query is cut into. */
const searchFold = (s: string): string => fold(s).replace(/[^a-z0-9]+/g, ' ').trim();

function toRow(e: SearchEntryInput, at: string) {
  return {
    kind: e.kind,
    ref_id: e.refId,
    title: nfc(e.title),
    url: e.url,
    summary: e.summary ? nfc(e.summary) : null,
    dated: e.dated ?? null,
    visible_from: e.visibleFrom ?? null,
    folded_title: searchFold(e.title),
    folded_body: searchFold(e.body).slice(0, MAX_BODY_CHARS),
    updated_at: at,
  };
}

export async function indexEntry(trx: Tx, e: SearchEntryInput): Promise<void> {
  await repo.upsertEntry(trx, toRow(e, new Date().toISOString()));
}

export async function unindexEntry(trx: Tx, kind: SearchKind, refId: number): Promise<void> {
  await repo.deleteEntry(trx, kind, refId);
}

/** Indexes many entries at once, replacing those of the same things (a batch of edits). */
export async function upsertEntries(trx: Tx, entries: readonly SearchEntryInput[]): Promise<void> {
  const at = new Date().toISOString();
  await repo.upsertEntries(trx, entries.map((e) => toRow(e, at)));
}

/** Removes the entries of many things of one kind. */
export async function unindexEntries(trx: Tx, kind: SearchKind, refIds: readonly number[]): Promise<void> {
  await repo.deleteEntries(trx, kind, refIds);
}

/** Empties the index (a rebuild, in its transaction). */
export async function clearIndex(trx: Tx): Promise<void> {
  await repo.deleteAllEntries(trx);
}

/** Adds many entries to an emptied index (a rebuild). */
export async function indexEntries(trx: Tx, entries: readonly SearchEntryInput[]): Promise<void> {
  const at = new Date().toISOString();
  await repo.insertEntries(trx, entries.map((e) => toRow(e, at)));
}

export const countIndexed = (db: Db): Promise<Record<string, number>> => repo.countEntriesByKind(db);

// ——— queries ———

interface ParsedQuery {
  /** the query as searched (NFC, trimmed, cut to MAX_QUERY_CHARS) */
  text: string;
  /** distinct folded words, at most MAX_QUERY_TOKENS */
  tokens: string[];
  /** true when the query was cut (too long or too many words) */
  truncated: boolean;
}

/** Folds and cuts a query; punctuation alone gives no words (and no error). */
export function parseQuery(raw: string | null | undefined): ParsedQuery {
  let text = nfc(String(raw ?? '')).replace(/\s+/g, ' ').trim();
  let truncated = false;
  const chars = Array.from(text);
  if (chars.length > MAX_QUERY_CHARS) {
    text = chars.slice(0, MAX_QUERY_CHARS).join('').trim();
    truncated = true;
  }
  let tokens = [...new Set(searchFold(text).split(' ').filter(Boolean))];
  if (tokens.length > MAX_QUERY_TOKENS) {
    tokens = tokens.slice(0, MAX_QUERY_TOKENS);
    truncated = true;
  }
  return { text, tokens, truncated };
}

// ——— highlighting ———

const MARKS = /[\u0300-\u036f]/g;
const foldChar = (ch: string): string => ch.normalize('NFD').replace(MARKS, '').replace(/[đĐÐ]/g, 'd').toLowerCase();
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * Which characters of `text` (NFC, by code point) belong to a word that one of `tokens` begins:
 * the text is folded one character at a time, so a position in the folded text maps back to
 * the character it came from ("Đường" → "duong", 5 ↔ 5).
 */
function markedChars(chars: readonly string[], tokens: readonly string[]): boolean[] {
  let folded = '';
  const owner: number[] = [];
  chars.forEach((ch, i) => {
    const f = foldChar(ch);
    folded += f;
    for (let k = 0; k < f.length; k++) owner.push(i);
  });
  const marked = chars.map(() => false);
  if (!tokens.length) return marked;
  for (const m of folded.matchAll(/[a-z0-9]+/g)) {
    if (!tokens.some((t) => m[0].startsWith(t))) continue;
    for (let k = m.index; k < m.index + m[0].length; k++) marked[owner[k]!] = true;
  }
  // a combining mark NFC could not compose goes with the letter before it
  for (let i = 1; i < chars.length; i++) if (foldChar(chars[i]!) === '' && /\p{M}/u.test(chars[i]!)) marked[i] = marked[i - 1]!;
  return marked;
}

/** `text` as HTML: every word a token begins inside <mark>, everything escaped. */
export function highlightHtml(text: string, tokens: readonly string[]): string {
  const chars = Array.from(nfc(text));
  const marked = markedChars(chars, tokens);
  let out = '';
  let i = 0;
  while (i < chars.length) {
    let j = i;
    while (j < chars.length && marked[j] === marked[i]) j++;
    const part = escapeHtml(chars.slice(i, j).join(''));
    out += marked[i] ? `<mark>${part}</mark>` : part;
    i = j;
  }
  return out;
}

/** A long summary cut to about `max` characters around its first hit, with "…" where cut. */
export function excerpt(text: string, tokens: readonly string[], max = 320): string {
  const chars = Array.from(nfc(text));
  if (chars.length <= max) return chars.join('');
  const first = Math.max(0, markedChars(chars, tokens).indexOf(true));
  let start = first > max / 3 ? first - Math.floor(max / 4) : 0;
  if (start > 0) {
    const space = chars.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  const end = Math.min(chars.length, start + max);
  return `${start > 0 ? '…' : ''}${chars.slice(start, end).join('').trim()}${end < chars.length ? '…' : ''}`;
}

// ——— the search ———

interface PresentedHit {
  kind: SearchKind;
  kindLabel: string;
  title: string;
  /** the title as HTML: hits in <mark>, the rest escaped */
  titleHtml: string;
  url: string;
  summary: string | null;
  summaryHtml: string | null;
  /** yyyy-mm-dd or null */
  date: string | null;
}

interface SearchResult {
  query: ParsedQuery;
  kind: SearchKind | null;
  items: PresentedHit[];
  /** hits one can page through: every match, or MAX_HITS when more matched (`capped`) */
  total: number;
  /** more than MAX_HITS matched: the most recent MAX_HITS were ranked; narrowing the query helps */
  capped: boolean;
  page: number;
  pageSize: number;
  pages: number;
}

export const isSearchKind = (v: unknown): v is SearchKind => typeof v === 'string' && (SEARCH_KINDS as readonly string[]).includes(v);

/** A page number from user input: anything that is not a whole number ≥ 1 is page 1. */
function parsePage(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number.parseInt(v, 10) : Number.NaN;
  return Number.isSafeInteger(n) && n >= 1 ? n : 1;
}

/** True when every token begins a word of the (search-folded) title. */
const titleHas = (foldedTitle: string, tokens: readonly string[]): boolean => {
  const words = foldedTitle.split(' ');
  return tokens.every((t) => words.some((w) => w.startsWith(t)));
};

/**
 * Searches what the portal shows now. At most `maxHits` matches are ranked — the most recently
 * indexed ones, so the work stays the same however many match (`capped` says more did): those
 * with every word in the title first, then by the database's relevance score (title words weigh
 * ten times body words), then the latest. Paged (a page past the last shows the last),
 * highlighted. An empty query finds nothing; an unknown kind is a 422.
 */
export async function search(
  db: Db,
  input: { q?: string | null | undefined; kind?: string | null | undefined; page?: unknown },
  opts: {
    now?: Date;
    maxHits?: number;
    /** tests: how many of the newest ids are searched first (null: one pass) */
    recentIds?: number | null;
    /** tests: PostgreSQL reads newest first or collects through the index, whatever its estimate */
    plan?: 'walk' | 'index';
  } = {},
): Promise<SearchResult> {
  const query = parseQuery(input.q);
  const kind = input.kind ? input.kind : null;
  if (kind !== null && !isSearchKind(kind)) throw fieldError('kind', `Loại kết quả: phải là một trong ${SEARCH_KINDS.join(', ')}`);
  const pageSize = SEARCH_PAGE_SIZE;
  const maxHits = opts.maxHits ?? MAX_HITS;
  const empty: SearchResult = { query, kind, items: [], total: 0, capped: false, page: 1, pageSize, pages: 1 };
  if (!query.tokens.length) return empty;
  const found = await repo.findCandidates(db, { tokens: query.tokens, kind: kind ?? undefined, now: (opts.now ?? new Date()).toISOString() }, maxHits + 1, opts.recentIds, opts.plan);
  if (!found.length) return empty;
  const capped = found.length > maxHits;
  const ranked = found
    .slice(0, maxHits)
    .map((c) => ({ ...c, inTitle: titleHas(c.folded_title, query.tokens) }))
    .sort((a, b) => Number(b.inTitle) - Number(a.inTitle) || a.score - b.score || (b.dated ?? '').localeCompare(a.dated ?? '') || b.id - a.id);
  const total = ranked.length;
  const pages = Math.ceil(total / pageSize);
  const page = Math.min(parsePage(input.page), pages);
  const ids = ranked.slice((page - 1) * pageSize, page * pageSize).map((c) => c.id);
  const rows = new Map((await repo.entriesByIds(db, ids)).map((r) => [r.id, r]));
  const items = ids.flatMap((id): PresentedHit[] => {
    const r = rows.get(id);
    if (!r) return [];
    const k = r.kind as SearchKind;
    const summary = r.summary ? excerpt(r.summary, query.tokens) : null;
    return [
      {
        kind: k,
        kindLabel: SEARCH_KIND_LABELS[k] ?? r.kind,
        title: r.title,
        titleHtml: highlightHtml(r.title, query.tokens),
        url: r.url,
        summary,
        summaryHtml: summary ? highlightHtml(summary, query.tokens) : null,
        date: r.dated,
      },
    ];
  });
  return { query, kind, items, total, capped, page, pageSize, pages };
}

/* The kinds of entry and their labels, for the index rebuild (features/exchange/search.rebuild.ts) and the CLI. */
export { SEARCH_KINDS, SEARCH_KIND_LABELS, type SearchKind } from './search.table.js';
