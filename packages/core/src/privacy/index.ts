export * from './sealedText.js';
export * from './vault.js';
export * from './vaultCrypto.js';
export * from './normalise.js';
