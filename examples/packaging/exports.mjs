// The export names of one built package, loaded once through `import` and once through `require`.
import { createRequire } from 'node:module';

const name = process.argv[2];
const require = createRequire(import.meta.url);
const esm = await import(name);
const cjs = require(name);
const names = (m) => Object.keys(m).filter((k) => k !== 'default' && k !== '__esModule').sort();
console.log(JSON.stringify({ esm: names(esm), cjs: names(cjs), esmFile: import.meta.resolve(name), cjsFile: require.resolve(name) }));
