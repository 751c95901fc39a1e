/**
 * Every action the code records in the audit log has a Vietnamese name on the log's page: read
 * from the sources (the literal codes of `action:` and of model transitions, and the expansions of
 * each template code), so a new audited write without a name fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionChoices, auditActionLabel, auditEntityLabel, knownActionLabel } from './audit.labels.js';

const SRC = join(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The codes a template `action: \`prefix.${…}\`` expands to, by prefix: the values its variable takes. */
const TEMPLATES: Record<string, string[]> = {
  report: ['approve', 'return'],
  clearanceStep: ['plan', 'done', 'approve', 'notApplicable', 'pause', 'resume'],
  article: ['submit', 'publish', 'return', 'unpublish'],
};

describe('names of audited actions', () => {
  const files = sources(SRC).map((p) => ({ p, text: readFileSync(p, 'utf8') }));

  it('names every action code the sources record, literal, chosen or expanded from a template', () => {
    const codes = new Set<string>();
    for (const { text } of files) {
      for (const line of text.split('\n')) {
        if (/\baction: /.test(line)) for (const m of line.matchAll(/'([a-z][a-zA-Z_]*\.[a-zA-Z_.]+)'/g)) codes.add(m[1]!);
        // a model's transitions and removals pass their action as an argument
        for (const m of line.matchAll(/(?:transition|removeJudgement)\(.*?'((?:model)\.[a-zA-Z_.]+)'(?: : '(model\.[a-zA-Z_.]+)')?/g)) [m[1], m[2]].forEach((c) => c && codes.add(c));
      }
    }
    const templates = new Set(files.flatMap(({ text }) => [...text.matchAll(/\baction: `([a-zA-Z_]+)\.\$\{/g)].map((m) => m[1]!)));
    expect([...templates].sort()).toEqual(Object.keys(TEMPLATES).sort());
    for (const [prefix, values] of Object.entries(TEMPLATES)) values.forEach((v) => codes.add(`${prefix}.${v}`));
    expect(codes.size).toBeGreaterThan(120);
    expect([...codes].filter((c) => knownActionLabel(c) === undefined)).toEqual([]);
  });

  it('says a write by its own name, a refusal by the policy action, an unknown code as itself', () => {
    expect(auditActionLabel('phase.delete')).toBe('Xóa giai đoạn');
    expect(auditActionLabel('model.recognition.add')).toBe('Ghi công nhận mô hình');
    expect(auditActionLabel('clearance.personal')).toBe('Xem thông tin cá nhân của hộ dân trong diện giải phóng mặt bằng');
    expect(auditActionLabel('khong.co')).toBe('khong.co');
    expect(auditEntityLabel('awardProposal')).toBe('Tờ trình khen thưởng');
    expect(auditEntityLabel('khong_co')).toBe('khong_co');
    const labels = auditActionChoices().map((o) => o.label);
    expect(labels).toEqual([...labels].sort(new Intl.Collator('vi').compare));
    expect(labels).toContain('Duyệt đăng ký mô hình');
  });
});
