export * from './sealedText.js';
export * from './vault.js';
export * from './normalise.js';
