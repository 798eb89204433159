import { describeEdges, folderCycles, folderGraph, folderOf, SRC_ROOT } from './folder-graph';

describe('folder graph', () => {
  it('maps a file to its top-level folder, a root file to the src node and a lib file to nothing', () => {
    expect(folderOf('holds/hold.service.ts')).toBe('holds');
    expect(folderOf('holds/dto/create-hold.dto.ts')).toBe('holds');
    expect(folderOf('main.ts')).toBe(SRC_ROOT);
    expect(folderOf('../../../libs/runtime/src/index.ts')).toBeUndefined();
  });

  it('keeps only the imports that cross from one folder to another', () => {
    const graph = folderGraph({
      'holds/hold.service.ts': ['holds/hold.repository.ts', 'accounts/account.ts', '../../../libs/x.ts'],
      'accounts/account.ts': [],
    });
    expect(describeEdges(graph)).toEqual(['holds -> accounts']);
  });

  it('finds no cycle when folders only import downwards', () => {
    const graph = folderGraph({
      'main.ts': ['holds/holds.module.ts', 'accounts/accounts.module.ts'],
      'holds/holds.module.ts': ['accounts/account.ts'],
      'accounts/account.ts': ['shared/clock.ts'],
    });
    expect(folderCycles(graph)).toEqual([]);
  });

  it('reports each group of folders that reach one another, including through a third folder', () => {
    const graph = folderGraph({
      'accounts/balance.service.ts': ['lists/list.repository.ts'],
      'lists/lists.controller.ts': ['accounts/dto/account.dto.ts'],
      'holds/hold.service.ts': ['monitors/monitor.ts', 'accounts/account.ts'],
      'monitors/monitor.ts': ['journal/entry.ts'],
      'journal/entry.ts': ['holds/hold.ts'],
    });
    expect(folderCycles(graph)).toEqual([
      ['accounts', 'lists'],
      ['holds', 'journal', 'monitors'],
    ]);
  });
});
