// The example in docs/privacy.md, run as a test: the doc's code block must be exactly the
// imports region followed by the example region below (dedented), so the doc never rots.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// #region imports
import * as E from 'fp-ts/lib/Either.js';
import { normaliseEmail, normalisePhone } from '@rapport/core';
import { MemoryVault } from '@rapport/memory';
// #endregion

describe('docs/privacy.md', () => {
  it('runs its example', async () => {
    // #region example
    console.log(normalisePhone('+86 138-0013-8000')); // { _tag: 'Right', right: '13800138000' }
    console.log(normalisePhone('0049 30 1234567')); // { _tag: 'Right', right: '+49301234567' }
    console.log(E.isLeft(normalisePhone('12345'))); // true
    console.log(normaliseEmail('  Li.Na@Example.COM ')); // { _tag: 'Right', right: 'li.na@example.com' }

    const vault = new MemoryVault();
    const sealed = await vault.encrypt('shop1', 'c-ann', '李娜');
    console.log(sealed); // { alg: 'aes-256-gcm', keyId, iv, tag, ct }: no plaintext
    const opened = await vault.decrypt('shop1', 'c-ann', sealed);
    console.log(opened); // 李娜
    const index = await vault.blindIndex('shop1', 'phone', '13800138000');
    console.log(index); // 43 characters of base64url, the same for the same phone in this shop
    await vault.erase('shop1', 'c-ann');
    const gone = await vault.decrypt('shop1', 'c-ann', sealed);
    console.log(gone); // undefined
    // #endregion
    expect(normalisePhone('+86 138-0013-8000')).toEqual(E.right('13800138000'));
    expect(normalisePhone('0049 30 1234567')).toEqual(E.right('+49301234567'));
    expect(normaliseEmail('  Li.Na@Example.COM ')).toEqual(E.right('li.na@example.com'));
    expect(JSON.stringify(sealed)).not.toContain('李娜');
    expect(opened).toBe('李娜');
    expect(index).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(gone).toBeUndefined();
  });

  it('shows that example verbatim', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const region = (name: string) => {
      const m = new RegExp(`// #region ${name}\\n([\\s\\S]*?)\\n\\s*// #endregion`).exec(source);
      return m![1]!.split('\n').map((l) => l.replace(/^ {4}/, '')).join('\n');
    };
    const doc = readFileSync(fileURLToPath(new URL('../../../../docs/privacy.md', import.meta.url)), 'utf8');
    expect(doc).toContain('```ts\n' + region('imports') + '\n\n' + region('example') + '\n```');
  });
});
