export * from './module.js';
export * from './context.js';
export * from './policy.js';
export * from './modules.js';
export * from './createCrm.js';
export * from './readApi.js';
export * from './partnerView.js';
export * from './crm.js';
