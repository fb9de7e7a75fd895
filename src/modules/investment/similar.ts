/**
 * Near-duplicate company names: 示例装备股份有限公司 and 示例装备有限公司 are
 * probably one company. Compares the "core" of names (no legal-form suffix,
 * no bracketed region) by equality, containment and bigram similarity.
 */

const SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '集团公司', '集团', '股份公司', '公司', '总公司'];

export function coreName(name: string): string {
  let s = name
    .normalize('NFKC')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s·.,，、]/g, '')
    .toLowerCase();
  for (let again = true; again; ) {
    again = false;
    for (const suf of SUFFIXES) {
      if (s.length > suf.length + 1 && s.endsWith(suf)) {
        s = s.slice(0, -suf.length);
        again = true;
      }
    }
  }
  return s;
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Sørensen–Dice coefficient over character bigrams, 0…1. */
export function dice(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const x = bigrams(a);
  const y = bigrams(b);
  let both = 0;
  for (const [g, n] of x) both += Math.min(n, y.get(g) ?? 0);
  return (2 * both) / (a.length - 1 + (b.length - 1));
}

export function isSimilarName(a: string, b: string): boolean {
  const x = coreName(a);
  const y = coreName(b);
  if (x === '' || y === '') return false;
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (short.length >= 4 && long.includes(short)) return true;
  return dice(x, y) >= 0.8;
}

/** The names among `candidates` near `name`, excluding an exact repeat of it. */
export function similarNames(name: string, candidates: readonly string[]): string[] {
  return candidates.filter((c) => c !== name && isSimilarName(name, c));
}
