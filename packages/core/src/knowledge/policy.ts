import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { make } from '../kernel/codecs.js';
import type { ValidationError } from '../kernel/errors.js';
import { policyWithOverrides } from '../kernel/policyOverrides.js';

const Weight = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0 && n <= 100, 'Weight (integer 0-100)');
const Limit = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 1 && n <= 100, 'Limit (integer 1-100)');
const TagCount = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0 && n <= 50, 'TagCount (integer 0-50)');

/**
 * The knowledge-base (知识库) slice of a shop's policy. The weights apply at read time
 * (the index records in which fields a token occurs), so changing them needs no rebuild.
 */
export const KnowledgePolicy = t.type(
  {
    /** Score of a query token found in the title. */
    titleWeight: Weight,
    /** ... in the problem. */
    problemWeight: Weight,
    /** ... in a tag. */
    tagWeight: Weight,
    /** ... in the solution. */
    solutionWeight: Weight,
    /** Results returned when the caller gives no limit. */
    searchLimit: Limit,
    /** At most this many tags per version. */
    maxTags: TagCount,
  },
  'KnowledgePolicy',
);
export type KnowledgePolicy = t.TypeOf<typeof KnowledgePolicy>;

/** DOMAIN §12 names no numbers here: title and tags 3, problem 2, solution 1; 10 results; 10 tags. */
export const defaultKnowledgePolicy: KnowledgePolicy = make(KnowledgePolicy)({
  titleWeight: 3,
  problemWeight: 2,
  tagWeight: 3,
  solutionWeight: 1,
  searchLimit: 10,
  maxTags: 10,
});

/** What a shop may override: any subset of {@link KnowledgePolicy}. */
export const KnowledgePolicyInput = t.partial(KnowledgePolicy.props, 'KnowledgePolicyInput');

/** The defaults with a shop's overrides, or a ValidationError naming the bad field. */
export const knowledgePolicy: (overrides?: unknown) => E.Either<ValidationError, KnowledgePolicy> = policyWithOverrides(KnowledgePolicyInput, defaultKnowledgePolicy, 'knowledge policy');
