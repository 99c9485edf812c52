// Incident categories (from the hub's config): loaded once per session, on first use.
import type { IncidentCategoryDto } from '../../../server/contracts.ts';
import type { IncidentsApi } from '../api/incidents-api.ts';

export interface CategoryCache {
  /** every category, retired ones included (old incidents keep theirs) */
  load(): Promise<IncidentCategoryDto[]>;
  /** what is loaded so far (empty before the first load) */
  peek(): IncidentCategoryDto[];
}

export function createCategoryCache(api: IncidentsApi): CategoryCache {
  let loaded: IncidentCategoryDto[] = [];
  let pending: Promise<IncidentCategoryDto[]> | null = null;
  return {
    load() {
      pending ??= api.categories().then(
        (list) => {
          loaded = list;
          return list;
        },
        (err: unknown) => {
          pending = null; // try again next time
          throw err;
        },
      );
      return pending;
    },
    peek: () => loaded,
  };
}
