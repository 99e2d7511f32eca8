export * from './explainer.js';
export { pointsExplainer } from './points.js';
export { tierExplainer } from './tier.js';
export { creditScoreExplainer } from './creditScore.js';
export { commissionExplainer } from './commission.js';
export { complaintBreachExplainer } from './complaintBreach.js';
export { explainValue, defaultExplainers, type ExplainDeps } from './explainValue.js';
