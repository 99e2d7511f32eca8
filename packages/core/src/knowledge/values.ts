import * as t from 'io-ts';

/** Text that is not blank, at most `max` characters (code points); `singleLine` refuses line breaks. */
const text = (name: string, max: number, singleLine = false) =>
  t.refinement(
    t.string,
    (s) => s.trim().length > 0 && [...s].length <= max && !(singleLine && /[\r\n]/.test(s)),
    `${name} (not blank, at most ${max} characters${singleLine ? ', one line' : ''})`,
  );

/** An article's title: what an agent scans in the results. */
export const ArticleTitle = text('ArticleTitle', 200, true);
/** The problem as the customer describes it (问题). */
export const ArticleProblem = text('ArticleProblem', 4000);
/** What solves it (解决方法). */
export const ArticleSolution = text('ArticleSolution', 20000);
/** The shelf the article sits on (退换货, logistics...): most-cited lists are per category. */
export const KnowledgeCategory = text('KnowledgeCategory', 40, true);
export type KnowledgeCategory = t.TypeOf<typeof KnowledgeCategory>;
/** A keyword an editor adds; searched with the title's weight. */
export const ArticleTag = text('ArticleTag', 40, true);

/** One version's content. */
export const ArticleContent = t.type(
  {
    title: ArticleTitle,
    problem: ArticleProblem,
    solution: ArticleSolution,
    category: KnowledgeCategory,
    tags: t.array(ArticleTag),
  },
  'ArticleContent',
);
export type ArticleContent = t.TypeOf<typeof ArticleContent>;

/** A version number: 1 for the first publication, +1 per revision. */
export const ArticleVersion = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 1, 'ArticleVersion (integer ≥ 1)');
export type ArticleVersion = t.TypeOf<typeof ArticleVersion>;

/** The same content, field by field (tags in order). */
export const sameContent = (a: ArticleContent, b: ArticleContent): boolean =>
  a.title === b.title &&
  a.problem === b.problem &&
  a.solution === b.solution &&
  a.category === b.category &&
  a.tags.length === b.tags.length &&
  a.tags.every((x, i) => x === b.tags[i]);
