import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_TOKEN_LENGTH, queryTokens, tokenize } from './tokenize.js';

describe('tokenize', () => {
  it('gives each CJK character and each pair of adjacent ones', () => {
    expect(tokenize('退货政策')).toEqual(['退', '退货', '货', '货政', '政', '政策', '策']);
    expect(tokenize('退')).toEqual(['退']);
  });

  it('lower-cases Latin words and splits them on anything but letters and digits', () => {
    expect(tokenize('Refund-Policy: 7days, e-mail_us NOW!')).toEqual(['refund', 'policy', '7days', 'e', 'mail', 'us', 'now']);
  });

  it('breaks CJK pairs at punctuation, spaces and Latin words, and keeps each token once', () => {
    expect(tokenize('退货，退款')).toEqual(['退', '退货', '货', '退款', '款']);
    expect(tokenize('退 货')).toEqual(['退', '货']);
    expect(tokenize('七天无理由退货app退货')).toEqual(['七', '七天', '天', '天无', '无', '无理', '理', '理由', '由', '由退', '退', '退货', '货', 'app']);
  });

  it('folds full-width letters, digits and punctuation (NFKC)', () => {
    expect(tokenize('ＲＥＦＵＮＤ　１２３！退货')).toEqual(['refund', '123', '退', '退货', '货']);
    expect(tokenize('（订单）')).toEqual(['订', '订单', '单']);
  });

  it('gives nothing for blank or punctuation-only text, and cuts very long words', () => {
    expect(tokenize('  ，。!?—— ')).toEqual([]);
    expect(tokenize('a'.repeat(200))).toEqual(['a'.repeat(MAX_TOKEN_LENGTH)]);
  });

  it('keeps words that are also object keys as plain tokens', () => {
    expect(tokenize('constructor toString __proto__')).toEqual(['constructor', 'tostring', 'proto']);
  });
});

describe('queryTokens', () => {
  it('looks up pairs only for a CJK run of two or more, a lone character alone', () => {
    expect(queryTokens('退货')).toEqual(['退货']);
    expect(queryTokens('退货政策')).toEqual(['退货', '货政', '政策']);
    expect(queryTokens('货')).toEqual(['货']);
    expect(queryTokens('Refund 退款 speed')).toEqual(['refund', '退款', 'speed']);
  });

  it('are always tokens of the query text itself', () =>
    fc.assert(
      fc.property(fc.array(fc.constantFrom('退', '货', '款', ' ', 'a', 'B', '1', '，', 'Ｚ', '-', '政', 'é'), { maxLength: 30 }), (chars) => {
        const q = chars.join('');
        const all = new Set(tokenize(q));
        expect(queryTokens(q).every((tk) => all.has(tk))).toBe(true);
        expect(new Set(tokenize(q)).size).toBe(tokenize(q).length);
      }),
    ));
});
