/**
 * Knowledge base (知识库, DOMAIN §12): articles (problem, solution, category, tags) in
 * versions, retired for good; complaint resolutions cite them; most-cited per category;
 * keyword search over current versions (Chinese by characters and pairs of characters).
 * Stream `kb_article-<tenantId>.<articleId>`.
 */
export * from './ids.js';
export * from './values.js';
export * from './events.js';
export * from './commands.js';
export * from './errors.js';
export * from './policy.js';
export * from './decider.js';
export * from './streams.js';
export * from './tokenize.js';
export * from './projections/article.js';
export * from './projections/searchIndex.js';
export * from './search.js';
export * from './reactors.js';
export * from './reads.js';
export * from './module.js';
