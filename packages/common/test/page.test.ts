import { describe, expect, it } from 'vitest';

import { validatePage } from '../src/page';

describe('page requests', () => {
  it('start at the cursor, or at the beginning without one', () => {
    expect(validatePage({ cursor: [], limit: 1 })).toEqual({ Ok: { start: 0n, limit: 1 } });
    expect(validatePage({ cursor: [42n], limit: 100 })).toEqual({ Ok: { start: 42n, limit: 100 } });
  });

  it('refuse a limit outside 1 to 100 as an invalid limit', () => {
    for (const limit of [0, 101, 4_294_967_295]) {
      expect(validatePage({ cursor: [], limit })).toEqual({
        Err: { InvalidArgument: { field: 'limit', reason: 'must be from 1 to 100' } },
      });
    }
  });
});
