/**
 * The knowledge base's tokenizer. Text is NFKC-normalised (full-width ＡＢＣ１２ becomes
 * ABC12, full-width punctuation becomes ASCII) and lower-cased, then cut into runs:
 * - a run of CJK ideographs gives each character and each pair of adjacent characters
 *   (退货政策 → 退, 退货, 货, 货政, 政, 政策, 策);
 * - a run of other letters, digits and marks gives one word (at most 64 characters);
 * - anything else (spaces, punctuation, symbols) separates runs.
 */

const CJK = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}\p{M}]/u;
/** Longer words are cut here, so no token makes a document key or posting unbounded. */
export const MAX_TOKEN_LENGTH = 64;

type Run = { readonly cjk: boolean; readonly chars: readonly string[] };

const runsOf = (text: string): Run[] => {
  const runs: Run[] = [];
  let cur: { cjk: boolean; chars: string[] } | null = null;
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    const cjk = CJK.test(ch);
    if (!cjk && !WORD.test(ch)) {
      cur = null;
      continue;
    }
    if (cur === null || cur.cjk !== cjk) runs.push((cur = { cjk, chars: [] }));
    cur.chars.push(ch);
  }
  return runs;
};

const word = (chars: readonly string[]): string => chars.slice(0, MAX_TOKEN_LENGTH).join('');

/** Every token of a text, each once, in order of first appearance (what the index holds). */
export const tokenize = (text: string): string[] => {
  const out = new Set<string>();
  for (const r of runsOf(text)) {
    if (!r.cjk) {
      out.add(word(r.chars));
      continue;
    }
    r.chars.forEach((ch, i) => {
      if (i > 0) out.add(r.chars[i - 1]! + ch);
      out.add(ch);
    });
  }
  return [...out];
};

/**
 * The tokens a query looks for: like {@link tokenize}, except that a CJK run of two or more
 * characters gives only its pairs, so 退货 does not find every text with 货 (发货, 到货).
 * A single CJK character is looked up alone. Each token once.
 */
export const queryTokens = (query: string): string[] => {
  const out = new Set<string>();
  for (const r of runsOf(query)) {
    if (!r.cjk) out.add(word(r.chars));
    else if (r.chars.length === 1) out.add(r.chars[0]!);
    else for (let i = 1; i < r.chars.length; i++) out.add(r.chars[i - 1]! + r.chars[i]!);
  }
  return [...out];
};
